/**
 * Which engine events become notifications, and what they say. Pure.
 *
 * Rules (design.md, "Notifications are exactly-once", "What is new", "Whose jobs"):
 * - one intent per terminal transition, keyed serverId/jobId/status; a key already notified
 *   never notifies again (restarts, network flaps, replayed events);
 * - a job first seen already finished is history and stays silent, unless it was created since
 *   the previous successful poll (it started and ended between two looks);
 * - endings the app missed while away (`catchUp`) are marked for the digest;
 * - system jobs and other users' jobs stay silent unless the settings ask for them.
 */
import type { Job, TerminalStatus } from '../cidx/job';
import { isTerminal } from '../cidx/job';
import type { EngineEvent } from '../engine/events';
import { jobFacts } from '../jobs/job-facts';
import type { SubmissionRecord } from '../jobs/submission-ledger';
import type { JobRef } from '../jobs/tracked-job';
import { isOwnJob, isSystemJob } from '../jobs/visibility';
import type { NotificationAction, NotificationIntent, NotificationKind, NotificationUrgency } from './intent';
import { terminalKey } from './intent';
import type { NotificationSettings } from './settings';
import { truncateText } from '../text/clean-text';

export interface PolicyContext {
  settings: NotificationSettings;
  alreadyNotified(key: string): boolean;
  /** The server's display name; the id when not given. */
  serverName?(serverId: string): string;
  /** The signed-in username on the server, null when unknown. */
  signedInUser?(serverId: string): string | null;
  /** The submission ledger's entry for the job, when this app submitted it. */
  submission?(ref: JobRef): SubmissionRecord | undefined;
  role?(serverId: string): string | null | undefined;
}

const TOGGLE: Record<TerminalStatus, keyof NotificationSettings['events']> = {
  completed: 'completed',
  completed_partial: 'completedPartial',
  failed: 'failed',
  cancelled: 'cancelled',
};

const KIND: Record<TerminalStatus, NotificationKind> = {
  completed: 'finished',
  completed_partial: 'finished',
  failed: 'failed',
  cancelled: 'cancelled',
};

const URGENCY: Record<TerminalStatus, NotificationUrgency> = {
  completed: 'normal',
  completed_partial: 'normal',
  failed: 'critical',
  cancelled: 'low',
};

const VERB: Record<TerminalStatus, string> = {
  completed: 'completed',
  completed_partial: 'partly completed',
  failed: 'failed',
  cancelled: 'was cancelled',
};

export function notificationIntents(event: EngineEvent, context: PolicyContext): NotificationIntent[] {
  if (!context.settings.enabled) return [];
  if (event.type === 'job-finished')
    return intentFor(event.serverId, event.job, event.status, event.catchUp, context);
  if (event.type === 'job-added' && event.createdSinceLastPoll && isTerminal(event.job.status)) {
    return intentFor(event.serverId, event.job, event.job.status, false, context);
  }
  return [];
}

function intentFor(
  serverId: string,
  job: Job,
  status: TerminalStatus,
  catchUp: boolean,
  context: PolicyContext,
): NotificationIntent[] {
  const { settings } = context;
  if (!settings.events[TOGGLE[status]]) return [];
  if (!isWantedOwner(serverId, job, context)) return [];
  const key = terminalKey(serverId, job.id, status);
  if (context.alreadyNotified(key)) return [];

  const ref = { serverId, jobId: job.id };
  const facts = jobFacts(job, context.submission?.(ref), context.role?.(serverId) ?? null);
  const { repository } = facts;
  // Job text was cleaned where it entered (core/cidx); here it is only bounded for a banner.
  const label = `${facts.operation}${repository ? ` of ${truncateText(repository, 80)}` : ''}`;
  const serverName = truncateText(context.serverName?.(serverId) ?? serverId, 80);

  const actions: NotificationAction[] = ['open'];
  if (status !== 'completed' && facts.retry.retryable) {
    actions.push('retry');
  }
  return [
    {
      key,
      kind: KIND[status],
      title: `${label} ${VERB[status]}`,
      body: bodyFor(job, status, serverName),
      serverId,
      jobIds: [job.id],
      jobs: [ref],
      actions,
      urgency: URGENCY[status],
      status,
      label,
      ...(catchUp ? { catchUp: true } : {}),
    },
  ];
}

/** System jobs only when asked; other people's jobs only when asked; one's own always. */
function isWantedOwner(serverId: string, job: Job, context: PolicyContext): boolean {
  if (isSystemJob(job)) return context.settings.systemJobs;
  return (
    context.settings.otherUsersJobs || isOwnJob(job, { username: context.signedInUser?.(serverId) ?? null })
  );
}

/** How much of a job's error a notification body carries. */
const MAX_REASON = 200;

function bodyFor(job: Job, status: TerminalStatus, serverName: string): string {
  const where = `On ${serverName}.`;
  if (status === 'failed') {
    // HEAD can lose the reason: `error` reads "job failed" or is empty (cidx-api.md §4.1).
    const reason = job.error?.trim() ? truncateText(job.error, MAX_REASON) : 'The server gave no reason.';
    return `${reason}\n${where}`;
  }
  if (status === 'completed_partial' && job.error?.trim())
    return `${truncateText(job.error, MAX_REASON)}\n${where}`;
  if (status === 'completed' && job.startedAt !== null && job.completedAt !== null) {
    return `${where} Took ${duration(job.completedAt - job.startedAt)}.`;
  }
  return where;
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} h${rest > 0 ? ` ${rest} min` : ''}`;
}
