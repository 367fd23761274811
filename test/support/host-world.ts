/**
 * The world the host integration tests share: the CIDX double (HEAD) on 127.0.0.1, a throw-away
 * settings folder, and — for browser mode — one server in it, signed in with alice's API key
 * from the file secret store, watched by a real browser-mode host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppSettingsInput } from '../../main/core/config';
import { startBrowserMode, type BrowserMode, type BrowserModeOptions } from '../../main/host/browser-mode';
import { writeSingleServerConfig } from '../../scripts/demo/demo-config';
import { startCidxServer, type CidxServerOptions, type RunningCidxServer } from '../cidx-server/server';

/** Fast polls and no coalescing delay, so a test waits on the server, not on the app. */
export const FAST_SETTINGS = {
  polling: { activeIntervalMs: 500 },
  notifications: { coalesceWindowMs: 0, digestWindowMs: 0 },
} satisfies AppSettingsInput;

export const quietLogger: NonNullable<BrowserModeOptions['logger']> = {
  debug: () => {},
  info: () => {},
  warn: () => {},
};

export interface DoubleAndConfigDir {
  double: RunningCidxServer;
  /** The settings folder, removed by `close`. */
  dir: string;
  apiKeyOf(username: string): string;
  close(): Promise<void>;
}

/** The HEAD double on a free port and an empty settings folder named after the test. */
export async function startDoubleAndConfigDir(
  dirPrefix: string,
  doubleOptions: Omit<CidxServerOptions, 'flavor' | 'port'> = {},
): Promise<DoubleAndConfigDir> {
  const double = await startCidxServer({ flavor: 'head', port: 0, ...doubleOptions });
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  return {
    double,
    dir,
    apiKeyOf(username) {
      const key = double.control.credentials().apiKeys.find((entry) => entry.username === username);
      if (!key) throw new Error(`the double has no API key for ${username}`);
      return key.apiKey;
    },
    async close() {
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserWorldOptions {
  /** Prefix of the temporary settings folder, e.g. 'cidx-host-bridge-'. */
  dirPrefix: string;
  double?: Omit<CidxServerOptions, 'flavor' | 'port'>;
  /** The host's seams; the logger is quiet and opening URLs does nothing unless given. */
  host?: Pick<BrowserModeOptions, 'notifier' | 'openExternal' | 'logger' | 'iconPath'>;
}

export interface BrowserWorld extends DoubleAndConfigDir {
  mode: BrowserMode;
  /** The id of the one configured server ('Double'). */
  serverId: string;
}

/** Browser mode watching the double as alice, over the file secret store. */
export async function startBrowserWorld(options: BrowserWorldOptions): Promise<BrowserWorld> {
  const base = await startDoubleAndConfigDir(options.dirPrefix, options.double);
  try {
    const server = await writeSingleServerConfig({
      configDir: base.dir,
      name: 'Double',
      url: base.double.url,
      credentials: { apiKey: base.apiKeyOf('alice') },
      settings: FAST_SETTINGS,
    });
    const mode = await startBrowserMode({
      configDir: base.dir,
      env: { CIDX_TRAY_SECRET_STORE: 'file' },
      rendererDir: join(base.dir, 'renderer'),
      openExternal: () => {},
      logger: quietLogger,
      ...options.host,
    });
    return {
      ...base,
      mode,
      serverId: server.id,
      async close() {
        await mode.stop();
        await base.close();
      },
    };
  } catch (error) {
    await base.close();
    throw error;
  }
}
