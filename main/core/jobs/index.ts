export type { TrackedJob, ServerView, JobRef } from './tracked-job';
export { DEFAULT_SERVER_VIEW } from './tracked-job';
export { isSystemJob, isOwnJob, isVisible } from './visibility';
export { compareTrackedJobs } from './job-order';
export type { DocumentError, LoadedDocument } from './persisted-document';
export { loadDocument, parseDocument } from './persisted-document';
export type { JobStore, JobStoreChange, JobQuery, ServerEntry } from './job-store';
export { createJobStore } from './job-store';
export type { JobStoreSnapshot } from './job-snapshot';
export { jobStoreSnapshotSchema, emptyJobStoreSnapshot } from './job-snapshot';
export type { JobsSummary, JobTally, SummaryServer, WorstState } from './summary';
export { summarizeJobs, summaryKey, WORST_STATES } from './summary';
export type { ProgressSample, EtaOptions, EtaEstimate } from './eta';
export { estimateEta, DEFAULT_ETA_OPTIONS } from './eta';
export type { ProgressHistory, ProgressHistoryOptions } from './progress-history';
export { createProgressHistory, DEFAULT_PROGRESS_HISTORY } from './progress-history';
export type { StallSettings, StallVerdict } from './stall';
export { stallVerdict, DEFAULT_STALL_SETTINGS } from './stall';
export type { TypicalDurations } from './typical-durations';
export { createTypicalDurations } from './typical-durations';
export type { RetentionPolicy } from './retention';
export { selectExpiredJobs, DEFAULT_RETENTION } from './retention';
export type { SubmissionLedger, SubmissionRecord, SubmissionLedgerDocument } from './submission-ledger';
export {
  createSubmissionLedger,
  submissionRecordSchema,
  submissionLedgerDocumentSchema,
  DEFAULT_SUBMISSION_LEDGER_SIZE,
} from './submission-ledger';
export type { RetryEligibility, RetryRequest, RetryContext } from './retry';
export { retryEligibility, refreshAliasOf } from './retry';
export { operationInWords, repositoryOf } from './operation-names';
