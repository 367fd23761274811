/** Shared vocabulary of the CIDX double. Field names follow cidx-api.md. */

export type Flavor = 'head' | 'v5';
export type Role = 'admin' | 'power_user' | 'normal_user';

/** Job statuses; `completed_partial` exists only on HEAD (cidx-api.md §2.7). */
export type JobStatus = 'pending' | 'running' | 'completed' | 'completed_partial' | 'failed' | 'cancelled';

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  'completed',
  'completed_partial',
  'failed',
  'cancelled',
]);
export const ACTIVE_STATUSES: ReadonlySet<JobStatus> = new Set(['pending', 'running']);

/**
 * How a scripted job ends.
 * - `completed`: progress 100, result kept.
 * - `failed`: the worker raised: error text, progress 0, result null.
 * - `failed-result`: the worker returned `{success:false}` (HEAD: failed "job failed"; v5: completed).
 * - `partial`: HEAD `completed_partial`; v5 `completed`.
 * - `cancelled`: as if someone cancelled it when it was due to end (useful for history).
 * - `never-finishes`: stays running until cancelled or the server restarts.
 */
export type JobOutcome =
  'completed' | 'failed' | 'failed-result' | 'partial' | 'cancelled' | 'never-finishes';

/** One step of a phase-aware HEAD job (cidx-api.md §4.6). */
export interface PhaseStep {
  phase: string;
  detail: string;
  /** Global progress reported when the phase starts. */
  progress: number;
}

/** A job the scenario or a test scripts: who, what, how long, how it ends. */
export interface ScriptedJob {
  owner: string;
  operation: string;
  /** Kept internally as repo_alias; never exposed by job endpoints (cidx-api.md §2.1). */
  repository?: string;
  /** Submission time relative to now (ms). Negative creates finished history. Default 0. */
  at?: number;
  pendingMs?: number;
  runMs?: number;
  outcome?: JobOutcome;
  /** HEAD only. `true` picks the default phases for the operation; `false` none. */
  phases?: PhaseStep[] | boolean;
  error?: string;
  result?: unknown;
  jobId?: string;
  /** HEAD quirk: some tracker jobs never get a started_at (cidx-api.md §2.1). */
  noStartedAt?: boolean;
}

/** What a submitted sync of a repository does. */
export interface SyncBehaviour {
  pendingMs?: number;
  runMs?: number;
  outcome?: JobOutcome;
  error?: string;
  filesChanged?: number;
}

/** What a golden refresh does; phases apply on HEAD only. */
export interface RefreshBehaviour extends SyncBehaviour {
  phases?: PhaseStep[] | boolean;
  result?: unknown;
}

export interface ScenarioRepo {
  owner: string;
  alias: string;
  golden: string;
  branch?: string;
  activatedAt?: string;
  lastAccessed?: string;
  sync?: SyncBehaviour;
}

export interface ScenarioGoldenRepo {
  alias: string;
  repoUrl?: string;
  defaultBranch?: string;
  /** What a refresh of this golden repo does (HEAD: global_repo_refresh). */
  refresh?: RefreshBehaviour;
}

/** A whole world for the double: repositories, scripted jobs, a recurring feed. */
export interface ScenarioDefinition {
  name?: string;
  goldenRepos?: ScenarioGoldenRepo[];
  repos?: ScenarioRepo[];
  jobs?: ScriptedJob[];
  /** Submit these jobs in turn, one every `everyMs`, forever (the lively demo). */
  recurring?: { everyMs: number; jobs: ScriptedJob[] };
  /** HEAD creates internal `system` jobs at startup (captured). Default true on HEAD. */
  startupSystemJobs?: boolean;
  /** Default behaviour of syncs whose repository sets none. */
  defaultSync?: SyncBehaviour;
}
