import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TrayIcon } from '../../../main/core/tray/tray-model-types';
import { trayIconFileName } from '../../../main/electron/tray-images';

vi.mock('electron', () => import('./fake-electron'));

const assets = join(import.meta.dirname, '..', '..', '..', 'assets');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const icons: TrayIcon[] = [
  { kind: 'idle', progressStep: null },
  { kind: 'failed', progressStep: null },
  { kind: 'offline', progressStep: null },
  ...Array.from({ length: 11 }, (_, index): TrayIcon => ({ kind: 'running', progressStep: index * 10 })),
];

describe('tray icon assets', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'exist for every state and progress step on %s, at 1x and 2x',
    (platform) => {
      for (const icon of icons) {
        const name = trayIconFileName(icon, platform);
        expect(pngSize(join(assets, 'tray', name))).toEqual({ width: 16, height: 16 });
        expect(pngSize(join(assets, 'tray', name.replace('.png', '@2x.png')))).toEqual({
          width: 32,
          height: 32,
        });
      }
    },
  );

  it('tells the states apart by shape: every state is a different image', () => {
    const names = icons.map((icon) => trayIconFileName(icon, 'darwin'));
    const images = new Set(
      names.map((name) =>
        readFileSync(join(assets, 'tray', name.replace('.png', '@2x.png'))).toString('base64'),
      ),
    );
    expect(images.size).toBe(icons.length);
  });

  it('has the app icons packaging needs', () => {
    expect(pngSize(join(assets, 'app', 'icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(assets, 'app', 'icon-256.png'))).toEqual({ width: 256, height: 256 });
    expect(
      readFileSync(join(assets, 'app', 'icon.icns'))
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('icns');
    expect(readFileSync(join(assets, 'app', 'icon.ico')).readUInt16LE(2)).toBe(1);
  });
});
