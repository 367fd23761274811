/**
 * Follows jobs until they end: the given ids, or else the jobs pending or running on the
 * chosen servers when it first looks at each (jobs started later only with `follow`, which
 * also keeps watching until Ctrl+C). It runs the same monitor as the app, as a viewer (no job
 * cache, no banners), and is one more projection of its patch stream. The view only draws;
 * this decides.
 */
import type { Job } from '../../core/cidx/job';
import { isActive, isTerminal } from '../../core/cidx/job';
import type { ServerConfig } from '../../core/config';
import type { ServerState } from '../../core/engine';
import { createMonitor } from '../../core/monitor/monitor';
import type { Monitor } from '../../core/monitor/monitor-types';
import type { JobView, MonitorPatch } from '../../../preload/views';
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
  /** The servers to follow, with the "all users" and "system jobs" choices of this command. */
  servers: ServerConfig[];
  /** Specific jobs; empty means the jobs active at the first look at each server. */
  targets: { serverId: string; jobId: string }[];
  /** Without targets: also follow jobs that start while watching, and end only on Ctrl+C. */
  follow: boolean;
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

/** The monitor, as a viewer of the chosen servers, over the settings this command already read. */
function viewerOf(ctx: CliContext, servers: readonly ServerConfig[], report: (text: string) => void) {
  const chosen = new Map(servers.map((server) => [server.id, server]));
  // The command's view flags apply to this run only: the document is never saved.
  const document = {
    ...ctx.document,
    servers: ctx.document.servers.map((server) => chosen.get(server.id) ?? server),
  };
  return createMonitor({
    clock: ctx.clock,
    configDir: ctx.configDir,
    config: {
      load: async () => ({ document, issues: [], readOnly: true }),
      save: () => ({
        ok: false,
        error: { kind: 'read-only', message: 'cidx-jobs watch saves no settings.' },
      }),
    },
    secrets: ctx.secrets,
    fetchFor: () => {
      throw new Error('the viewer connects through the CLI context');
    },
    connect: (server) => ctx.client(server),
    deliverNotification: () => {},
    logger: { debug: () => {}, info: () => {}, warn: (message) => report(`warning: ${message}`) },
    viewer: true,
    onlyServers: servers.map((server) => server.id),
  });
}

export async function runWatch(
  ctx: CliContext,
  request: WatchRequest,
  view: WatchView,
): Promise<WatchOutcome> {
  const monitor: Monitor = await viewerOf(ctx, request.servers, (text) => view.message(text));
  const byId = new Map(request.servers.map((server) => [server.id, server]));
  const explicit = request.targets.length > 0;
  const watching = new Set(request.targets.map((t) => key(t.serverId, t.jobId)));
  const states = new Map<string, ServerState>();
  // Servers whose first answer has been read: an active job seen after that started later.
  const looked = new Set<string>();
  // Jobs created after this moment started (and may have ended) while we were looking.
  const watchingSince = ctx.clock.now();
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
      unsubscribe();
      monitor.stop();
      view.close();
      resolve(outcome);
    };
    const settleIfIdle = () => {
      const everyServerLooked = request.servers.every(
        (server) => states.get(server.id)?.lastSuccessAt != null,
      );
      if (watching.size === 0 && !request.follow && (explicit || everyServerLooked)) end();
    };
    const watched = (jobView: JobView): WatchedJob => ({
      server: byId.get(jobView.serverId)!,
      job: jobView.job,
      repository: jobView.repository,
    });

    function onServerState(serverId: string, state: ServerState): void {
      const server = byId.get(serverId);
      if (!server) return;
      view.serverState(server, state, states.get(serverId));
      states.set(serverId, state);
      if (state.health === 'auth-failed') {
        outcome.authFailure = { server, message: state.lastError?.message ?? 'credentials rejected' };
        end();
      }
    }

    function onJob(jobView: JobView): void {
      const { serverId, job } = jobView;
      if (!byId.has(serverId)) return;
      const k = key(serverId, job.id);
      if (explicit && !watching.has(k)) return;
      if (isTerminal(job.status)) {
        // Explicit targets already finished count; otherwise only endings of followed jobs: one
        // watched while active or, with follow, one created (and ended) between two looks.
        const startedMeanwhile = !explicit && request.follow && job.createdAt >= watchingSince;
        if (watching.has(k) || startedMeanwhile) {
          watching.delete(k);
          const ended = watched(jobView);
          outcome.finished.push(ended);
          if (job.status !== 'completed') outcome.unsuccessful.push(ended);
          view.finish(ended);
        }
      } else if (isActive(job.status)) {
        if (!explicit && (request.follow || !looked.has(serverId))) watching.add(k);
        if (watching.has(k)) view.update(watched(jobView));
      }
    }

    function onPatch(patch: MonitorPatch): void {
      for (const server of patch.servers ?? []) {
        if (server.state) onServerState(server.config.id, server.state);
        if (done) return;
      }
      for (const [serverId, at] of Object.entries(patch.polled ?? {})) {
        const state = states.get(serverId);
        if (state) states.set(serverId, { ...state, lastSuccessAt: at, lastAttemptAt: at });
      }
      for (const jobView of patch.jobs ?? []) onJob(jobView);
      for (const ref of patch.removedJobs ?? []) {
        if (watching.delete(key(ref.serverId, ref.jobId))) {
          outcome.gone += 1;
          view.gone(byId.get(ref.serverId)!, ref.jobId);
        }
      }
      // After its jobs: the patch of a server's first answer carries the jobs active at start.
      for (const [serverId, state] of states) if (state.lastSuccessAt != null) looked.add(serverId);
      settleIfIdle();
    }

    const unsubscribe = monitor.subscribe(onPatch);
    for (const target of request.targets) monitor.followJob(target.serverId, target.jobId);
    ctx.io.interrupted.then(() => {
      outcome.interrupted = true;
      end();
    });
    monitor.start();
  });
}
