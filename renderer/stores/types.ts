/**
 * The contract's view types as the renderer uses them (type-only imports: the renderer bundle
 * never carries the core or its validation library).
 */
export type {
  JobView,
  ServerSnapshot,
  MonitorPatch,
  MonitorSnapshot,
  PatchJobRef,
} from '../../main/core/monitor/view-types';
export type { JobsSummary } from '../../main/core/jobs/summary';
export type { AppSettings } from '../../main/core/config/settings';
export type { ConfigIssue } from '../../main/core/config/config-issues';
export type { ServerConfig } from '../../main/core/config/server';
export type { Repository, ServerInfo } from '../../main/core/cidx/api';
export type { ContractFailure, ContractResult, JobRef, ServerDraft } from '../../preload/contract';
