/**
 * One tick against one server: probe when due, the main list, the other lists, then the GETs
 * the lists called for. Returns what was observed; the poller turns that into events and state.
 */
import type { ApiResult, CidxApi, ServerFlavor, ServerInfo } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import { isAuthFailure } from '../cidx/failure';
import type { Result } from '../result';
import { err } from '../result';
import type { ListOutcome } from './coverage';
import { findVanished, seenIn } from './coverage';
import type { Observation } from './diff';
import { isUnreachable } from './health';
import type { KnownJobs } from './known-job';
import type { EngineOptions } from './options';
import type { GetRequest, ListRequest } from './plan';
import { planGets, planLists } from './plan';

export interface PollMemory {
  flavor: ServerFlavor | null;
  known: KnownJobs;
  tick: number;
  active: boolean;
  forceFullList: boolean;
  probeDue: boolean;
  endChecks: readonly string[];
  awaited: readonly string[];
  focus: ReadonlySet<string>;
}

export interface PollReport {
  /** Set when the probe ran and answered. */
  serverInfo: ServerInfo | null;
  probeFailed: boolean;
  fatal: CidxFailure | null;
  partial: CidxFailure[];
  observations: Observation[];
  /** Vanished jobs whose ending is still to be read (the budget ran out, or the GET failed). */
  endChecks: string[];
  /** Awaited jobs that a list showed or a GET answered for (found, or 404). */
  awaitedSettled: string[];
  requests: number;
  latencyMs: number | null;
}

export interface PollDeps {
  now: () => number;
  options: Pick<
    EngineOptions,
    'maxRequestsPerTick' | 'phaseGetsPerTick' | 'fullListEveryTicks' | 'beyondWindowCheckMs' | 'reportError'
  >;
}

/** An api that throws has a bug; the tick goes on with a failure value instead of dying. */
async function call<T>(
  run: () => ApiResult<T>,
  deps: PollDeps,
  what: string,
): Promise<Result<T, CidxFailure>> {
  try {
    return await run();
  } catch (error) {
    deps.options.reportError(error, `CidxApi.${what} threw instead of returning a failure`);
    return err({ kind: 'unexpected-response', message: `Internal error during ${what}` });
  }
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

  const hasPendingJobs = [...memory.known.values()].some((entry) => entry.job.status === 'pending');
  const lists = planLists({
    flavor,
    active: memory.active,
    tick: memory.tick,
    forceFullList: memory.forceFullList,
    hasPendingJobs,
    budget: budget - report.requests,
    options: deps.options,
  });
  const outcomes = await runLists(api, lists, deps, report);
  if (report.fatal) return report;

  const seen = seenIn(outcomes);
  for (const outcome of outcomes) {
    for (const job of outcome.page.jobs) report.observations.push({ source: 'list', job });
  }
  const vanished = findVanished(memory.known, outcomes);
  const endChecks = [...new Set([...memory.endChecks, ...vanished])].filter((id) => !seen.has(id));

  // Plan GETs on what the lists just showed: a job first listed (or just started) this tick
  // gets its phases read now, not one tick later.
  const current = new Map(memory.known);
  for (const outcome of outcomes) {
    for (const job of outcome.page.jobs) {
      current.set(job.id, { job, observedAt: deps.now(), fetchedAt: current.get(job.id)?.fetchedAt ?? null });
    }
  }
  const gets = planGets({
    flavor,
    known: current,
    now: deps.now(),
    budget: budget - report.requests,
    endChecks,
    awaited: memory.awaited,
    focus: memory.focus,
    seenThisTick: seen,
    options: deps.options,
  });
  const answered = await runGets(api, gets, deps, report);

  report.endChecks = endChecks.filter((id) => !answered.has(id));
  report.awaitedSettled = memory.awaited.filter((id) => seen.has(id) || answered.has(id));
  return report;
}

/** The main list first (no point spending more on a dead server), then the rest together. */
async function runLists(
  api: CidxApi,
  lists: readonly ListRequest[],
  deps: PollDeps,
  report: PollReport,
): Promise<ListOutcome[]> {
  const [main, ...others] = lists;
  if (!main) return [];
  report.requests += lists.length;
  const startedAt = deps.now();
  const first = await call(() => api.listJobs(main.query), deps, 'listJobs');
  if (!first.ok) {
    report.fatal = first.error;
    report.requests -= others.length;
    return [];
  }
  report.latencyMs = deps.now() - startedAt;
  const outcomes: ListOutcome[] = [{ query: main.query, page: first.value }];
  const rest = await Promise.all(
    others.map((list) => call(() => api.listJobs(list.query), deps, 'listJobs')),
  );
  rest.forEach((result, index) => {
    const request = others[index];
    if (!request) return;
    if (result.ok) outcomes.push({ query: request.query, page: result.value });
    else report.partial.push(result.error);
  });
  return outcomes;
}

/** Returns the ids the server answered for (the job, or a 404 that says it is gone). */
async function runGets(
  api: CidxApi,
  gets: readonly GetRequest[],
  deps: PollDeps,
  report: PollReport,
): Promise<Set<string>> {
  report.requests += gets.length;
  const results = await Promise.all(gets.map((get) => call(() => api.getJob(get.jobId), deps, 'getJob')));
  const answered = new Set<string>();
  results.forEach((result, index) => {
    const jobId = gets[index]?.jobId;
    if (jobId === undefined) return;
    if (result.ok) {
      answered.add(jobId);
      report.observations.push({ source: 'get', job: result.value });
    } else if (result.error.kind === 'not-found') {
      // Retention or a v5 restart removed it (§2.3, §4.4): an answer, not an error.
      answered.add(jobId);
      report.observations.push({ source: 'not-found', jobId });
    } else {
      report.partial.push(result.error);
    }
  });
  return answered;
}
