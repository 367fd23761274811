/**
 * The contract's shapes of state: the plain, serializable state every view renders (window,
 * tray, browser page, CLI), and the versioned patches that keep a view current. Type-only and
 * free of Node. Every shape that crosses a process is named here; the domain types it is built
 * from are the core's own, imported as types only (nothing of the core reaches a bundle), so
 * the renderer and the hosts import shapes from here and never from main/.
 */
import type { CidxFailure } from '../main/core/cidx/failure';
import type { ConfigIssue } from '../main/core/config/config-issues';
import type { AppSettings } from '../main/core/config/settings';
import type { ServerState } from '../main/core/engine/events';
import type { EtaEstimate } from '../main/core/jobs/eta';
import type { RetryEligibility } from '../main/core/jobs/retry';
import type { StallVerdict } from '../main/core/jobs/stall';
import type { JobsSummary } from '../main/core/jobs/summary';
import type { TrackedJob } from '../main/core/jobs/tracked-job';
import type { ServerConfig } from './server-config';

export type { Job, JobStatus } from '../main/core/cidx/job';
export type { Repository, ServerInfo } from '../main/core/cidx/api';
export type { ServerHealth, ServerState } from '../main/core/engine/events';
export type {
  AppSettings,
  CidxFailure,
  ConfigIssue,
  EtaEstimate,
  JobsSummary,
  RetryEligibility,
  ServerConfig,
  StallVerdict,
  TrackedJob,
};

/** A credential a person types in; the refresh token is the app's business, never theirs. */
export interface CredentialInput {
  apiKey?: string;
  password?: string;
}

/** Failures of commands: a server's answer in words, or a settings file that could not be saved. */
export type CoreFailure = CidxFailure | ConfigIssue;

/** What the app knows about a configured server, for the views. Never holds a secret. */
export interface ServerSnapshot {
  config: ServerConfig;
  /** Null until the engine first reports on it (and for disabled servers). */
  state: ServerState | null;
  /** From the probe (`/health` + who is signed in). */
  username: string | null;
  role: string | null;
  /** How well the secret store protects credentials, said to the person when it matters. */
  secretStoreWarning: string | null;
}

/** One tracked job with everything a view shows next to it. */
export interface JobView extends TrackedJob {
  /** From the submission ledger, or what the result reveals; null when unknown (§2.1). */
  repository: string | null;
  /** The operation in words ("Sync", "Golden repository refresh"). */
  operation: string;
  eta: EtaEstimate | null;
  stall: StallVerdict;
  retry: RetryEligibility;
}

export interface MonitorSnapshot {
  /** The version of the last patch included; the next patch has `version + 1`. */
  version: number;
  /** Clock time the derived fields (ETA, stall, data age) were computed. */
  asOf: number;
  servers: ServerSnapshot[];
  /** Every visible job, in no particular order: each view sorts (and filters) its own way. */
  jobs: JobView[];
  summary: JobsSummary;
  settings: AppSettings;
  /** Problems with the settings file or the app's documents; shown, never fatal. */
  issues: ConfigIssue[];
}

/** A job in a patch: which server, which job. */
export interface PatchJobRef {
  serverId: string;
  jobId: string;
}

/**
 * Everything one batch changed (an engine tick of one server, a command), as one versioned step.
 * Only what changed is present. A consumer applies, in this order: `servers`, `removedServers`
 * (with every job of theirs), `jobs` (upserted), `removedJobs`, `summary`, `settings`, `polled`.
 * Versions increase by exactly one per patch, so a consumer that sees `version !== last + 1`
 * missed something and asks for a fresh `snapshot()`.
 */
export interface MonitorPatch {
  version: number;
  /** Jobs added or changed, as whole views. */
  jobs?: JobView[];
  /** Jobs gone: removed by the server or retention, or hidden by a change of the server's view. */
  removedJobs?: PatchJobRef[];
  /** Servers whose settings or state changed in a way a view shows. */
  servers?: ServerSnapshot[];
  /** Servers removed from the settings; their jobs go with them. */
  removedServers?: string[];
  summary?: JobsSummary;
  settings?: AppSettings;
  /**
   * The heartbeat: servers whose poll succeeded and changed nothing else, by id, with the time of
   * that poll (their state's `lastSuccessAt` and `lastAttemptAt`). Keeps "updated 3 s ago" honest
   * at a few dozen bytes per poll.
   */
  polled?: Record<string, number>;
}

export type PatchListener = (patch: MonitorPatch) => void;
