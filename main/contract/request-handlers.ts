/**
 * Main's side of the contract: one handler per request channel, shared by both hosts that
 * serve the renderer (Electron IPC and browser mode's WebSocket). Every payload is validated
 * against the contract's schema first; every answer is a `ContractResult`, never a throw.
 */
import type { CidxFailure } from '../core/cidx/failure';
import type { Monitor } from '../core/monitor/monitor-types';
import type { Result } from '../core/result';
import {
  REQUEST_CHANNELS,
  parseRequest,
  type AppInfo,
  type ContractFailure,
  type ContractResult,
  type RequestChannel,
  type RequestPayload,
  type ResponseValue,
} from '../../preload/contract';
import { webUiUrl } from './web-ui-url';

/** What only the host can do. */
export interface HostHooks {
  info(): AppInfo;
  /** Opens an http(s) URL in the person's browser; only ever called with a configured server's URL. */
  openExternal(url: string): Promise<void> | void;
  showTestNotification(): void;
  quit(): void;
  /** Where bugs in a handler are reported (never shown to the renderer in detail). */
  reportError(error: unknown, channel: string): void;
}

type Handlers = {
  [C in RequestChannel]: (payload: RequestPayload<C>) => Promise<ContractResult<ResponseValue<C>>>;
};

const done = { ok: true as const, value: null };
const failure = (kind: string, message: string): { ok: false; error: ContractFailure } => ({
  ok: false,
  error: { kind, message },
});

/** Core failures are already plain `{ kind, message }` data with no secrets in them. */
function fromCore<T, R>(
  result: Result<T, CidxFailure | { kind: string; message: string }>,
  map: (value: T) => R,
): ContractResult<R> {
  return result.ok
    ? { ok: true, value: map(result.value) }
    : failure(result.error.kind, result.error.message);
}

export type RequestHandler = (channel: string, payload: unknown) => Promise<ContractResult<unknown>>;

export function createRequestHandler(core: Monitor, hooks: HostHooks): RequestHandler {
  const serverUrl = (serverId: string) => core.servers().find((server) => server.id === serverId)?.url;

  const handlers: Handlers = {
    'snapshot:get': async () => ({ ok: true, value: core.snapshot() }),
    'servers:add': async ({ server, credentials }) =>
      fromCore(await core.addServer(server, credentials), (s) => s),
    'servers:update': async ({ id, patch, credentials }) =>
      fromCore(await core.updateServer(id, patch, credentials), (s) => s),
    'servers:remove': async ({ id }) => fromCore(await core.removeServer(id), () => null),
    'servers:test': async ({ server, credentials }) =>
      fromCore(await core.testConnection(server, credentials), (i) => i),
    'servers:repositories': async ({ serverId }) => fromCore(await core.listRepositories(serverId), (r) => r),
    'jobs:sync': async ({ serverId, repository, options }) =>
      fromCore(await core.jobs.submitSync(serverId, repository, options), ({ jobId }) => ({
        serverId,
        jobId,
      })),
    'jobs:cancel': async ({ serverId, jobId }) =>
      fromCore(await core.jobs.cancel(serverId, jobId), () => null),
    'jobs:retry': async ({ serverId, jobId }) =>
      fromCore(await core.jobs.retry(serverId, jobId), (s) => ({ serverId: s.serverId, jobId: s.jobId })),
    'jobs:acknowledge': async (which) => {
      core.acknowledgeFailures(which ?? undefined);
      return done;
    },
    'jobs:focus': async ({ serverId, jobIds }) => {
      core.setFocus(serverId, jobIds);
      return done;
    },
    'settings:get': async () => ({ ok: true, value: core.getSettings() }),
    'settings:update': async (patch) => fromCore(await core.updateSettings(patch), (s) => s),
    'open:job': async ({ serverId, jobId }) => {
      const base = serverUrl(serverId);
      if (!base) return failure('not-found', 'That server is not configured.');
      await hooks.openExternal(webUiUrl(base, { jobId }));
      return done;
    },
    'open:server': async ({ serverId }) => {
      const base = serverUrl(serverId);
      if (!base) return failure('not-found', 'That server is not configured.');
      await hooks.openExternal(webUiUrl(base));
      return done;
    },
    'notifications:test': async () => {
      hooks.showTestNotification();
      return done;
    },
    'app:info': async () => ({ ok: true, value: hooks.info() }),
    'app:quit': async () => {
      hooks.quit();
      return done;
    },
  };

  return async (channel, payload) => {
    if (!(REQUEST_CHANNELS as readonly string[]).includes(channel))
      return failure('unknown-channel', `No such request: ${channel.slice(0, 64)}`);
    const known = channel as RequestChannel;
    const parsed = parseRequest(known, payload);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[known] as (p: unknown) => Promise<ContractResult<unknown>>;
      return await handler(parsed.value);
    } catch (error) {
      hooks.reportError(error, known);
      return failure('internal', 'Something went wrong inside CIDX Tray; the details are in its log.');
    }
  };
}
