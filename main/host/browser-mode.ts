/**
 * Browser mode's root: the app (composeApp: monitor, notifications, handlers, patches) over the
 * person's config dir, with the secret store chosen like the CLI's and Node's fetch per server
 * TLS, behind the host server. The Electron app composes the same app with its own adapters.
 */
import { fileURLToPath } from 'node:url';
import { nodeHostFetch } from '../core/cidx/node-host-fetch';
import type { FetchLike } from '../core/cidx/http';
import type { Logger } from '../core/cidx/logger';
import { systemClock, type Clock } from '../core/clock';
import { ConfigFile, chooseSecretStore, configFilePath, type ServerConfig } from '../core/config';
import type { Monitor } from '../core/monitor';
import { composeApp } from '../app/compose-app';
import { createDesktopNotifier, type NodeNotifierLike } from '../desktop-notifications/desktop-notifier';
import { browserHostHooks } from './host-hooks';
import { createLineLogger } from './host-logger';
import { startHostServer, type HostServer } from './host-server';
import { createOpenExternal } from './open-external';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface BrowserModeOptions {
  configDir: string;
  /** Decides the secret store (CIDX_TRAY_SECRET_STORE); `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** 0 (default) picks a free port. */
  port?: number;
  rendererDir?: string;
  logger?: Logger;
  clock?: Clock;
  version?: string;
  iconPath?: string;
  /** Tests: a fake node-notifier, a recorded opener, a known token. */
  notifier?: NodeNotifierLike;
  openExternal?(url: string): void;
  token?: string;
  /** A page asked the app to quit. */
  onQuit?(): void;
}

export interface BrowserMode {
  core: Monitor;
  server: HostServer;
  pageUrl: string;
  /** Stops polling (flushing pending banners) and closes every page and the server. */
  stop(): Promise<void>;
}

function fetchPerTls(env: NodeJS.ProcessEnv): (server: ServerConfig) => FetchLike {
  const byTls = new Map<string, FetchLike>();
  return (server) => {
    const key = JSON.stringify([server.tls.caFile ?? null, server.tls.insecureSkipVerify]);
    let fetch = byTls.get(key);
    if (!fetch) {
      fetch = nodeHostFetch(
        { caFile: server.tls.caFile, insecureSkipVerify: server.tls.insecureSkipVerify },
        env,
      );
      byTls.set(key, fetch);
    }
    return fetch;
  };
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const logger = options.logger ?? createLineLogger();
  const env = options.env ?? process.env;
  const chosen = await chooseSecretStore({ platform: process.platform, configDir: options.configDir, env });
  if (!chosen.ok) throw new Error(chosen.error.message);
  logger.info('secrets are kept in', { store: chosen.value.kind, reason: chosen.value.reason });
  const secrets = chosen.value.store;
  const configFile = new ConfigFile({ path: configFilePath(options.configDir), secretStore: secrets });

  // The page server is made after the handlers it serves: patches and clicks reach it late-bound.
  let server: HostServer | null = null;
  const composed = await composeApp({
    monitor: {
      clock: options.clock ?? systemClock,
      configDir: options.configDir,
      config: { load: () => configFile.load(), save: (document) => configFile.save(document) },
      secrets,
      fetchFor: fetchPerTls(env),
      logger,
    },
    notifications: {
      createNotifier: (notifierOptions) =>
        createDesktopNotifier({ ...notifierOptions, notifier: options.notifier }),
      iconPath: options.iconPath,
      showWindow: (job) => {
        if (job) server?.bridge.broadcast({ type: 'event', channel: 'app:show-job', payload: job });
      },
      logger,
    },
    hooks: (deliver) =>
      browserHostHooks({
        version: options.version ?? process.env.npm_package_version ?? 'dev',
        logger,
        deliver,
        openExternal: options.openExternal ?? createOpenExternal(logger),
        quit: () => options.onQuit?.(),
      }),
    forwardPatch: (patch) =>
      server?.bridge.broadcast({ type: 'event', channel: 'core:patch', payload: patch }),
  });
  const host = await startHostServer({
    port: options.port ?? 0,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    handle: composed.handle,
    logger,
    token: options.token,
  });
  server = host;
  composed.monitor.start();

  let stopping: Promise<void> | null = null;
  return {
    core: composed.monitor,
    server: host,
    pageUrl: host.pageUrl,
    stop: () =>
      (stopping ??= (async () => {
        composed.stop();
        await host.close();
      })()),
  };
}
