/**
 * The real polling engine against real CIDX doubles over HTTP on 127.0.0.1, with the real clock:
 * shared by the engine integration tests and the engine benchmark. Conditions are awaited as
 * engine events with a deadline, never with fixed sleeps.
 */
import { systemClock } from '../../main/core/clock';
import { apiKeyAuth } from '../../main/core/cidx/auth';
import { CidxClient } from '../../main/core/cidx/client';
import { createNodeFetch } from '../../main/core/cidx/node-transport';
import { passwordAuth } from '../../main/core/cidx/password-auth';
import { PollingEngine } from '../../main/core/engine/engine';
import type { EngineEvent, ServerHealth, ServerState } from '../../main/core/engine/events';
import type { EngineOptions } from '../../main/core/engine/options';
import type { RunningCidxServer } from '../cidx-server/server';
import type { ScriptedJob } from '../cidx-server/types';

/** Short intervals so a test sees many ticks in a second or two (real clock). */
export const FAST_ENGINE_OPTIONS = {
  activeIntervalMs: 150,
  idleIntervalMs: 500,
  commandActiveWindowMs: 2_000,
  backoffBaseMs: 200,
  backoffCapMs: 1_000,
  backoffFloorMs: 100,
  authFailedIntervalMs: 1_000,
  beyondWindowCheckMs: 1_000,
  probeRetryMs: 2_000,
} satisfies Partial<EngineOptions>;

export type AuthMode = 'api-key' | 'password';

export interface ClientSetup {
  auth: AuthMode;
  username?: string;
  /** Per request; short so hung and slow answers fail fast in tests. */
  timeoutMs?: number;
}

const sharedFetch = createNodeFetch();

/** A `CidxClient` for a seeded user of the double (API key on HEAD, password on either). */
export function clientFor(server: RunningCidxServer, setup: ClientSetup): CidxClient {
  const username = setup.username ?? 'alice';
  const credentials = server.control.credentials();
  const auth =
    setup.auth === 'api-key'
      ? apiKeyAuth({
          getApiKey: async () =>
            credentials.apiKeys.find((entry) => entry.username === username)?.apiKey ?? null,
        })
      : passwordAuthFor(username, credentials.users.find((user) => user.username === username)?.password);
  return new CidxClient({
    baseUrl: server.url,
    fetch: sharedFetch,
    auth,
    clock: systemClock,
    timeoutMs: setup.timeoutMs,
  });
}

function passwordAuthFor(username: string, password: string | undefined) {
  let refreshToken: string | null = null;
  return passwordAuth({
    username,
    getPassword: async () => password ?? null,
    loadRefreshToken: async () => refreshToken,
    saveRefreshToken: async (token) => {
      refreshToken = token;
    },
  });
}

type Predicate<T extends EngineEvent> =
  ((event: EngineEvent) => event is T) | ((event: EngineEvent) => boolean);

interface Waiter {
  predicate: (event: EngineEvent) => boolean;
  resolve: (event: EngineEvent) => void;
}

/** Records every engine event and lets a test await the first one that matches. */
export class EventRecorder {
  readonly events: EngineEvent[] = [];
  private waiters = new Set<Waiter>();
  private readonly unsubscribe: () => void;

  constructor(engine: PollingEngine) {
    this.unsubscribe = engine.on((event) => {
      this.events.push(event);
      for (const waiter of [...this.waiters]) {
        if (!waiter.predicate(event)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(event);
      }
    });
  }

  /** Index of the next event: pass it as `since` to wait only for what happens from now on. */
  mark(): number {
    return this.events.length;
  }

  /** The first event from `since` on that matches; rejects with `what` after `timeoutMs`. */
  waitFor<T extends EngineEvent = EngineEvent>(
    predicate: Predicate<T>,
    options: { timeoutMs: number; what: string; since?: number },
  ): Promise<T> {
    const past = this.events.slice(options.since ?? 0).find(predicate);
    if (past) return Promise.resolve(past as T);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const last = this.lastState();
        reject(
          new Error(
            `Timed out after ${options.timeoutMs} ms waiting for ${options.what}` +
              (last ? ` (last server state: ${last.health}, ${last.lastError?.message ?? 'no error'})` : ''),
          ),
        );
      }, options.timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for a `server-state` event of `serverId` with this health. */
  waitForHealth(
    serverId: string,
    health: ServerHealth,
    options: { timeoutMs: number; since?: number },
  ): Promise<Extract<EngineEvent, { type: 'server-state' }>> {
    return this.waitFor<Extract<EngineEvent, { type: 'server-state' }>>(
      (event) =>
        event.type === 'server-state' && event.serverId === serverId && event.state.health === health,
      { ...options, what: `server ${serverId} to be ${health}` },
    );
  }

  /** Waits for the `job-finished` event of one job of one server. */
  waitForFinished(
    serverId: string,
    jobId: string,
    options: { timeoutMs: number; since?: number },
  ): Promise<Extract<EngineEvent, { type: 'job-finished' }>> {
    return this.waitFor<Extract<EngineEvent, { type: 'job-finished' }>>(
      (event) => event.type === 'job-finished' && event.serverId === serverId && event.job.id === jobId,
      { ...options, what: `job ${jobId} of ${serverId} to finish` },
    );
  }

  /** Every recorded event of this type (and job, when given). */
  ofType<K extends EngineEvent['type']>(type: K, jobId?: string): Extract<EngineEvent, { type: K }>[] {
    return this.events.filter(
      (event): event is Extract<EngineEvent, { type: K }> =>
        event.type === type && (jobId === undefined || jobIdOf(event) === jobId),
    );
  }

  lastState(serverId?: string): ServerState | null {
    for (let index = this.events.length - 1; index >= 0; index -= 1) {
      const event = this.events[index];
      if (event?.type === 'server-state' && (serverId === undefined || event.serverId === serverId))
        return event.state;
    }
    return null;
  }

  dispose(): void {
    this.unsubscribe();
    this.waiters.clear();
  }
}

/** Scripts a job on the double (alice's repository sync unless said otherwise); its id. */
export function scriptJob(server: RunningCidxServer, job: Partial<ScriptedJob> = {}): string {
  const jobId = server.control.addJob({ owner: 'alice', operation: 'sync_repository', ...job });
  if (!jobId) throw new Error('the double gave no job id');
  return jobId;
}

/** The job an event is about, if any. */
export function jobIdOf(event: EngineEvent): string | null {
  if (event.type === 'job-gone') return event.jobId;
  if (event.type === 'server-state') return null;
  return event.job.id;
}

export interface WatchedServer {
  id: string;
  server: RunningCidxServer;
  client: CidxClient;
}

export interface EngineHarness {
  engine: PollingEngine;
  recorder: EventRecorder;
  servers: WatchedServer[];
  stop(): void;
}

/** An engine watching the given doubles, started, with every bug it reports collected. */
export function startEngine(
  watched: { id: string; server: RunningCidxServer; client: ClientSetup }[],
  options: Partial<EngineOptions> = FAST_ENGINE_OPTIONS,
  reportedErrors: unknown[] = [],
): EngineHarness {
  const engine = new PollingEngine({
    ...options,
    reportError: (error) => reportedErrors.push(error),
  });
  const recorder = new EventRecorder(engine);
  const servers = watched.map(({ id, server, client }) => {
    const api = clientFor(server, client);
    engine.addServer({ id, api });
    return { id, server, client: api };
  });
  engine.start();
  return {
    engine,
    recorder,
    servers,
    stop: () => {
      engine.stop();
      recorder.dispose();
    },
  };
}
