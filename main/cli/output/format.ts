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
