export type { NotificationSettings, NotificationSettingsInput, QuietHours } from './settings';
export { notificationSettingsSchema, quietHoursSchema, defaultNotificationSettings } from './settings';
export type { NotificationIntent, NotificationKind, NotificationAction, NotificationUrgency } from './intent';
export { terminalKey, notificationIntentSchema } from './intent';
export type { PolicyContext } from './policy';
export { notificationIntents } from './policy';
export type {
  NotificationLedger,
  NotificationLedgerDocument,
  NotificationLedgerOptions,
} from './notification-ledger';
export {
  createNotificationLedger,
  notificationLedgerDocumentSchema,
  DEFAULT_NOTIFICATION_LEDGER,
} from './notification-ledger';
export type { Batcher } from './batcher';
export { createBatcher } from './batcher';
export { summarizeIntents, createCoalescer } from './coalesce';
export { outcomeCounts, combineIntents } from './combine';
export type { DigestReason } from './digest';
export { buildDigest, createDigestCollector } from './digest';
export type { QuietStatus } from './quiet-hours';
export { quietStatus, isWithinQuietHours, showsDuringQuiet } from './quiet-hours';
export type {
  NotificationCenter,
  NotificationCenterOptions,
  NotificationLookups,
} from './notification-center';
export { createNotificationCenter } from './notification-center';
