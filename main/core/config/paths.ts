/**
 * Where the desktop app and the CLI keep their files. Both read the same directory so a server
 * added in one is seen by the other.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_DIR_NAME = 'cidx-tray';
export const CONFIG_FILE_NAME = 'config.json';
/** Overrides the platform default; tests and portable setups use it. */
export const CONFIG_DIR_ENV = 'CIDX_TRAY_CONFIG_DIR';

export interface ConfigDirOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The config directory for this platform (not created here). */
export function resolveConfigDir(options: ConfigDirOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const override = env[CONFIG_DIR_ENV]?.trim();
  if (override) return override;

  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  }
  // Linux and the other Unixes follow the XDG base directory spec; a relative
  // XDG_CONFIG_HOME is invalid per the spec and ignored.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(base, APP_DIR_NAME);
}

/** A file that lives beside `config.json` (ledgers, job cache, the file secret store). */
export function configDocumentPath(configDir: string, fileName: string, platform = process.platform): string {
  return platform === 'win32' ? win32.join(configDir, fileName) : posix.join(configDir, fileName);
}

/** The settings file itself. */
export function configFilePath(configDir: string, platform = process.platform): string {
  return configDocumentPath(configDir, CONFIG_FILE_NAME, platform);
}
