/**
 * From what the engine knew and what one tick observed, the events to tell the app. Pure.
 * One event at most per job per tick; nothing for unchanged jobs; one `job-finished` per job ever.
 */
import type { Job, TerminalStatus } from '../cidx/job';
import { isTerminal, jobMoved } from '../cidx/job';
import type { EngineEvent, JobGoneReason } from './events';
import type { KnownJob, KnownJobs } from './known-job';
import { statusRank } from './known-job';

export type Observation =
  /** A list item: on HEAD its phase fields are always null (cidx-api.md §2.2). */
  | { source: 'list'; job: Job }
  /** `GET /api/jobs/{id}`: the whole truth, phases included. */
  | { source: 'get'; job: Job }
  /** `GET /api/jobs/{id}` answered 404: removed by retention or lost in a v5 restart (§2.3, §4.4). */
  | { source: 'not-found'; jobId: string }
  /** Unaccounted for `lostAfterMs`: no list or GET can say where it went (see coverage.ts). */
  | { source: 'lost'; jobId: string };

export interface DiffInput {
  serverId: string;
  known: KnownJobs;
  observations: readonly Observation[];
  now: number;
  /**
   * When the last poll of this server that read the unfiltered list started (its requests went
   * out); null before the first. That list shows every new job, newest first, so a job created at
   * or after it cannot have been in any complete look yet: it is news, not history.
   */
  previousSuccessAt: number | null;
  /**
   * Start of the current stretch of looking: the first successful poll after start or after an
   * outage. A job last seen before it ended while nobody was looking: its ending is catch-up.
   */
  catchUpBefore: number | null;
  /** Jobs this app submitted itself: new by definition, whatever the clocks say. */
  submittedHere: ReadonlySet<string>;
  /**
   * The poller's own map, updated in place and returned as `known`: it holds thousands of
   * finished jobs, and copying them every tick would cost more than the tick. Pure without it.
   */
  update?: Map<string, KnownJob>;
}

export interface DiffOutput {
  events: EngineEvent[];
  known: Map<string, KnownJob>;
}

/** Folds one observation into the job as known so far this tick. */
function merge(base: Job | undefined, observation: Extract<Observation, { job: Job }>): Job {
  const next = observation.job;
  if (base && statusRank(next.status) < statusRank(base.status)) {
    // Two concurrent lists disagree, or a terminal job reads back differently (§2.1): the
    // furthest status wins, and a job never leaves a terminal status.
    return base;
  }
  if (observation.source === 'get' || !base) return next;
  // A list item never carries phases on HEAD: keep the ones a GET taught us (§2.2). Most jobs
  // have none to keep, and their item is taken as it is (no copy per job per tick).
  const phase = next.phase ?? base.phase;
  const phaseDetail = next.phaseDetail ?? base.phaseDetail;
  if (phase === next.phase && phaseDetail === next.phaseDetail) return next;
  return { ...next, phase, phaseDetail };
}

export function diffJobs(input: DiffInput): DiffOutput {
  const known = input.update ?? new Map(input.known);
  const folded = new Map<string, { job: Job; fetched: boolean }>();
  const gone = new Map<string, JobGoneReason>();

  for (const observation of input.observations) {
    if (observation.source === 'not-found' || observation.source === 'lost') {
      if (gone.get(observation.jobId) !== 'not-found') gone.set(observation.jobId, observation.source);
      continue;
    }
    const id = observation.job.id;
    const base = folded.get(id)?.job ?? known.get(id)?.job;
    const fetched = (folded.get(id)?.fetched ?? false) || observation.source === 'get';
    folded.set(id, { job: merge(base, observation), fetched });
  }

  const events: EngineEvent[] = [];
  const { serverId } = input;
  for (const [id, { job, fetched }] of folded) {
    if (gone.has(id)) continue;
    const previousEntry = known.get(id);
    known.set(id, {
      job,
      observedAt: input.now,
      fetchedAt: fetched ? input.now : (previousEntry?.fetchedAt ?? null),
    });
    if (!previousEntry) {
      const createdSinceLastPoll =
        input.submittedHere.has(id) ||
        (input.previousSuccessAt !== null && job.createdAt >= input.previousSuccessAt);
      events.push({ type: 'job-added', serverId, job, createdSinceLastPoll });
      continue;
    }
    const previous = previousEntry.job;
    if (isTerminal(previous.status) || !jobMoved(previous, job)) continue;
    if (isTerminal(job.status)) {
      const lastSeen = previousEntry.observedAt;
      const catchUp = lastSeen === null || (input.catchUpBefore !== null && lastSeen < input.catchUpBefore);
      events.push({
        type: 'job-finished',
        serverId,
        job,
        previous,
        status: job.status as TerminalStatus,
        catchUp,
      });
    } else {
      events.push({ type: 'job-changed', serverId, job, previous });
    }
  }

  for (const [id, reason] of gone) {
    const previousEntry = known.get(id);
    if (!previousEntry) continue;
    known.delete(id);
    events.push({ type: 'job-gone', serverId, jobId: id, previous: previousEntry.job, reason });
  }
  return { events, known };
}
