/**
 * The renderer's one API object of intentions — `jobs.cancel(ref)`, `servers.add(draft)`,
 * `onPatch(cb)` returning an unsubscribe — built over any transport that can invoke a request
 * channel and listen to an event channel. The Electron preload builds it over IPC, browser mode
 * over a WebSocket, tests over a fake: one piece of code, so the three cannot drift apart.
 */
import type { EventChannel, RequestChannel } from './channels';
import type {
  ContractResult,
  EventContract,
  JobRef,
  RequestPayload,
  ResponseValue,
  ServerDraft,
} from './contract';

export interface ContractTransport {
  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestPayload<C>,
  ): Promise<ContractResult<ResponseValue<C>>>;
  /** Returns the unsubscribe. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void): () => void;
}

export function createCidxTrayApi(transport: ContractTransport) {
  const call = <C extends RequestChannel>(channel: C, payload: RequestPayload<C>) =>
    transport.invoke(channel, payload);
  return {
    snapshot: () => call('snapshot:get', null),
    onPatch: (listener: (patch: EventContract['core:patch']) => void) => transport.on('core:patch', listener),
    onShowJob: (listener: (ref: JobRef) => void) => transport.on('app:show-job', listener),
    servers: {
      add: (draft: ServerDraft) => call('servers:add', draft),
      update: (request: RequestPayload<'servers:update'>) => call('servers:update', request),
      remove: (id: string) => call('servers:remove', { id }),
      test: (draft: ServerDraft) => call('servers:test', draft),
      repositories: (serverId: string) => call('servers:repositories', { serverId }),
    },
    jobs: {
      sync: (request: RequestPayload<'jobs:sync'>) => call('jobs:sync', request),
      cancel: (ref: JobRef) => call('jobs:cancel', ref),
      retry: (ref: JobRef) => call('jobs:retry', ref),
      acknowledge: (which: RequestPayload<'jobs:acknowledge'> = null) => call('jobs:acknowledge', which),
      focus: (serverId: string, jobIds: string[]) => call('jobs:focus', { serverId, jobIds }),
    },
    settings: {
      get: () => call('settings:get', null),
      update: (patch: RequestPayload<'settings:update'>) => call('settings:update', patch),
    },
    open: {
      job: (ref: JobRef) => call('open:job', ref),
      server: (serverId: string) => call('open:server', { serverId }),
    },
    notifications: { test: () => call('notifications:test', null) },
    app: {
      info: () => call('app:info', null),
      quit: () => call('app:quit', null),
    },
  };
}

/** The type of the API the renderer receives (derived from the object, style.md §7). */
export type CidxTrayApi = ReturnType<typeof createCidxTrayApi>;
