/**
 * Which requests one tick spends on one server: a bounded plan, never one request per job
 * (design.md, "One polling plan that meets the budget"). Pure, so the budget is unit-tested.
 *
 * A tick runs in up to three stages, each planned with what the previous one showed:
 * 1. the status lists (running, pending, and periodically the unfiltered list); with few jobs
 *    to follow, per-job GETs instead (cheaper than the lists, see `followsFewJobs`);
 * 2. when more tracked jobs left their lists than there are terminal statuses, one list per
 *    terminal status (`status=completed`, ...): endings learned in bulk, not one GET each;
 * 3. GETs: endings no list could show, just-submitted jobs, the few followed jobs, phases, and
 *    jobs outside every list window.
 */
import type { ListJobsQuery, ServerFlavor } from '../cidx/api';
import type { Job, TerminalStatus } from '../cidx/job';
import { reportsPhases } from '../cidx/job';
import type { KnownJob, KnownJobs } from './known-job';
import { unfinishedJobs } from './known-job';
import type { EngineOptions } from './options';
import { HEAD_PAGE_LIMIT, V5_PAGE_LIMIT } from './options';

/**
 * running / pending narrow the list with `status=` (HEAD cannot page past 50, §2.2); all discovers;
 * ended is one terminal status (`status=completed`, ...), read to learn endings in bulk.
 */
export type ListRole = 'running' | 'pending' | 'all' | 'ended';

export interface ListRequest {
  kind: 'list';
  role: ListRole;
  query: ListJobsQuery;
}

export type GetReason = 'ended' | 'awaited' | 'follow' | 'phase' | 'beyond-window';

export interface GetRequest {
  kind: 'get';
  jobId: string;
  /**
   * ended: left a list that should show it, and no list of this tick showed how it ended;
   * awaited: just submitted, not listed yet; follow: one of the few jobs followed by GET.
   */
  reason: GetReason;
}

export function pageLimit(flavor: ServerFlavor | null): number {
  // Unknown flavour: 50 is valid on both (§2.2).
  return flavor === 'v5' ? V5_PAGE_LIMIT : HEAD_PAGE_LIMIT;
}

/**
 * The terminal statuses a server can report, most frequent first: one status-filtered list each
 * tells every recent ending of that kind. `completed_partial` exists on HEAD only (§2.7); an
 * unknown flavour is read as HEAD (an unknown `status=` value merely lists nothing, §2.2).
 */
export function endingStatuses(flavor: ServerFlavor | null): TerminalStatus[] {
  const statuses: TerminalStatus[] = ['completed', 'failed', 'cancelled'];
  return flavor === 'v5' ? statuses : [...statuses, 'completed_partial'];
}

export interface FewJobsInput {
  flavor: ServerFlavor | null;
  /** The tracked unfinished jobs. */
  unfinished: readonly Job[];
  /** Jobs on screen (their phases are read every tick); default none. */
  focus?: ReadonlySet<string>;
  options: Pick<
    EngineOptions,
    | 'fullListEveryTicks'
    | 'activeIntervalMs'
    | 'idleIntervalMs'
    | 'phaseGetsPerTick'
    | 'unwatchedPhaseEveryMs'
  >;
}

const isPhaseJob = (flavor: ServerFlavor | null, job: Job): boolean =>
  flavor !== 'v5' && job.status === 'running' && reportsPhases(job.operationType);

/**
 * Requests per tick, on average over a full-list period, of following these jobs with lists:
 * the running list every tick, the pending list every tick while pending jobs are known (else
 * once a period on HEAD), the unfiltered list once a period, plus the phase GETs (HEAD lists
 * carry no phases, §2.2; every tick for jobs on screen, now and then for the others). Endings
 * would cost a GET each on top.
 */
export function listPathCostPerTick(input: FewJobsInput): number {
  const period = Math.max(1, input.options.fullListEveryTicks);
  const hasPending = input.unfinished.some((job) => job.status === 'pending');
  const pendingLists = hasPending ? period : input.flavor === 'v5' ? 0 : 1;
  const phaseJobs = input.unfinished.filter((job) => isPhaseJob(input.flavor, job));
  const watched = phaseJobs.filter((job) => input.focus?.has(job.id)).length;
  // Jobs on screen: up to phaseGetsPerTick a tick; the others one read per unwatchedPhaseEveryMs.
  const unwatchedPerTick =
    ((phaseJobs.length - watched) * input.options.activeIntervalMs) /
    Math.max(1, input.options.unwatchedPhaseEveryMs);
  const phaseGets = Math.min(watched + unwatchedPerTick, input.options.phaseGetsPerTick);
  return (period + pendingLists + 1) / period + phaseGets;
}

/**
 * Requests per tick of following each job with its own GET (which also tells its phases and how
 * it ended), plus the unfiltered list at the idle cadence to discover jobs submitted elsewhere.
 */
export function getPathCostPerTick(input: FewJobsInput): number {
  const discovery = input.options.activeIntervalMs / Math.max(1, input.options.idleIntervalMs);
  return input.unfinished.length + discovery;
}

/**
 * Few jobs: following them one GET each costs less than the lists would (one running job: 1 GET
 * a tick against 1.4 lists plus a GET per ending). The engine then never costs more than
 * per-job polling (the naive 1 s poller of the CIDX CLI) while it has something to follow.
 */
export function followsFewJobs(input: FewJobsInput): boolean {
  return input.unfinished.length > 0 && getPathCostPerTick(input) < listPathCostPerTick(input);
}

/** How an active tick with few jobs looks at the server (see `followsFewJobs`). */
export interface FewJobsTick {
  /**
   * The previous tick saw nothing move: no job added, ended or gone, no status change, no call
   * failed. Then GETs alone follow the jobs; otherwise the status lists look around first, as
   * where one job appears or ends others tend to (a batch, a queue moving up).
   */
  settled: boolean;
  /** The unfiltered list has not run for an idle interval: discover jobs submitted elsewhere. */
  discoveryDue: boolean;
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
  /** Set when few jobs are followed (`followsFewJobs`): no periodic full list, GETs when settled. */
  few?: FewJobsTick | null;
  /**
   * The last unfinished job just ended: one look at everything (the unfiltered list shows new
   * jobs of any status) before the cadence may go idle, as a freed worker starts the next one.
   */
  lookAround?: boolean;
  /**
   * The last unfiltered list held every unfinished job, with room to spare (see
   * `unfilteredHoldsUnfinished`): that one list is the tick's look.
   */
  unfilteredSuffices?: boolean;
  options: Pick<EngineOptions, 'fullListEveryTicks'>;
}

/**
 * The running list, and the pending one while pending jobs are known: what a tick reads when the
 * unfiltered list it expected to suffice did not hold every unfinished job (poll-once.ts).
 */
export function planStatusLists(
  flavor: ServerFlavor | null,
  hasPendingJobs: boolean,
  budget: number,
): ListRequest[] {
  const limit = pageLimit(flavor);
  const roles: ('running' | 'pending')[] = hasPendingJobs ? ['running', 'pending'] : ['running'];
  const plan = roles.map((role): ListRequest => ({ kind: 'list', role, query: { status: role, limit } }));
  return withinBudget(plan, budget, 0);
}

/**
 * The lists the budget allows, in priority order (the running list first, and always `atLeast`
 * of them), then sent with the pending list before the running one: a job that starts between
 * the two reads shows in both, and the furthest status wins. Read the other way round it showed
 * in neither, and the store held one pending job more and one running job fewer than the server
 * ever had.
 */
function withinBudget(plan: readonly ListRequest[], budget: number, atLeast: number): ListRequest[] {
  const chosen = plan.slice(0, Math.max(atLeast, budget));
  const pending = chosen.findIndex((list) => list.role === 'pending');
  const running = chosen.findIndex((list) => list.role === 'running');
  if (pending > running && running >= 0)
    [chosen[running], chosen[pending]] = [chosen[pending]!, chosen[running]!];
  return chosen;
}

export function planLists(input: ListPlanInput): ListRequest[] {
  const limit = pageLimit(input.flavor);
  const list = (role: Exclude<ListRole, 'ended'>): ListRequest => ({
    kind: 'list',
    role,
    query: role === 'all' ? { limit } : { status: role, limit },
  });
  // An idle server costs one request per tick: the unfiltered list shows new jobs and endings.
  if (!input.active) return [list('all')].slice(0, Math.max(1, input.budget));

  if (input.lookAround && !input.forceFullList) return [list('all')];
  const { few } = input;
  if (few && !input.forceFullList) {
    // Settled: the followed jobs are read by GET (none of these lists). Otherwise the running
    // list (and pending while pending jobs are known) look around, without the periodic full
    // list: that one runs at the idle cadence, as when nothing is followed at all.
    const plan = few.settled ? [] : [list('running')];
    if (!few.settled && input.hasPendingJobs) plan.push(list('pending'));
    if (few.discoveryDue) plan.push(list('all'));
    return withinBudget(plan, input.budget, 1);
  }

  // One list, read at one instant, when it holds every unfinished job: the running and pending
  // lists are read one after the other, and a job ending or starting between them makes a pair
  // the server never had (withinBudget keeps only the start from being missed by both). One
  // request instead of two, as well.
  if (input.unfilteredSuffices && !input.forceFullList) return [list('all')];

  const everyTicks = Math.max(1, input.options.fullListEveryTicks);
  const fullListTick = input.forceFullList || input.tick % everyTicks === 0;
  const plan = [list('running')];
  // v5 pending lasts milliseconds (§4.2): only worth a call while pending jobs are known there.
  // HEAD keeps jobs pending behind its pool of 5, so look for new ones on every full-list tick.
  if (input.hasPendingJobs || (fullListTick && input.flavor !== 'v5')) plan.push(list('pending'));
  if (fullListTick) plan.push(list('all'));
  return withinBudget(plan, input.budget, 1);
}

export interface EndingListInput {
  flavor: ServerFlavor | null;
  /**
   * Tracked unfinished jobs whose fate no list of this tick told and that a terminal list may
   * still show: those that left a list that should show them, and on a full-list tick those
   * outside every list window too.
   */
  unaccounted: number;
  /**
   * A full-list tick found more running or pending jobs than a page holds: jobs this engine
   * never saw wait beyond the window, and may end unseen. The terminal lists sweep for them once
   * a full-list period, before newer endings push them out of those windows too.
   */
  sweep?: boolean;
  /** The terminal statuses those jobs have not been looked for in yet (default: all). */
  wanted?: ReadonlySet<TerminalStatus>;
  /** Requests left this tick. */
  budget: number;
  /**
   * Keep one request for a GET: some job was looked for in every terminal list already and only
   * a GET can tell how it ended. Without it a sustained stream of endings would spend every
   * request on lists, and such a job would never be read.
   */
  keepOneForGet: boolean;
  /** Rotates the statuses when the budget cannot list them all, so each is read every few ticks. */
  tick: number;
}

/**
 * One list per terminal status, newest first, when that is cheaper than a GET per job: more jobs
 * to account for than lists to read. When the budget is short, `completed` (by far the most
 * frequent ending, so the first to slide out of its window) keeps its place and the others take
 * turns from tick to tick (the jobs not shown wait, or are read by GET).
 */
export function planEndingLists(input: EndingListInput): ListRequest[] {
  const statuses = endingStatuses(input.flavor).filter((status) => input.wanted?.has(status) ?? true);
  if (statuses.length === 0 || (input.unaccounted <= statuses.length && !input.sweep)) return [];
  const room = input.budget - (input.keepOneForGet && input.budget >= 2 ? 1 : 0);
  if (room <= 0) return [];
  let turn = statuses;
  if (statuses.length > room) {
    const [first, ...others] = statuses;
    const fixed = first === 'completed' ? [first] : [];
    const rotating = first === 'completed' ? others : statuses;
    const start = input.tick % rotating.length;
    turn = [...fixed, ...rotating.slice(start), ...rotating.slice(0, start)].slice(0, room);
  }
  const limit = pageLimit(input.flavor);
  return turn.map((status) => ({ kind: 'list', role: 'ended', query: { status, limit } }));
}

export interface GetPlanInput {
  flavor: ServerFlavor | null;
  known: KnownJobs;
  now: number;
  /** Requests left this tick after the probe and the lists. */
  budget: number;
  /** Jobs that left a list that should have shown them and whose ending no list showed, oldest first. */
  endChecks: readonly string[];
  /** Jobs this app just submitted that no list has shown yet. */
  awaited: readonly string[];
  /** The few jobs followed by GET this tick (`followsFewJobs`, settled). */
  follow?: readonly string[];
  /** Jobs on screen: their phases are fetched first. */
  focus: ReadonlySet<string>;
  /** Jobs a list of this tick already showed. */
  seenThisTick: ReadonlySet<string>;
  options: Pick<EngineOptions, 'phaseGetsPerTick' | 'beyondWindowCheckMs' | 'unwatchedPhaseEveryMs'>;
}

const byOldest = (pick: (entry: KnownJob) => number | null) => (a: KnownJob, b: KnownJob) =>
  (pick(a) ?? -Infinity) - (pick(b) ?? -Infinity);

/**
 * GETs in priority order, within the budget: how jobs that left their lists ended (one GET per
 * transition), then just-submitted jobs, the jobs followed by GET, phases (HEAD lists carry none,
 * §2.2), then jobs outside the list window, each least-recently-read first (a round-robin that
 * survives budget starvation). While some of those are due, one GET of the tick is kept for them,
 * so a sustained stream of endings can never starve the round-robin.
 */
export function planGets(input: GetPlanInput): GetRequest[] {
  const plan: GetRequest[] = [];
  const chosen = new Set<string>();
  const unfinished = unfinishedJobs(input.known);
  // Jobs no list showed for a while are beyond the newest-first window (e.g. 195 pending on
  // HEAD): their absence from a full page means nothing, so they are read one by one, slowly.
  const isDue = (entry: KnownJob): boolean =>
    !input.seenThisTick.has(entry.job.id) &&
    (entry.observedAt === null || input.now - entry.observedAt >= input.options.beyondWindowCheckMs);
  const skip = new Set([...input.endChecks, ...input.awaited, ...(input.follow ?? [])]);
  const reserved =
    input.budget >= 2 && unfinished.some((entry) => isDue(entry) && !skip.has(entry.job.id)) ? 1 : 0;
  let limit = input.budget - reserved;
  const add = (jobId: string, reason: GetReason): void => {
    if (plan.length >= limit || chosen.has(jobId)) return;
    chosen.add(jobId);
    plan.push({ kind: 'get', jobId, reason });
  };

  for (const jobId of input.endChecks) add(jobId, 'ended');
  for (const jobId of input.awaited) if (!input.seenThisTick.has(jobId)) add(jobId, 'awaited');
  for (const jobId of input.follow ?? []) add(jobId, 'follow');

  if (input.flavor !== 'v5') {
    // sync_repository reports no phases and sits at 25 % until done (§4.6): nothing to learn.
    // On screen: every tick, round-robin. Elsewhere (the tray's menu): now and then.
    const phaseDue = (entry: KnownJob): boolean =>
      input.focus.has(entry.job.id) ||
      entry.fetchedAt === null ||
      input.now - entry.fetchedAt >= input.options.unwatchedPhaseEveryMs;
    const phaseCandidates = unfinished
      .filter((entry) => entry.job.status === 'running' && reportsPhases(entry.job.operationType))
      .filter((entry) => !chosen.has(entry.job.id) && phaseDue(entry))
      .sort(byOldest((entry) => entry.fetchedAt))
      .sort((a, b) => Number(input.focus.has(b.job.id)) - Number(input.focus.has(a.job.id)));
    for (const entry of phaseCandidates.slice(0, input.options.phaseGetsPerTick)) add(entry.job.id, 'phase');
  }

  limit = input.budget;
  const due = unfinished
    .filter((entry) => isDue(entry) && !chosen.has(entry.job.id))
    .sort(byOldest((entry) => entry.observedAt));
  for (const entry of due) add(entry.job.id, 'beyond-window');
  return plan;
}
