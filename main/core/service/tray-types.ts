/**
 * The shapes every host (Electron main, browser mode, the CLI's long-running modes) sees of the
 * running product: the platform seams it fills in, the commands, and the plain serializable
 * state the views render (design.md, "The shape"; style.md §13: patches with a version).
 */
import type { CidxApi, ServerInfo, Repository } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import type { FetchLike } from '../cidx/http';
import type { Logger } from '../cidx/logger';
import type { Clock } from '../clock';
import type { ConfigIssue } from '../config/config-issues';
import type { ConfigLoad } from '../config/config-file';
import type { NewServerInput, ServerPatch } from '../config/server-list';
import type { ServerConfig } from '../config/server';
import type { AppSettings, ConfigDocument } from '../config/settings';
import type { SecretStore } from '../config/stores';
import type { ServerState } from '../engine/events';
import type { EngineOptions } from '../engine/options';
import type { EtaEstimate } from '../jobs/eta';
import type { RetryEligibility } from '../jobs/retry';
import type { StallVerdict } from '../jobs/stall';
import type { JobsSummary } from '../jobs/summary';
import type { JobRef, TrackedJob } from '../jobs/tracked-job';
import type { NotificationIntent } from '../notify/intent';
import type { Result } from '../result';
import type { JobCommands } from './job-commands';
import type { SettingsPatch } from './settings-patch';

/** Saving the settings document: `ConfigFile.save` fits (sync), an async store too. */
export interface ConfigSeam {
  load(): Promise<ConfigLoad>;
  save(
    document: ConfigDocument,
  ): Result<ConfigDocument, ConfigIssue> | Promise<Result<ConfigDocument, ConfigIssue>>;
}

/** What `connectServer` needs; passed to the `connect` seam so tests can swap the client. */
export interface ConnectSeamDeps {
  secrets: SecretStore;
  fetchFor(server: ServerConfig): FetchLike;
  clock: Clock;
  logger?: Logger;
}

export interface TrayCoreDeps {
  clock: Clock;
  /** Where the job cache and the ledgers live, beside config.json (config/paths.ts). */
  configDir: string;
  config: ConfigSeam;
  secrets: SecretStore;
  fetchFor(server: ServerConfig): FetchLike;
  /** The host shows it (node-notifier, Electron Notification, a recorder in tests). */
  deliverNotification(intent: NotificationIntent): void;
  logger?: Logger;
  /**
   * Engine tuning besides the intervals, which come from the settings (a person's choice wins).
   */
  engineOptions?: Partial<EngineOptions>;
  /** Builds a server's client; `connectServer` unless a test injects fakes. */
  connect?(server: ServerConfig, deps: ConnectSeamDeps): CidxApi;
}

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

export interface TraySnapshot {
  /** The version of the last patch included; the next patch has `version + 1`. */
  version: number;
  /** Clock time the derived fields (ETA, stall, data age) were computed. */
  asOf: number;
  servers: ServerSnapshot[];
  jobs: JobView[];
  summary: JobsSummary;
  settings: AppSettings;
  /** Problems with the settings file or the app's documents; shown, never fatal. */
  issues: ConfigIssue[];
}

export type TrayChange =
  | { kind: 'job-upserted'; job: JobView }
  | { kind: 'job-removed'; serverId: string; jobId: string }
  | { kind: 'server-changed'; server: ServerSnapshot }
  /** Its jobs were removed with it (each announced as `job-removed` before this). */
  | { kind: 'server-removed'; serverId: string }
  | { kind: 'summary-changed'; summary: JobsSummary }
  | { kind: 'settings-changed'; settings: AppSettings };

/**
 * One change with its version. Versions increase by exactly one per patch, so a consumer that
 * sees `version !== last + 1` missed something and should ask for a fresh `snapshot()`.
 */
export interface TrayPatch {
  version: number;
  change: TrayChange;
}

export type TrayListener = (patch: TrayPatch) => void;

export interface TrayCore {
  /** Starts polling and the housekeeping timers. */
  start(): void;
  /** Stops polling, writes the job cache and shows what the notification windows hold. Final. */
  stop(): void;
  jobs: JobCommands;
  addServer(input: NewServerInput, credentials: CredentialInput): Promise<Result<ServerConfig, CoreFailure>>;
  updateServer(
    id: string,
    patch: ServerPatch,
    credentials?: CredentialInput,
  ): Promise<Result<ServerConfig, CoreFailure>>;
  removeServer(id: string): Promise<Result<void, CoreFailure>>;
  /** Probes a draft server with a throw-away client; nothing is saved, no secret is stored. */
  testConnection(
    draft: NewServerInput,
    credentials: CredentialInput,
  ): Promise<Result<ServerInfo, CidxFailure>>;
  listRepositories(serverId: string): Promise<Result<Repository[], CidxFailure>>;
  getSettings(): AppSettings;
  updateSettings(patch: SettingsPatch): Promise<Result<AppSettings, CoreFailure>>;
  /** One job, every failure of one server, or every failure. */
  acknowledgeFailures(ref?: JobRef | { serverId: string }): void;
  /** After resume, unlock or network return; or one server after a person asked. */
  pollNow(serverId?: string): void;
  /** The jobs on screen: their phases are read first. */
  setFocus(serverId: string, jobIds: readonly string[]): void;
  configIssues(): ConfigIssue[];
  subscribe(listener: TrayListener): () => void;
  snapshot(): TraySnapshot;
}
