/**
 * Follows jobs with the polling engine until they end: given ids, or every active job of the
 * chosen servers (and those that start meanwhile). The view only draws; this decides.
 */
import type { Job } from '../../core/cidx/job';
import { isActive, isTerminal } from '../../core/cidx/job';
import type { ServerConfig } from '../../core/config';
import { PollingEngine, type EngineEvent, type ServerState } from '../../core/engine';
import { isVisible, repositoryOf, type ServerView } from '../../core/jobs';
import type { CliContext } from '../context';

export interface WatchedJob {
  server: ServerConfig;
  job: Job;
  repository: string | null;
}

export interface WatchView {
  update(watched: WatchedJob): void;
  finish(watched: WatchedJob): void;
  gone(server: ServerConfig, jobId: string): void;
  serverState(server: ServerConfig, state: ServerState, previous: ServerState | undefined): void;
  message(text: string): void;
  close(): void;
}

export interface WatchRequest {
  servers: ServerConfig[];
  /** Specific jobs; empty means every active job of the servers. */
  targets: { serverId: string; jobId: string }[];
  /** Keep watching when nothing runs (until Ctrl+C). */
  follow: boolean;
  /** Whose jobs count when no targets are given. */
  views: Map<string, ServerView>;
}

export interface WatchOutcome {
  finished: WatchedJob[];
  /** Ended failed, cancelled or partial: the CLI exits non-zero. */
  unsuccessful: WatchedJob[];
  gone: number;
  interrupted: boolean;
  /** Set when a server's credentials failed: nothing more can be learned from it. */
  authFailure: { server: ServerConfig; message: string } | null;
}

const key = (serverId: string, jobId: string) => `${serverId}\u0000${jobId}`;

export function runWatch(ctx: CliContext, request: WatchRequest, view: WatchView): Promise<WatchOutcome> {
  const polling = ctx.document.settings.polling;
  const engine = new PollingEngine({
    clock: ctx.clock,
    activeIntervalMs: polling.activeIntervalMs,
    idleIntervalMs: polling.idleIntervalMs,
    backoffCapMs: polling.backoffCapMs,
    reportError: (error, context) => view.message(`internal error in ${context}: ${String(error)}`),
  });
  const byId = new Map(request.servers.map((server) => [server.id, server]));
  const explicit = request.targets.length > 0;
  const watching = new Set(request.targets.map((t) => key(t.serverId, t.jobId)));
  const states = new Map<string, ServerState>();
  const outcome: WatchOutcome = {
    finished: [],
    unsuccessful: [],
    gone: 0,
    interrupted: false,
    authFailure: null,
  };

  return new Promise<WatchOutcome>((resolve) => {
    let done = false;
    // The engine's timers never keep a process alive on their own (clock.ts): watching must.
    const keepAlive = setInterval(() => {}, 60_000);
    const end = () => {
      if (done) return;
      done = true;
      clearInterval(keepAlive);
      engine.stop();
      view.close();
      resolve(outcome);
    };
    const settleIfIdle = () => {
      const everyServerLooked = request.servers.every(
        (server) => states.get(server.id)?.lastSuccessAt != null,
      );
      if (watching.size === 0 && !request.follow && (explicit || everyServerLooked)) end();
    };
    const wrap = (serverId: string, job: Job): WatchedJob => ({
      server: byId.get(serverId)!,
      job,
      repository: repositoryOf(job, ctx.ledger.get({ serverId, jobId: job.id })),
    });
    const wanted = (serverId: string, job: Job) => {
      if (explicit) return watching.has(key(serverId, job.id));
      const serverView = request.views.get(serverId);
      return serverView ? isVisible(job, serverView) : true;
    };

    const onEvent = (event: EngineEvent) => {
      if (event.type === 'server-state') {
        const server = byId.get(event.serverId)!;
        view.serverState(server, event.state, states.get(event.serverId));
        states.set(event.serverId, event.state);
        if (event.state.health === 'auth-failed') {
          outcome.authFailure = { server, message: event.state.lastError?.message ?? 'credentials rejected' };
          end();
          return;
        }
        settleIfIdle();
        return;
      }
      if (event.type === 'job-gone') {
        if (watching.delete(key(event.serverId, event.jobId))) {
          outcome.gone += 1;
          view.gone(byId.get(event.serverId)!, event.jobId);
        }
        settleIfIdle();
        return;
      }
      const { serverId, job } = event;
      if (!wanted(serverId, job)) return;
      const k = key(serverId, job.id);
      if (isTerminal(job.status)) {
        // Explicit targets already finished count; otherwise only endings we saw happen.
        const sawItEnd =
          event.type === 'job-finished' || (event.type === 'job-added' && event.createdSinceLastPoll);
        if (watching.has(k) || (!explicit && sawItEnd)) {
          watching.delete(k);
          const watched = wrap(serverId, job);
          outcome.finished.push(watched);
          if (job.status !== 'completed') outcome.unsuccessful.push(watched);
          view.finish(watched);
        }
      } else if (isActive(job.status)) {
        if (!explicit) watching.add(k);
        view.update(wrap(serverId, job));
      }
      settleIfIdle();
    };

    engine.on(onEvent);
    for (const server of request.servers) engine.addServer({ id: server.id, api: ctx.client(server) });
    for (const target of request.targets) engine.trackJob(target.serverId, target.jobId);
    ctx.io.interrupted.then(() => {
      outcome.interrupted = true;
      end();
    });
    engine.start();
  });
}
