/** The running product every host uses: the monitor, and the pieces it is made of. */
export { createMonitor } from './monitor';
export type {
  ConfigSeam,
  ConnectSeamDeps,
  CoreFailure,
  CredentialInput,
  JobView,
  ServerSnapshot,
  PatchJobRef,
  Monitor,
  MonitorDeps,
  PatchListener,
  MonitorPatch,
  MonitorSnapshot,
} from './monitor-types';
export type { SettingsPatch } from './settings-patch';
export { applySettingsPatch } from './settings-patch';
export {
  ACTIVE_JOBS_FILE_NAME,
  JOB_CACHE_FILE_NAME,
  NOTIFICATIONS_FILE_NAME,
  SUBMISSIONS_FILE_NAME,
} from './core-documents';
export { PERSIST_EVERY_MS, PRUNE_EVERY_MS } from './housekeeping';
export { DRAFT_SERVER_ID } from './connection-check';
export { JobCommands } from './job-commands';
export type { EngineWakeUp, JobCommandsDeps, Submitted } from './job-commands';
export { authFor, connectServer } from './server-connection';
export type { ConnectionDeps } from './server-connection';
