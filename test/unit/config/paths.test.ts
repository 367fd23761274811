import { describe, expect, it } from 'vitest';
import { configDocumentPath, configFilePath, resolveConfigDir } from '../../../main/core/config';

describe('resolveConfigDir', () => {
  it('honours CIDX_TRAY_CONFIG_DIR on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(
        resolveConfigDir({ platform, env: { CIDX_TRAY_CONFIG_DIR: '/custom/dir' }, home: '/home/ana' }),
      ).toBe('/custom/dir');
    }
  });

  it('uses XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(resolveConfigDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ana' })).toBe(
      '/xdg/cidx-tray',
    );
    expect(resolveConfigDir({ platform: 'linux', env: {}, home: '/home/ana' })).toBe(
      '/home/ana/.config/cidx-tray',
    );
    // A relative XDG_CONFIG_HOME is invalid per the spec.
    expect(resolveConfigDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/ana' })).toBe(
      '/home/ana/.config/cidx-tray',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(
      resolveConfigDir({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/Users/ana' }),
    ).toBe('/Users/ana/Library/Application Support/cidx-tray');
  });

  it('uses %APPDATA% on Windows, else the roaming profile folder', () => {
    expect(
      resolveConfigDir({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        home: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\cidx-tray');
    expect(resolveConfigDir({ platform: 'win32', env: {}, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\cidx-tray',
    );
  });

  it('puts config.json and other documents in that directory', () => {
    expect(configFilePath('/c', 'linux')).toBe('/c/config.json');
    expect(configDocumentPath('C:\\c', 'ledger.json', 'win32')).toBe('C:\\c\\ledger.json');
  });
});
