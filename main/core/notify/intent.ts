/** What the notifier hands the host to show: plain data, plain text (never markup). */
import { z } from 'zod';
import { TERMINAL_STATUSES } from '../cidx/job';
import type { TerminalStatus } from '../cidx/job';
import type { JobRef } from '../jobs/tracked-job';

export type NotificationKind = 'finished' | 'failed' | 'cancelled' | 'summary' | 'digest';
export type NotificationAction = 'open' | 'cancel' | 'retry';
export type NotificationUrgency = 'low' | 'normal' | 'critical';

/**
 * What a host's deliver may return: the banner was handed over but is held back (its process
 * started) until this is called. See notification-center.ts for why.
 */
export type ReleaseBanner = () => void;

export interface NotificationIntent {
  /** Unique per intent; for one job's ending it is the exactly-once key (serverId/jobId/status). */
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The server concerned; null when a summary or digest spans several servers. */
  serverId: string | null;
  /** Job ids (of `serverId`, or of several servers: see `jobs`). */
  jobIds: string[];
  /** Every job concerned, with its server. */
  jobs: JobRef[];
  actions: NotificationAction[];
  urgency: NotificationUrgency;
  /** For one job's ending: its terminal status. Summaries and digests count these. */
  status?: TerminalStatus;
  /** Short label of the job for summaries, e.g. "Sync of my-repo". */
  label?: string;
  /** The ending happened while the app was not looking: it belongs in a digest. */
  catchUp?: boolean;
}

/** The exactly-once key of a job's terminal transition. */
export const terminalKey = (serverId: string, jobId: string, status: string): string =>
  `${serverId}/${jobId}/${status}`;

/** For intents persisted while quiet hours hold them back. */
export const notificationIntentSchema = z.object({
  key: z.string().min(1),
  kind: z.enum(['finished', 'failed', 'cancelled', 'summary', 'digest']),
  title: z.string(),
  body: z.string(),
  serverId: z.string().nullable(),
  jobIds: z.array(z.string()),
  jobs: z.array(z.object({ serverId: z.string(), jobId: z.string() })),
  actions: z.array(z.enum(['open', 'cancel', 'retry'])),
  urgency: z.enum(['low', 'normal', 'critical']),
  status: z.enum(TERMINAL_STATUSES).optional(),
  label: z.string().optional(),
  catchUp: z.boolean().optional(),
}) satisfies z.ZodType<NotificationIntent>;
