import { planFromScript } from '../jobs/job-plan';
import type { JobRecord } from '../jobs/job-record';
import type { ServerState } from '../state';
import type { ScenarioDefinition, ScriptedJob } from '../types';
import { headStartupSystemJobs } from './system-jobs';

/** Submits one scripted job now, in the past (negative `at`) or later (positive `at`). */
export function scheduleScriptedJob(
  state: ServerState,
  script: ScriptedJob,
  timers: Set<unknown>,
): JobRecord | undefined {
  const submission = {
    owner: script.owner,
    operation: script.operation,
    repoAlias: script.repository ?? null,
    plan: planFromScript(script, state.flavor),
    ...(script.jobId !== undefined ? { jobId: script.jobId } : {}),
  };
  const at = script.at ?? 0;
  if (at < 0) return state.runner.addHistory(submission, -at);
  if (at === 0) return state.runner.submit(submission);
  const handle = state.clock.setTimeout(() => {
    timers.delete(handle);
    state.runner.submit(submission);
  }, at * state.options.timeScale);
  timers.add(handle);
  return undefined;
}

/** Puts a scenario's world into the state and starts its timers; returns a disposer. */
export function applyScenario(state: ServerState, scenario: ScenarioDefinition): () => void {
  const timers = new Set<unknown>();
  for (const golden of scenario.goldenRepos ?? []) state.repos.addGolden(golden);
  for (const repo of scenario.repos ?? []) state.repos.addActivated(repo);
  if (state.flavor === 'head' && scenario.startupSystemJobs !== false) {
    for (const job of headStartupSystemJobs()) scheduleScriptedJob(state, job, timers);
  }
  for (const job of scenario.jobs ?? []) scheduleScriptedJob(state, job, timers);

  const recurring = scenario.recurring;
  if (recurring && recurring.jobs.length > 0) {
    let index = 0;
    const tick = (): void => {
      const job = recurring.jobs[index % recurring.jobs.length];
      index += 1;
      if (job) scheduleScriptedJob(state, { ...job, at: 0 }, timers);
      arm();
    };
    const arm = (): void => {
      const handle = state.clock.setTimeout(() => {
        timers.delete(handle);
        tick();
      }, recurring.everyMs * state.options.timeScale);
      timers.add(handle);
    };
    arm();
  }
  return () => {
    for (const handle of timers) state.clock.clearTimeout(handle);
    timers.clear();
  };
}
