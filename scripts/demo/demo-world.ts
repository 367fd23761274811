/**
 * The demo world for `npm run demo:web`, `npm run demo` and `npm run demo:cli`: the CIDX server
 * double with its lively scenario on 127.0.0.1, and a throw-away settings folder that names it
 * (API key in a file secret store), so a person's own configuration is never touched. A
 * launcher's business: no host imports it, and no shipped code loads the double (lint-enforced).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCidxServer } from '../../test/cidx-server/server';
import { ConfigFile, MemorySecretStore, configFilePath, resolveConfigDir } from '../../main/core/config';
import { writeSingleServerConfig } from './demo-config';

export interface DemoWorldOptions {
  /** Multiplies every job duration of the double (tests make the demo faster). */
  timeScale?: number;
  flavor?: 'head' | 'v5';
}

export interface DemoWorld {
  /**
   * Added to a host's or the CLI's environment, it points them at the demo's settings folder,
   * whose file secret store is throw-away (CIDX_TRAY_DEMO): no "no keychain" warning for a
   * keychain the demo avoids on purpose (it must leave nothing in a person's keychain).
   */
  env: { CIDX_TRAY_CONFIG_DIR: string; CIDX_TRAY_SECRET_STORE: 'file'; CIDX_TRAY_DEMO: '1' };
  serverUrl: string;
  close(): Promise<void>;
}

/** The demo is wanted when asked for (`--demo`), or when no server is configured yet. */
export async function demoWanted(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  if (argv.includes('--demo')) return true;
  const path = configFilePath(resolveConfigDir({ env }));
  // A read-only look: the memory store means a migration here can never move secrets anywhere.
  const loaded = await new ConfigFile({ path, secretStore: new MemorySecretStore() }).load();
  return loaded.document.servers.length === 0;
}

/** The demo signs in as its admin: every user's jobs are visible, as a team lead would see them. */
const DEMO_USER = 'admin';

export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const flavor = options.flavor ?? 'head';
  const server = await startCidxServer({ flavor, port: 0, scenario: 'demo', timeScale: options.timeScale });
  const configDir = mkdtempSync(join(tmpdir(), 'cidx-tray-demo-'));
  try {
    const credentials = server.control.credentials();
    const apiKey = credentials.apiKeys.find((key) => key.username === DEMO_USER)?.apiKey;
    const password = credentials.users.find((user) => user.username === DEMO_USER)?.password ?? '';
    await writeSingleServerConfig({
      configDir,
      name: 'Demo',
      url: server.url,
      // v5 has no API keys: the admin signs in with a password there.
      credentials: apiKey ? { apiKey } : { username: DEMO_USER, password },
      showAllUsers: true,
    });
  } catch (error) {
    await server.close();
    rmSync(configDir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    env: { CIDX_TRAY_CONFIG_DIR: configDir, CIDX_TRAY_SECRET_STORE: 'file', CIDX_TRAY_DEMO: '1' },
    serverUrl: server.url,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
