/**
 * The normalized job state of every server, fed only by engine events (design.md, data flow:
 * engine -> job store -> notify, tray, contract). Keyed by server id + job id.
 */
import type { Clock } from '../clock';
import type { Job } from '../cidx/job';
import { isTerminal, jobMoved } from '../cidx/job';
import type { EngineEvent, ServerState } from '../engine/events';
import type { Result } from '../result';
import { ok } from '../result';
import type { JobQuery } from './job-query';
import { queryJobs } from './job-query';
import type { JobStoreSnapshot } from './job-snapshot';
import { jobStoreSnapshotSchema } from './job-snapshot';
import type { DocumentError } from './persisted-document';
import { parseDocument } from './persisted-document';
import type { RetentionPolicy } from './retention';
import type { JobsSummary, JobTally, SummaryServer } from './summary';
import { addTally, countJob, emptyTally, summaryFromTally } from './summary';
import { selectExpiredJobs } from './retention';
import type { JobRef, ServerView, TrackedJob } from './tracked-job';
import { DEFAULT_SERVER_VIEW } from './tracked-job';
import { isVisible } from './visibility';

export type { JobQuery };

export type JobStoreChange =
  | { type: 'jobs'; serverId: string; jobIds: string[] }
  | { type: 'server'; serverId: string }
  | { type: 'restored' };

export interface ServerEntry {
  serverId: string;
  view: ServerView;
  state: ServerState | null;
}

export interface JobStore {
  apply(event: EngineEvent): void;
  /** Who is signed in and which filters apply; the host sets it from settings and login. */
  setServerView(serverId: string, view: Partial<ServerView>): void;
  /** Forget a server that was removed from the settings. */
  removeServer(serverId: string): void;
  get(ref: JobRef): TrackedJob | undefined;
  /** Visible jobs by default, running first, then pending, then the newest finished. */
  jobs(query?: JobQuery): TrackedJob[];
  servers(): ServerEntry[];
  /** One server's entry (the default view and no state when the store knows nothing of it). */
  server(serverId: string): ServerEntry;
  /** The visible jobs' counts and progress, kept as a running tally (no pass over the jobs). */
  summary(servers: readonly SummaryServer[]): JobsSummary;
  acknowledge(ref: JobRef): void;
  /** Acknowledge every failure, or those of one server. */
  acknowledgeAll(serverId?: string): void;
  /** The most finished jobs one server holds, hidden ones included: what retention bounds. */
  mostFinished(): number;
  /** Apply the retention policy; returns what was dropped. */
  prune(now: number, policy?: Partial<RetentionPolicy>): JobRef[];
  subscribe(listener: (change: JobStoreChange) => void): () => void;
  /** What to persist: every job, or those `only` keeps (the unfinished ones, written soon). */
  snapshot(only?: (tracked: TrackedJob) => boolean): JobStoreSnapshot;
  /** Replaces the state with a persisted snapshot; a broken one is an error value and changes nothing. */
  restore(raw: unknown): Result<void, DocumentError>;
}

export function createJobStore(options: { clock: Pick<Clock, 'now'> }): JobStore {
  const { clock } = options;
  const jobsByServer = new Map<string, Map<string, TrackedJob>>();
  const views = new Map<string, ServerView>();
  const states = new Map<string, ServerState>();
  const restoredSuccess = new Map<string, number | null>();
  /** Per server, the tally of its visible jobs; adjusted by `put` and `drop`, rebuilt on a view change. */
  const tallies = new Map<string, JobTally>();
  const listeners = new Set<(change: JobStoreChange) => void>();

  const emit = (change: JobStoreChange): void => {
    for (const listener of [...listeners]) listener(change);
  };
  const serverJobs = (serverId: string): Map<string, TrackedJob> => {
    let map = jobsByServer.get(serverId);
    if (!map) jobsByServer.set(serverId, (map = new Map()));
    return map;
  };
  const viewOf = (serverId: string): ServerView => views.get(serverId) ?? DEFAULT_SERVER_VIEW;
  const entryOf = (serverId: string): ServerEntry => ({
    serverId,
    view: viewOf(serverId),
    state: states.get(serverId) ?? null,
  });

  const tallyOf = (serverId: string): JobTally => {
    let tally = tallies.get(serverId);
    if (!tally) tallies.set(serverId, (tally = emptyTally()));
    return tally;
  };
  /** Per server, its finished jobs, visible or not: kept by `put` and `drop` like the tallies. */
  const finishedCounts = new Map<string, number>();
  const countFinished = (serverId: string, tracked: TrackedJob, sign: 1 | -1): void => {
    if (isTerminal(tracked.job.status))
      finishedCounts.set(serverId, (finishedCounts.get(serverId) ?? 0) + sign);
  };
  /** Every write of a job goes through here, so the tally never drifts from the jobs. */
  function put(tracked: TrackedJob): void {
    const { serverId } = tracked;
    const map = serverJobs(serverId);
    const view = viewOf(serverId);
    const before = map.get(tracked.job.id);
    if (before) {
      if (isVisible(before.job, view)) countJob(tallyOf(serverId), before, -1);
      countFinished(serverId, before, -1);
    }
    map.set(tracked.job.id, tracked);
    if (isVisible(tracked.job, view)) countJob(tallyOf(serverId), tracked, 1);
    countFinished(serverId, tracked, 1);
  }
  function drop(serverId: string, jobId: string): boolean {
    const map = jobsByServer.get(serverId);
    const before = map?.get(jobId);
    if (!map || !before) return false;
    if (isVisible(before.job, viewOf(serverId))) countJob(tallyOf(serverId), before, -1);
    countFinished(serverId, before, -1);
    map.delete(jobId);
    return true;
  }
  function retally(serverId: string): void {
    const tally = emptyTally();
    const view = viewOf(serverId);
    for (const tracked of jobsByServer.get(serverId)?.values() ?? []) {
      if (isVisible(tracked.job, view)) countJob(tally, tracked, 1);
    }
    tallies.set(serverId, tally);
  }

  /** `unseenFailure`: the person has not seen this failure yet (it is new, not history). */
  function upsert(serverId: string, job: Job, unseenFailure: boolean): void {
    const now = clock.now();
    const known = serverJobs(serverId).get(job.id);
    const moved = !known || jobMoved(known.job, job);
    put({
      serverId,
      job,
      firstSeenAt: known?.firstSeenAt ?? now,
      lastActivityAt: moved ? now : known.lastActivityAt,
      acknowledged: acknowledgedAfter(known, job, unseenFailure),
    });
    emit({ type: 'jobs', serverId, jobIds: [job.id] });
  }

  return {
    apply(event) {
      switch (event.type) {
        case 'job-added':
          // History first seen already failed is not news (design.md, "What is new").
          return upsert(event.serverId, event.job, event.createdSinceLastPoll);
        case 'job-changed':
          return upsert(event.serverId, event.job, false);
        case 'job-finished':
          return upsert(event.serverId, event.job, true);
        case 'job-gone':
          if (drop(event.serverId, event.jobId)) {
            emit({ type: 'jobs', serverId: event.serverId, jobIds: [event.jobId] });
          }
          return;
        case 'server-state':
          states.set(event.serverId, event.state);
          return emit({ type: 'server', serverId: event.serverId });
      }
    },
    setServerView(serverId, view) {
      views.set(serverId, { ...viewOf(serverId), ...view });
      retally(serverId);
      emit({ type: 'server', serverId });
    },
    removeServer(serverId) {
      jobsByServer.delete(serverId);
      tallies.delete(serverId);
      finishedCounts.delete(serverId);
      views.delete(serverId);
      states.delete(serverId);
      restoredSuccess.delete(serverId);
      emit({ type: 'server', serverId });
    },
    get: (ref) => jobsByServer.get(ref.serverId)?.get(ref.jobId),
    jobs: (query = {}) => queryJobs(jobsByServer, viewOf, query),
    servers() {
      const ids = new Set([...views.keys(), ...states.keys(), ...jobsByServer.keys()]);
      return [...ids].sort().map(entryOf);
    },
    server: entryOf,
    summary(servers) {
      const total = emptyTally();
      for (const tally of tallies.values()) addTally(total, tally);
      return summaryFromTally(total, servers);
    },
    acknowledge(ref) {
      const tracked = jobsByServer.get(ref.serverId)?.get(ref.jobId);
      if (!tracked || tracked.acknowledged) return;
      // Records are replaced, never mutated: views may compare them by reference.
      put({ ...tracked, acknowledged: true });
      emit({ type: 'jobs', serverId: ref.serverId, jobIds: [ref.jobId] });
    },
    acknowledgeAll(serverId) {
      for (const [id, map] of jobsByServer) {
        if (serverId !== undefined && id !== serverId) continue;
        const changed = [...map.values()].filter((tracked) => !tracked.acknowledged);
        for (const tracked of changed) put({ ...tracked, acknowledged: true });
        if (changed.length > 0) emit({ type: 'jobs', serverId: id, jobIds: changed.map((t) => t.job.id) });
      }
    },
    mostFinished() {
      let most = 0;
      for (const count of finishedCounts.values()) most = Math.max(most, count);
      return most;
    },
    prune(now, policy) {
      const all = [...jobsByServer.values()].flatMap((map) => [...map.values()]);
      const expired = selectExpiredJobs(all, now, policy);
      const byServer = new Map<string, string[]>();
      for (const ref of expired) {
        drop(ref.serverId, ref.jobId);
        byServer.set(ref.serverId, [...(byServer.get(ref.serverId) ?? []), ref.jobId]);
      }
      for (const [serverId, jobIds] of byServer) emit({ type: 'jobs', serverId, jobIds });
      return expired;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot(only) {
      const jobs: TrackedJob[] = [];
      for (const map of jobsByServer.values())
        for (const tracked of map.values()) if (!only || only(tracked)) jobs.push({ ...tracked });
      const ids = new Set([...states.keys(), ...restoredSuccess.keys()]);
      const servers = [...ids].sort().map((serverId) => ({
        serverId,
        lastSuccessAt: states.get(serverId)?.lastSuccessAt ?? restoredSuccess.get(serverId) ?? null,
      }));
      return { version: 1, jobs, servers };
    },
    restore(raw) {
      const parsed = parseDocument(raw, jobStoreSnapshotSchema, 'job snapshot');
      if (!parsed.ok) return parsed;
      jobsByServer.clear();
      tallies.clear();
      finishedCounts.clear();
      restoredSuccess.clear();
      for (const tracked of parsed.value.jobs) put(tracked as TrackedJob);
      for (const server of parsed.value.servers) restoredSuccess.set(server.serverId, server.lastSuccessAt);
      emit({ type: 'restored' });
      return ok(undefined);
    },
  };
}

/**
 * Only failures need acknowledging. A failure is unseen when it is new; the same failure
 * replayed (after a network flap) keeps whatever the person already did with it.
 */
function acknowledgedAfter(known: TrackedJob | undefined, job: Job, unseenFailure: boolean): boolean {
  if (job.status !== 'failed') return true;
  if (known?.job.status === 'failed') return known.acknowledged;
  return !unseenFailure;
}
