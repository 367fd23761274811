/**
 * The normalized job the rest of the app works with: camelCase, epoch-millisecond times,
 * and the status as a known union (unknown server values are kept as they are, opaque).
 */
import { cleanJsonValue, cleanName, cleanOptional, MAX_NAME_LENGTH } from '../text/clean-text';
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
  /** Server text (cleaned and bounded, like every string of a Job); rendered as text, never markup. */
  error: string | null;
  username: string | null;
  /** HEAD only, and only from `GET /api/jobs/{id}` (list items carry null, §2.2). */
  phase: string | null;
  phaseDetail: string | null;
}

/** Asked of every known job on every tick: a set lookup, not a scan of the list. */
const TERMINAL = new Set<string>(TERMINAL_STATUSES);

export function isTerminal(status: JobStatus): status is TerminalStatus {
  return TERMINAL.has(status);
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

/** Progress as the app uses it: a whole number in 0..100 (a server may send -5 or 150). */
const clampProgress = (value: number | null | undefined): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, Math.round(value))) : 0;

/**
 * The one place server text of a job enters the app: every string is cleaned and bounded here
 * (`core/text/clean-text`), so nothing downstream cleans again. Null when nothing identifies
 * the job once its id is cleaned.
 */
export function normalizeJob(wire: JobWire): Job | null {
  const id = cleanName(wire.job_id);
  if (id === '') return null;
  return {
    id,
    operationType: cleanName(wire.operation_type),
    status: cleanName(wire.status),
    createdAt: Date.parse(wire.created_at),
    startedAt: toTime(wire.started_at),
    completedAt: toTime(wire.completed_at),
    progress: clampProgress(wire.progress),
    result: wire.result === undefined ? null : cleanJsonValue(wire.result),
    error: cleanOptional(wire.error),
    username: cleanOptional(wire.username, MAX_NAME_LENGTH),
    phase: cleanOptional(wire.current_phase, MAX_NAME_LENGTH),
    phaseDetail: cleanOptional(wire.phase_detail),
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
