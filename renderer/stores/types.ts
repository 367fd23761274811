/** The contract's shapes as the renderer uses them (type-only: no core code reaches the bundle). */
export type {
  AppSettings,
  ConfigIssue,
  JobsSummary,
  JobView,
  MonitorPatch,
  MonitorSnapshot,
  PatchJobRef,
  Repository,
  ServerConfig,
  ServerInfo,
  ServerSnapshot,
} from '../../preload/views';
export type { ContractFailure, ContractResult, JobRef, ServerDraft } from '../../preload/contract';
