/**
 * The calls of one poll, each turned into what the tick knows: a list's outcome, a job's answer,
 * or a failure value (an api that throws has a bug, reported, and the tick goes on).
 */
import type { ApiResult, CidxApi } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import { isAuthFailure } from '../cidx/failure';
import type { Result } from '../result';
import { err } from '../result';
import type { ListOutcome } from './coverage';
import type { Observation } from './diff';
import { isUnreachable } from './health';
import type { GetRequest, ListRequest } from './plan';
import type { PollDeps, PollReport } from './poll-once';

/** An api that throws has a bug; the tick goes on with a failure value instead of dying. */
export async function call<T>(
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

/** The main list first (no point spending more on a dead server), then the rest together. */
export async function runLists(
  api: CidxApi,
  lists: readonly ListRequest[],
  deps: PollDeps,
  report: PollReport,
): Promise<ListOutcome[]> {
  const [main, ...others] = lists;
  if (!main) return [];
  report.requests += 1;
  const startedAt = deps.now();
  const first = await call(() => api.listJobs(main.query), deps, 'listJobs');
  if (!first.ok) {
    report.fatal = first.error;
    return [];
  }
  report.latencyMs = deps.now() - startedAt;
  return [{ query: main.query, page: first.value }, ...(await runListsTogether(api, others, deps, report))];
}

/** Lists that only add to what the tick knows: run together, a failure only degrades. */
export async function runListsTogether(
  api: CidxApi,
  lists: readonly ListRequest[],
  deps: PollDeps,
  report: PollReport,
): Promise<ListOutcome[]> {
  report.requests += lists.length;
  const results = await Promise.all(
    lists.map((list) => call(() => api.listJobs(list.query), deps, 'listJobs')),
  );
  const outcomes: ListOutcome[] = [];
  results.forEach((result, index) => {
    const request = lists[index];
    if (!request) return;
    if (result.ok) outcomes.push({ query: request.query, page: result.value });
    else report.partial.push(result.error);
  });
  return outcomes;
}

/** What a tick's GETs told: the answers, and the ids answered for and failed. */
export interface GetOutcome {
  /** The job, or a 404 that says it is gone (an answer, not an error). */
  observations: Observation[];
  answered: Set<string>;
  failed: Set<string>;
}

/**
 * The ids the server answered for (the job, or a 404 that says it is gone), and those whose GET
 * failed. When the GETs are all the tick asked (few jobs, settled), they are its main calls: if
 * none answered and the server is unreachable or refuses the credentials, the tick failed. The
 * answers are returned, not added to the report: the caller decides which this tick tells.
 */
export async function runGets(
  api: CidxApi,
  gets: readonly GetRequest[],
  deps: PollDeps,
  report: PollReport,
  onlyCalls: boolean,
): Promise<GetOutcome> {
  report.requests += gets.length;
  const startedAt = deps.now();
  const results = await Promise.all(gets.map((get) => call(() => api.getJob(get.jobId), deps, 'getJob')));
  const observations: Observation[] = [];
  const answered = new Set<string>();
  const failed = new Set<string>();
  const failures: CidxFailure[] = [];
  results.forEach((result, index) => {
    const jobId = gets[index]?.jobId;
    if (jobId === undefined) return;
    if (result.ok) {
      answered.add(jobId);
      observations.push({ source: 'get', job: result.value });
    } else if (result.error.kind === 'not-found') {
      // Retention or a v5 restart removed it (§2.3, §4.4): an answer, not an error.
      answered.add(jobId);
      observations.push({ source: 'not-found', jobId });
    } else {
      failed.add(jobId);
      failures.push(result.error);
    }
  });
  if (onlyCalls && gets.length > 0) {
    const cutOff = failures.find((failure) => isAuthFailure(failure) || isUnreachable(failure));
    if (answered.size === 0 && cutOff) {
      report.fatal = cutOff;
      return { observations, answered, failed };
    }
    if (answered.size > 0) report.latencyMs = deps.now() - startedAt;
  }
  report.partial.push(...failures);
  return { observations, answered, failed };
}
