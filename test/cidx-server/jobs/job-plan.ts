import type { Flavor, ScriptedJob, SyncBehaviour } from '../types';
import type { JobPlan } from './job-record';
import { defaultPhases, isPhaseAware } from './phases';

/** Resolves a scripted job to a plan; phases exist only on HEAD (cidx-api.md §4.6). */
export function planFromScript(script: ScriptedJob, flavor: Flavor): JobPlan {
  const wantsPhases = script.phases ?? isPhaseAware(script.operation);
  const phases =
    flavor !== 'head' || wantsPhases === false
      ? []
      : Array.isArray(wantsPhases)
        ? wantsPhases
        : defaultPhases(script.operation, script.repository ?? null);
  return {
    pendingMs: script.pendingMs ?? 0,
    runMs: script.runMs ?? 1000,
    outcome: script.outcome ?? 'completed',
    phases,
    ...(script.error !== undefined ? { error: script.error } : {}),
    ...(script.result !== undefined ? { result: script.result } : {}),
    ...(script.noStartedAt ? { noStartedAt: true } : {}),
  };
}

export interface SyncOptionsUsed {
  incremental: boolean;
  force: boolean;
  pull_remote: boolean;
}

/** A sync job's plan and its §3.4 result for the given repository and options. */
export function planForSync(
  behaviour: SyncBehaviour,
  repositoryId: string,
  options: SyncOptionsUsed,
): JobPlan {
  return {
    pendingMs: behaviour.pendingMs ?? 0,
    runMs: behaviour.runMs ?? 1000,
    outcome: behaviour.outcome ?? 'completed',
    phases: [],
    ...(behaviour.error !== undefined ? { error: behaviour.error } : {}),
    result: syncResult(repositoryId, behaviour.filesChanged ?? 3, options),
  };
}

/** The §3.4 result of a sync that changed `files` files. */
export function syncResult(
  repositoryId: string,
  files: number,
  options: SyncOptionsUsed,
): Record<string, unknown> {
  return {
    success: true,
    message:
      files > 0
        ? `Successfully synced repository '${repositoryId}' with golden repository`
        : `Repository '${repositoryId}' is already up to date`,
    repository_id: repositoryId,
    changes_applied: files > 0,
    files_changed: files,
    options_used: options,
  };
}
