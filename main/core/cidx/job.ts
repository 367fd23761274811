/**
 * The normalized job the rest of the app works with: camelCase, epoch-millisecond times,
 * and the status as a known union (unknown server values are kept as they are, opaque).
 */
import type { JobWire } from './schemas';

export const TERMINAL_STATUSES = ['completed', 'completed_partial', 'failed', 'cancelled'] as const;
export const ACTIVE_STATUSES = ['pending', 'running', 'resolving_prerequisites'] as const;

export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];
/** Known statuses (cidx-api.md §2.7); any other string is carried through unchanged. */
export type JobStatus = TerminalStatus | ActiveStatus | (string & {});

export interface Job {
  id: string;
  operationType: string;
  status: JobStatus;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** 0..100; not monotonic on HEAD phase-aware jobs (§4.6). */
  progress: number;
  result: unknown;
  /** Server text; always rendered as text, never markup. */
  error: string | null;
  username: string | null;
  /** HEAD only, and only from `GET /api/jobs/{id}` (list items carry null, §2.2). */
  phase: string | null;
  phaseDetail: string | null;
}

export function isTerminal(status: JobStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export function isActive(status: JobStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/**
 * A sign of life between two readings of one job: status, progress, phase or phase detail
 * moved. The engine reports only such changes; the job store measures stalls from the last one.
 */
export function jobMoved(before: Job, after: Job): boolean {
  return (
    before.status !== after.status ||
    before.progress !== after.progress ||
    before.phase !== after.phase ||
    before.phaseDetail !== after.phaseDetail
  );
}

const toTime = (value: string | null | undefined): number | null => (value ? Date.parse(value) : null);

export function normalizeJob(wire: JobWire): Job {
  return {
    id: wire.job_id,
    operationType: wire.operation_type,
    status: wire.status,
    createdAt: Date.parse(wire.created_at),
    startedAt: toTime(wire.started_at),
    completedAt: toTime(wire.completed_at),
    progress: Math.round(wire.progress ?? 0),
    result: wire.result ?? null,
    error: wire.error ?? null,
    username: wire.username ?? null,
    phase: wire.current_phase ?? null,
    phaseDetail: wire.phase_detail ?? null,
  };
}

/** Operations whose workers report phases and real percentages on HEAD (§4.6). */
export function reportsPhases(operationType: string): boolean {
  return (
    operationType === 'global_repo_refresh' ||
    operationType === 'add_golden_repo' ||
    operationType.startsWith('add_index_') ||
    operationType === 'reindex' ||
    operationType === 'change_branch' ||
    operationType === 'provider_index_add' ||
    operationType === 'provider_temporal_index_rebuild'
  );
}
