/** Words and numbers for people: durations, ages, statuses, operations. */
import type { Job } from '../../core/cidx/job';

export { formatAge, formatDuration } from '../../core/text/duration';

/** Status words that do not rely on colour (the table may be read without it). */
const STATUS_LABEL: Record<string, string> = {
  pending: '… pending',
  running: '▶ running',
  resolving_prerequisites: '… preparing',
  completed: '✓ completed',
  completed_partial: '◐ partial',
  failed: '✗ failed',
  cancelled: '⊘ cancelled',
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

/** `sync_repository` -> "sync repository"; operation types are opaque strings (cidx-api.md §2.8). */
export function operationLabel(operationType: string): string {
  return operationType.replace(/_/g, ' ');
}

/** How long a job has run (or ran), from the server's own timestamps. */
export function elapsedOf(job: Job, now: number): number | null {
  const start = job.startedAt ?? null;
  if (start === null) return null;
  return (job.completedAt ?? now) - start;
}

/**
 * Whole terminal escape sequences (CSI such as colours and cursor moves, OSC such as window
 * titles and hyperlinks): dropping only their ESC byte would leave debris like "[31m" behind.
 */
/* eslint-disable no-control-regex */
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?/g;
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

/** Removes control characters from server text before it reaches a terminal (hostile input). */
export function plainText(text: string, maxLength = 500): string {
  const cleaned = text.replace(OSC, '').replace(CSI, '').replace(CONTROL, '').replace(/\s+/g, ' ');
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}
