import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControl, type CidxControl } from './control';
import { FaultBook } from './faults/fault-rules';
import { createRequestHandler } from './http/handler';
import { Router } from './http/router';
import { resolveOptions, type CidxServerOptions } from './options';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerApiKeyRoutes } from './routes/api-key-routes';
import { registerAuthRoutes } from './routes/auth-routes';
import { registerControlRoutes } from './routes/control-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerJobRoutes } from './routes/job-routes';
import { registerRepoRoutes } from './routes/repo-routes';
import { registerSyncRoutes } from './routes/sync-routes';
import { applyScenario } from './scenarios/apply';
import { resolveScenario } from './scenarios/index';
import { createState } from './state';
import { RequestCounter } from './stats';
import type { Flavor } from './types';

export type { CidxServerOptions } from './options';
export type { CidxControl, SeededCredentials } from './control';

export interface RunningCidxServer {
  url: string;
  port: number;
  flavor: Flavor;
  control: CidxControl;
  close(): Promise<void>;
}

function buildApiRouter(state: ReturnType<typeof createState>): Router {
  const router = new Router();
  registerAuthRoutes(router, state);
  registerApiKeyRoutes(router, state);
  registerJobRoutes(router, state);
  registerSyncRoutes(router, state);
  registerRepoRoutes(router, state);
  registerAdminRoutes(router, state);
  registerHealthRoutes(router, state, () => router.templates());
  return router;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts a CIDX server double on 127.0.0.1 (cidx-api.md is its specification). */
export async function startCidxServer(options: CidxServerOptions): Promise<RunningCidxServer> {
  const resolved = resolveOptions(options);
  const scenario = resolveScenario(options.scenario, resolved.flavor);
  const state = createState(resolved, scenario.defaultSync ?? {});
  const disposeScenario = applyScenario(state, scenario);

  const faults = new FaultBook();
  const stats = new RequestCounter();
  const hung = new Set<() => void>();
  const releaseHung = (): void => {
    const waiting = [...hung];
    hung.clear();
    for (const resolve of waiting) resolve();
  };
  const scenarioTimers = new Set<unknown>();
  const control = createControl({ state, faults, stats, releaseHung, scenarioTimers });
  const controlRouter = new Router();
  registerControlRoutes(controlRouter, control);

  let listeningPort = 0;
  const server = createServer(
    createRequestHandler({
      port: () => listeningPort,
      api: buildApiRouter(state),
      control: controlRouter,
      faults,
      stats,
      clock: state.clock,
      hung,
    }),
  );
  // uvicorn's default (timeout_keep_alive = 5 s): a client polling every second keeps its
  // connection, as it does against a real server.
  server.keepAliveTimeout = 5000;
  const port = await listen(server, resolved.port, resolved.host);
  listeningPort = port;
  const url = `http://${resolved.host}:${port}`;
  state.baseUrl = url;

  let closed = false;
  return {
    url,
    port,
    flavor: resolved.flavor,
    control,
    close: async () => {
      if (closed) return;
      closed = true;
      disposeScenario();
      for (const handle of scenarioTimers) state.clock.clearTimeout(handle);
      state.runner.dispose();
      hung.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
