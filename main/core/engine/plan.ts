/**
 * Which requests one tick spends on one server: a bounded plan, never one request per job
 * (design.md, "One polling plan that meets the budget"). Pure, so the budget is unit-tested.
 *
 * A tick runs in two stages: the list calls first, then GETs chosen with what the lists showed.
 */
import type { ListJobsQuery, ServerFlavor } from '../cidx/api';
import { reportsPhases } from '../cidx/job';
import type { KnownJob, KnownJobs } from './known-job';
import { unfinishedJobs } from './known-job';
import type { EngineOptions } from './options';
import { HEAD_PAGE_LIMIT, V5_PAGE_LIMIT } from './options';

/** running / pending narrow the list with `status=` (HEAD cannot page past 50, §2.2); all discovers. */
export type ListRole = 'running' | 'pending' | 'all';

export interface ListRequest {
  kind: 'list';
  role: ListRole;
  query: ListJobsQuery;
}

export type GetReason = 'ended' | 'awaited' | 'phase' | 'beyond-window';

export interface GetRequest {
  kind: 'get';
  jobId: string;
  /** ended: vanished from a list that should show it; awaited: just submitted, not listed yet. */
  reason: GetReason;
}

function pageLimit(flavor: ServerFlavor | null): number {
  // Unknown flavour: 50 is valid on both (§2.2).
  return flavor === 'v5' ? V5_PAGE_LIMIT : HEAD_PAGE_LIMIT;
}

export interface ListPlanInput {
  flavor: ServerFlavor | null;
  /** The cadence is active (jobs going on, or a command was just sent). */
  active: boolean;
  /** Ticks since the poller started, counting from 0. */
  tick: number;
  /** First tick, or first tick after an outage: discover everything. */
  forceFullList: boolean;
  hasPendingJobs: boolean;
  /** Requests this tick may spend on lists; the first list is the tick's main call. */
  budget: number;
  options: Pick<EngineOptions, 'fullListEveryTicks'>;
}

export function planLists(input: ListPlanInput): ListRequest[] {
  const limit = pageLimit(input.flavor);
  const list = (role: ListRole): ListRequest => ({
    kind: 'list',
    role,
    query: role === 'all' ? { limit } : { status: role, limit },
  });
  // An idle server costs one request per tick: the unfiltered list shows new jobs and endings.
  if (!input.active) return [list('all')].slice(0, Math.max(1, input.budget));

  const everyTicks = Math.max(1, input.options.fullListEveryTicks);
  const fullListTick = input.forceFullList || input.tick % everyTicks === 0;
  const plan = [list('running')];
  // v5 pending lasts milliseconds (§4.2): only worth a call while pending jobs are known there.
  // HEAD keeps jobs pending behind its pool of 5, so look for new ones on every full-list tick.
  if (input.hasPendingJobs || (fullListTick && input.flavor !== 'v5')) plan.push(list('pending'));
  if (fullListTick) plan.push(list('all'));
  return plan.slice(0, Math.max(1, input.budget));
}

export interface GetPlanInput {
  flavor: ServerFlavor | null;
  known: KnownJobs;
  now: number;
  /** Requests left this tick after the probe and the lists. */
  budget: number;
  /** Jobs that vanished from a list that should have shown them, in the order they vanished. */
  endChecks: readonly string[];
  /** Jobs this app just submitted that no list has shown yet. */
  awaited: readonly string[];
  /** Jobs on screen: their phases are fetched first. */
  focus: ReadonlySet<string>;
  /** Jobs a list of this tick already showed. */
  seenThisTick: ReadonlySet<string>;
  options: Pick<EngineOptions, 'phaseGetsPerTick' | 'beyondWindowCheckMs'>;
}

const byOldest = (pick: (entry: KnownJob) => number | null) => (a: KnownJob, b: KnownJob) =>
  (pick(a) ?? -Infinity) - (pick(b) ?? -Infinity);

/**
 * GETs in priority order, within the budget: how vanished jobs ended (one GET per transition),
 * then just-submitted jobs, then phases (HEAD lists carry none, §2.2), then jobs outside the
 * list window, each least-recently-read first (a round-robin that survives budget starvation).
 */
export function planGets(input: GetPlanInput): GetRequest[] {
  const plan: GetRequest[] = [];
  const chosen = new Set<string>();
  const add = (jobId: string, reason: GetReason): void => {
    if (plan.length >= input.budget || chosen.has(jobId)) return;
    chosen.add(jobId);
    plan.push({ kind: 'get', jobId, reason });
  };

  for (const jobId of input.endChecks) add(jobId, 'ended');
  for (const jobId of input.awaited) if (!input.seenThisTick.has(jobId)) add(jobId, 'awaited');

  const unfinished = unfinishedJobs(input.known);
  if (input.flavor !== 'v5') {
    // sync_repository reports no phases and sits at 25 % until done (§4.6): nothing to learn.
    const phaseCandidates = unfinished
      .filter((entry) => entry.job.status === 'running' && reportsPhases(entry.job.operationType))
      .filter((entry) => !chosen.has(entry.job.id))
      .sort(byOldest((entry) => entry.fetchedAt))
      .sort((a, b) => Number(input.focus.has(b.job.id)) - Number(input.focus.has(a.job.id)));
    for (const entry of phaseCandidates.slice(0, input.options.phaseGetsPerTick)) add(entry.job.id, 'phase');
  }

  // Jobs no list showed for a while are beyond the newest-first window (e.g. 195 pending on
  // HEAD): their absence from a full page means nothing, so they are read one by one, slowly.
  const due = unfinished
    .filter((entry) => !input.seenThisTick.has(entry.job.id) && !chosen.has(entry.job.id))
    .filter(
      (entry) =>
        entry.observedAt === null || input.now - entry.observedAt >= input.options.beyondWindowCheckMs,
    )
    .sort(byOldest((entry) => entry.observedAt));
  for (const entry of due) add(entry.job.id, 'beyond-window');
  return plan;
}
