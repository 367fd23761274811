import type { JobOutcome, JobStatus, PhaseStep } from '../types';

/** How a job will behave, resolved from a script, a repo's sync behaviour or defaults. */
export interface JobPlan {
  pendingMs: number;
  runMs: number;
  outcome: JobOutcome;
  /** Empty for jobs that report no phases. */
  phases: PhaseStep[];
  error?: string;
  result?: unknown;
  noStartedAt?: boolean;
}

/** The double's job row: the §2.1 fields plus what the server stores but never exposes. */
export interface JobRecord {
  seq: number;
  jobId: string;
  operationType: string;
  status: JobStatus;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  progress: number;
  result: unknown;
  error: string | null;
  username: string;
  currentPhase: string | null;
  phaseDetail: string | null;
  /** Internal only (cidx-api.md §2.1). */
  repoAlias: string | null;
  plan: JobPlan;
  cancelRequested: boolean;
  timer: unknown;
  /** True while a phase step or the finish is scheduled (phase-aware cancel waits for it). */
  workPending: boolean;
}
