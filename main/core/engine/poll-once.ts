/**
 * One tick against one server: probe when due, the main list, the other lists, then the GETs
 * the lists called for. Returns what was observed; the poller turns that into events and state.
 */
import type { CidxApi, ServerFlavor, ServerInfo } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import type { Job, TerminalStatus } from '../cidx/job';
import { isAuthFailure } from '../cidx/failure';
import type { EndCheck, ListOutcome } from './coverage';
import {
  findLost,
  findUncovered,
  findVanished,
  isFullPage,
  listCovers,
  oldestItem,
  seenIn,
  unfilteredHoldsUnfinished,
  unlistedStatuses,
} from './coverage';
import type { Observation } from './diff';
import { isUnreachable } from './health';
import type { KnownJob, KnownJobs } from './known-job';
import { isUnfinished } from './known-job';
import type { EngineOptions } from './options';
import {
  endingStatuses,
  followsFewJobs,
  planEndingLists,
  planGets,
  planLists,
  planStatusLists,
} from './plan';
import { call, runGets, runLists, runListsTogether } from './poll-calls';

export interface PollMemory {
  flavor: ServerFlavor | null;
  known: KnownJobs;
  /** The unfinished ones among `known` (the poller keeps an index of them). */
  unfinished: readonly KnownJob[];
  tick: number;
  active: boolean;
  forceFullList: boolean;
  probeDue: boolean;
  /** Tracked jobs that left their lists and whose ending is still to be learned. */
  endChecks: readonly EndCheck[];
  awaited: readonly string[];
  focus: ReadonlySet<string>;
  /** The previous tick saw nothing move (see `FewJobsTick.settled`). */
  settled: boolean;
  /** The last unfinished job ended last tick: look at everything once (see `ListPlanInput`). */
  lookAround: boolean;
  /** The last tick's unfiltered list held every unfinished job with room to spare (coverage.ts). */
  unfilteredSuffices?: boolean;
  /**
   * When the last poll whose unfiltered list answered started; null before any did. That list
   * shows every new job (newest first), so a job created since is news, and it is what the few
   * jobs path repeats at the idle cadence to discover jobs submitted elsewhere.
   */
  lastFullListAt: number | null;
  /** Start of the current stretch of looking (since start, or since the last outage); null before. */
  watchingSince: number | null;
  /** When GETs of a job started failing, per job (reset by any answer or list showing it). */
  getFailingSince: ReadonlyMap<string, number>;
  /** Endings the last tick learned after its main lists, told now (see `unfinishedIdsIn`). */
  deferred?: readonly Observation[];
}

export interface PollReport {
  /** Set when the probe ran and answered. */
  serverInfo: ServerInfo | null;
  probeFailed: boolean;
  fatal: CidxFailure | null;
  partial: CidxFailure[];
  observations: Observation[];
  /** Tracked jobs whose ending is still to be learned (budget ran out, a call failed, outside every window). */
  endChecks: EndCheck[];
  /** Awaited jobs that a list showed or a GET answered for (found, or 404). */
  awaitedSettled: string[];
  getFailingSince: Map<string, number>;
  /** The unfiltered list answered this tick. */
  fullListed: boolean;
  /** This tick's unfiltered list held every unfinished job with room to spare: enough next tick. */
  unfilteredSuffices: boolean;
  /** Endings this tick learned after its main lists: the next tick tells them (`unfinishedIdsIn`). */
  deferred: Observation[];
  /** The most list items one list of this tick could not read (the same job shows in several). */
  unreadable: number;
  requests: number;
  latencyMs: number | null;
}

export interface PollDeps {
  now: () => number;
  options: Pick<
    EngineOptions,
    | 'maxRequestsPerTick'
    | 'phaseGetsPerTick'
    | 'unwatchedPhaseEveryMs'
    | 'fullListEveryTicks'
    | 'beyondWindowCheckMs'
    | 'activeIntervalMs'
    | 'idleIntervalMs'
    | 'lostAfterMs'
    | 'forgetFinishedAfterMs'
    | 'reportError'
  >;
}

export async function pollOnce(api: CidxApi, memory: PollMemory, deps: PollDeps): Promise<PollReport> {
  const report: PollReport = {
    serverInfo: null,
    probeFailed: false,
    fatal: null,
    partial: [],
    observations: [],
    endChecks: [...memory.endChecks],
    awaitedSettled: [],
    getFailingSince: new Map(memory.getFailingSince),
    fullListed: false,
    unfilteredSuffices: false,
    deferred: [],
    unreadable: 0,
    requests: 0,
    latencyMs: null,
  };
  // The probe counts against the budget, but the main list always runs: with a budget of 1 a
  // probe tick (the first, and the first after an outage) costs 2.
  const budget = Math.max(1, deps.options.maxRequestsPerTick);
  let flavor = memory.flavor;

  if (memory.probeDue) {
    report.requests += 1;
    const probed = await call(() => api.probe(), deps, 'probe');
    if (probed.ok) {
      report.serverInfo = probed.value;
      flavor = probed.value.flavor;
    } else if (isAuthFailure(probed.error) || isUnreachable(probed.error)) {
      report.fatal = probed.error;
      return report;
    } else {
      report.probeFailed = true;
      report.partial.push(probed.error);
    }
  }

  // Stage 1: the status lists, or (few jobs, nothing moving) none at all. Everything below asks
  // about unfinished jobs only: one pass over what is known, not one per question.
  // Endings learned last tick and told this tick are accounted for: not looked for again.
  const carried = memory.deferred ?? [];
  const ended = new Set(carried.map(observedId));
  const open: KnownJobs = new Map(
    memory.unfinished.filter((entry) => !ended.has(entry.job.id)).map((entry) => [entry.job.id, entry]),
  );
  const unfinished = [...open.values()].map((entry) => entry.job);
  const hasPendingJobs = unfinished.some((job) => job.status === 'pending');
  const few =
    memory.active && followsFewJobs({ flavor, unfinished, focus: memory.focus, options: deps.options })
      ? {
          settled: memory.settled,
          discoveryDue:
            memory.lastFullListAt === null ||
            deps.now() - memory.lastFullListAt >= deps.options.idleIntervalMs,
        }
      : null;
  const lists = planLists({
    flavor,
    active: memory.active,
    tick: memory.tick,
    forceFullList: memory.forceFullList,
    hasPendingJobs,
    budget: budget - report.requests,
    few,
    lookAround: memory.lookAround,
    unfilteredSuffices: memory.unfilteredSuffices,
    options: deps.options,
  });
  const outcomes = await runLists(api, lists, deps, report);
  if (report.fatal) return report;
  // The unfiltered list alone was expected to hold every unfinished job, and a burst of new ones
  // pushed some out of its window: the status lists, now, as on any other tick.
  const [alone] = outcomes;
  if (alone && lists.length === 1 && alone.query.status === undefined && memory.unfilteredSuffices) {
    if (unfinished.some((job) => !listCovers(alone, job))) {
      const statusLists = planStatusLists(flavor, hasPendingJobs, budget - report.requests);
      outcomes.push(...(await runListsTogether(api, statusLists, deps, report)));
    }
  }
  report.fullListed = outcomes.some((outcome) => outcome.query.status === undefined);
  report.unreadable = Math.max(0, ...outcomes.map((outcome) => outcome.page.unreadable ?? 0));
  report.observations.push(...carried);
  for (const outcome of outcomes) {
    for (const job of outcome.page.jobs) report.observations.push({ source: 'list', job });
  }
  const seen = seenIn(outcomes);
  const shownUnfinished = unfinishedIdsIn(outcomes);
  const checks = new Map<string, EndCheck>();
  for (const check of memory.endChecks) if (!seen.has(check.jobId)) checks.set(check.jobId, check);
  for (const jobId of findVanished(open, outcomes)) {
    if (!checks.has(jobId)) checks.set(jobId, { jobId, since: deps.now(), listed: [] });
  }

  // Stage 2: many jobs to account for -> one list per terminal status tells their endings.
  const statuses = endingStatuses(flavor);
  const listable = [...checks.values()].filter((check) => unlistedStatuses(check, statuses).length > 0);
  const uncovered = report.fullListed ? findUncovered(open, outcomes) : [];
  // A full status page may hide jobs beyond it; so may a full unfiltered page whose oldest item
  // is a job never seen before: it does not reach back to the last look, so more jobs were created
  // since than it holds, and some may have started and ended unseen (at 45 endings a second).
  // The terminal lists sweep for them.
  const reachesBack = (outcome: ListOutcome): boolean => {
    const oldest = oldestItem(outcome.page);
    return oldest !== null && memory.known.has(oldest.id);
  };
  const sweep =
    report.fullListed &&
    outcomes.some(
      (outcome) => isFullPage(outcome) && (outcome.query.status !== undefined || !reachesBack(outcome)),
    );
  const endingLists = planEndingLists({
    flavor,
    unaccounted: new Set([...listable.map((check) => check.jobId), ...uncovered]).size,
    sweep,
    wanted: new Set(
      uncovered.length > 0 || sweep
        ? statuses
        : listable.flatMap((check) => unlistedStatuses(check, statuses)),
    ),
    budget: budget - report.requests,
    keepOneForGet: listable.length < checks.size,
    tick: memory.tick,
  });
  const endingOutcomes = await runListsTogether(api, endingLists, deps, report);
  for (const outcome of endingOutcomes) {
    for (const job of outcome.page.jobs) {
      // Known jobs learn how they ended. A job never seen is reported if it was created since
      // the last full look (it started and ended in between) or ended while this engine was
      // watching (it waited outside every window, e.g. in a burst of more than 50, and ended
      // unseen). Older history stays the unfiltered list's business, so these lists never flood
      // the app with it, nor bring back a finished job forgotten after forgetFinishedAfterMs.
      if (!memory.known.has(job.id) && !isNews(job, memory, deps)) continue;
      // Ended after the main lists showed it unfinished: told next tick (`unfinishedIdsIn`).
      if (shownUnfinished.has(job.id)) report.deferred.push({ source: 'list', job });
      else report.observations.push({ source: 'list', job });
      seen.add(job.id);
    }
  }
  const listedNow = endingOutcomes.map((outcome) => outcome.query.status as TerminalStatus);
  for (const [jobId, check] of checks) {
    if (seen.has(jobId)) checks.delete(jobId);
    else if (listedNow.length > 0)
      checks.set(jobId, { ...check, listed: [...new Set([...check.listed, ...listedNow])] });
  }

  // Stage 3: GETs planned on what the lists just showed: a job first listed (or just started)
  // this tick gets its phases read now, not one tick later.
  const current = new Map(open);
  for (const observation of report.observations) {
    if (observation.source !== 'list') continue;
    const { job } = observation;
    current.set(job.id, { job, observedAt: deps.now(), fetchedAt: current.get(job.id)?.fetchedAt ?? null });
  }
  const follow = few ? unfinished.map((job) => job.id).filter((id) => !seen.has(id)) : [];
  const gets = planGets({
    flavor,
    known: current,
    now: deps.now(),
    budget: budget - report.requests,
    endChecks: [...checks.values()].sort((a, b) => a.since - b.since).map((check) => check.jobId),
    awaited: memory.awaited,
    follow,
    focus: memory.focus,
    seenThisTick: seen,
    options: deps.options,
  });
  const { answered, failed, observations } = await runGets(
    api,
    gets,
    deps,
    report,
    lists.length === 0 && endingLists.length === 0,
  );
  if (report.fatal) return report;
  for (const answer of observations) {
    if (endsAfterLists(answer, shownUnfinished)) report.deferred.push(answer);
    else report.observations.push(answer);
  }

  for (const jobId of [...seen, ...answered]) {
    checks.delete(jobId);
    report.getFailingSince.delete(jobId);
  }
  for (const jobId of failed) {
    if (!report.getFailingSince.has(jobId)) report.getFailingSince.set(jobId, deps.now());
  }
  const lost = findLost({
    known: memory.known,
    endChecks: [...checks.values()],
    getFailingSince: report.getFailingSince,
    now: deps.now(),
    lostAfterMs: deps.options.lostAfterMs,
  });
  for (const jobId of lost) {
    report.observations.push({ source: 'lost', jobId });
    checks.delete(jobId);
    report.getFailingSince.delete(jobId);
  }
  report.endChecks = [...checks.values()];
  report.awaitedSettled = memory.awaited.filter((id) => seen.has(id) || answered.has(id));
  const unfiltered = outcomes.find((outcome) => outcome.query.status === undefined);
  report.unfilteredSuffices =
    unfiltered !== undefined &&
    unfilteredHoldsUnfinished(
      unfiltered,
      [...current.values()].map((entry) => entry.job).filter((job) => isUnfinished(job)),
    );
  return report;
}

/**
 * The jobs this tick's main lists showed unfinished at the last instant they looked. The store's
 * counts must be a pair the server had: a later call of the same tick (an ending list, a GET)
 * that tells one of them ended is told with the next tick's main lists, which also show what took
 * the freed worker. Told at once, the store held one running job fewer than the server ever had
 * (45 endings a second, bench:core churn). The ending is one tick late and never lost: the poller
 * carries it. A job that a later main list of the tick (the status lists after the unfiltered
 * one) would have shown with that status, and did not, has moved on since: not counted here.
 */
function unfinishedIdsIn(outcomes: readonly ListOutcome[]): Set<string> {
  const shown = outcomes.map((outcome) => new Set(outcome.page.jobs.map((job) => job.id)));
  const ids = new Set<string>();
  outcomes.forEach((outcome, index) => {
    for (const job of outcome.page.jobs) {
      if (!isUnfinished(job)) continue;
      const movedOn = outcomes.some(
        (later, at) => at > index && listCovers(later, job) && !shown[at]!.has(job.id),
      );
      if (!movedOn) ids.add(job.id);
    }
  });
  return ids;
}

const observedId = (observation: Observation): string =>
  observation.source === 'list' || observation.source === 'get' ? observation.job.id : observation.jobId;

/** A GET told an ending (or a removal) of a job the main lists showed unfinished: see above. */
function endsAfterLists(observation: Observation, shownUnfinished: ReadonlySet<string>): boolean {
  if (observation.source === 'not-found') return shownUnfinished.has(observation.jobId);
  if (observation.source !== 'get') return false;
  return shownUnfinished.has(observation.job.id) && !isUnfinished(observation.job);
}

/** A job first seen on a terminal-status list: worth reporting (see stage 2 of `pollOnce`). */
function isNews(job: Job, memory: PollMemory, deps: PollDeps): boolean {
  if (memory.lastFullListAt !== null && job.createdAt >= memory.lastFullListAt) return true;
  if (memory.watchingSince === null || job.completedAt === null) return false;
  return job.completedAt >= Math.max(memory.watchingSince, deps.now() - deps.options.forgetFinishedAfterMs);
}
