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
import type { EngineOptions } from '../engine/options';
import type { JobRef } from '../jobs/tracked-job';
import type { NotificationIntent, ReleaseBanner } from '../notify/intent';
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

export interface MonitorDeps {
  clock: Clock;
  /** Where the job cache and the ledgers live, beside config.json (config/paths.ts). */
  configDir: string;
  config: ConfigSeam;
  secrets: SecretStore;
  fetchFor(server: ServerConfig): FetchLike;
  /**
   * The host shows it (node-notifier, a recorder in tests), or stages it and returns the
   * release, which the notification center calls right before marking it delivered.
   */
  deliverNotification(intent: NotificationIntent): ReleaseBanner | void;
  logger?: Logger;
  /**
   * Engine tuning besides the intervals, which come from the settings (a person's choice wins).
   */
  engineOptions?: Partial<EngineOptions>;
  /**
   * A viewer (`cidx-jobs watch`) polls and projects like the app but leaves the app's documents
   * alone: no job cache is read or written, no notification is shown or recorded.
   */
  viewer?: boolean;
  /** Poll only these servers (default: every enabled one). */
  onlyServers?: readonly string[];
  /** Builds a server's client; `connectServer` unless a test injects fakes. */
  connect?(server: ServerConfig, deps: ConnectSeamDeps): CidxApi;
}

export type {
  CredentialInput,
  CoreFailure,
  ServerSnapshot,
  JobView,
  MonitorSnapshot,
  PatchJobRef,
  MonitorPatch,
  PatchListener,
} from '../../../preload/views';
import type { CredentialInput, CoreFailure, PatchListener, MonitorSnapshot } from '../../../preload/views';

export interface Monitor {
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
  /** The configured servers as saved (no state; cheap, unlike `snapshot()`). */
  servers(): ServerConfig[];
  getSettings(): AppSettings;
  updateSettings(patch: SettingsPatch): Promise<Result<AppSettings, CoreFailure>>;
  /** One job, every failure of one server, or every failure. */
  acknowledgeFailures(ref?: JobRef | { serverId: string }): void;
  /** After resume, unlock or network return; or one server after a person asked. */
  pollNow(serverId?: string): void;
  /** The jobs on screen: their phases are read first. */
  setFocus(serverId: string, jobIds: readonly string[]): void;
  /** Follow this job even before a list shows it (a job id given to `watch`). */
  followJob(serverId: string, jobId: string): void;
  configIssues(): ConfigIssue[];
  subscribe(listener: PatchListener): () => void;
  snapshot(): MonitorSnapshot;
}
