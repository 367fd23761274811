/**
 * The documents the running app keeps beside config.json: the job cache (what was known at the
 * last stop, for "while you were away"), the submission ledger (retry) and the notification
 * ledger (exactly-once). A broken file is moved aside and reported; the app starts empty.
 */
import { removeStaleTempFiles } from '../config/atomic-file';
import { openJournalFile } from '../config/journal-file';
import type { ConfigIssue } from '../config/config-issues';
import { JsonDocumentStore } from '../config/json-document-store';
import { MemoryDocumentStore } from '../config/memory-document-store';
import type { DocumentStore } from '../config/stores';
import type { DocumentIssue } from '../config/json-document-store';
import { configDocumentPath } from '../config/paths';
import type { JobStoreSnapshot } from '../jobs/job-snapshot';
import { emptyJobStoreSnapshot, jobStoreSnapshotSchema } from '../jobs/job-snapshot';
import type { SubmissionLedgerDocument } from '../jobs/submission-ledger';
import { emptySubmissionLedger, submissionLedgerDocumentSchema } from '../jobs/submission-ledger';
import type { NotificationLedgerDocument, NotificationLedgerStore } from '../notify/notification-ledger';
import { emptyNotificationLedger, notificationLedgerDocumentSchema } from '../notify/notification-ledger';

export const JOB_CACHE_FILE_NAME = 'job-cache.json';
/** The unfinished jobs, written within seconds of a new one (housekeeping.ts). */
export const ACTIVE_JOBS_FILE_NAME = 'job-cache-active.json';
/** Shared with the CLI (main/cli/context.ts), so jobs it submitted can be retried here. */
export const SUBMISSIONS_FILE_NAME = 'submissions.json';
export const NOTIFICATIONS_FILE_NAME = 'notifications.json';

export interface CoreDocuments {
  jobCache: DocumentStore<JobStoreSnapshot>;
  activeJobs: DocumentStore<JobStoreSnapshot>;
  submissions: DocumentStore<SubmissionLedgerDocument>;
  notifications: NotificationLedgerStore;
}

/** The notification ledger's file with its journal beside it (notification-ledger.ts says why). */
function journaledLedgerStore(
  path: string,
  store: JsonDocumentStore<NotificationLedgerDocument>,
): NotificationLedgerStore {
  return {
    read: () => store.read(),
    write: (value) => store.write(value as NotificationLedgerDocument),
    journal: openJournalFile(`${path}.journal`),
  };
}

/**
 * `onIssue` hears every problem met while reading, in the settings file's own terms. Temp files
 * of writes a kill interrupted (settings, ledgers, cache, secrets: all in `configDir`) are
 * removed first, once they are older than a minute (atomic-file.ts).
 */
export function openCoreDocuments(
  configDir: string,
  now: () => number,
  onIssue: (issue: ConfigIssue) => void,
  options: { removeDebris?: boolean } = {},
): CoreDocuments {
  // Wall-clock time on purpose: it is compared with file modification times.
  if (options.removeDebris ?? true) removeStaleTempFiles(configDir, Date.now());
  // DocumentIssue kinds are a subset of ConfigIssueKind: one list of problems for the person.
  const report = (issue: DocumentIssue): void => onIssue({ ...issue });
  const jobsFile = (name: string) =>
    new JsonDocumentStore({
      path: configDocumentPath(configDir, name),
      schema: jobStoreSnapshotSchema,
      defaults: emptyJobStoreSnapshot,
      now,
      onIssue: report,
      trustedWrites: true,
    });
  return {
    jobCache: jobsFile(JOB_CACHE_FILE_NAME),
    activeJobs: jobsFile(ACTIVE_JOBS_FILE_NAME),
    submissions: new JsonDocumentStore({
      path: configDocumentPath(configDir, SUBMISSIONS_FILE_NAME),
      schema: submissionLedgerDocumentSchema,
      defaults: emptySubmissionLedger,
      now,
      onIssue: report,
    }),
    notifications: journaledLedgerStore(
      configDocumentPath(configDir, NOTIFICATIONS_FILE_NAME),
      new JsonDocumentStore({
        path: configDocumentPath(configDir, NOTIFICATIONS_FILE_NAME),
        schema: notificationLedgerDocumentSchema,
        defaults: emptyNotificationLedger,
        now,
        onIssue: report,
        // Thousands of keys, built here: written compact, checked when read back.
        trustedWrites: true,
      }),
    ),
  };
}

/**
 * A viewer's documents (`cidx-jobs watch`): the shared submission ledger, read like the app
 * reads it, but no job cache and no notification ledger of its own on disk. The app owns those:
 * a viewer that wrote them would overwrite its cache and mark endings notified it never showed.
 */
export function openViewerDocuments(
  configDir: string,
  now: () => number,
  onIssue: (issue: ConfigIssue) => void,
): CoreDocuments {
  const shared = openCoreDocuments(configDir, now, onIssue, { removeDebris: false });
  return {
    jobCache: new MemoryDocumentStore(emptyJobStoreSnapshot()),
    activeJobs: new MemoryDocumentStore(emptyJobStoreSnapshot()),
    submissions: shared.submissions,
    notifications: new MemoryDocumentStore(emptyNotificationLedger()),
  };
}
