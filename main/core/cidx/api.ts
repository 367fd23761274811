/**
 * What the rest of the core asks of one CIDX server. `CidxClient` implements it over HTTP;
 * engine and CLI unit tests implement it with typed fakes.
 */
import type { Result } from '../result';
import type { CidxFailure } from './failure';
import type { Job } from './job';

/** HEAD = CIDX 11.x (API keys, phases, worker pool of 5); v5 = CIDX 5.0 (cidx-api.md). */
export type ServerFlavor = 'head' | 'v5';

export interface ListJobsQuery {
  /** Exact status filter; the server does not validate it (§2.2). */
  status?: string;
  /** Clamped by the server: 1..100, HEAD 1..50. */
  limit?: number;
  offset?: number;
}

export interface JobPage {
  jobs: Job[];
  /** The limit the server actually applied (HEAD echoes the capped value). */
  limit: number;
  offset: number;
  /** Never trust on HEAD (§2.2 surprise 2). */
  total: number;
  /**
   * Items of this page that could not be read (invalid shape, no usable id) and were left out
   * of `jobs`; absent when every item was read. Each is logged once through the client's logger.
   */
  unreadable?: number;
}

/** Options of `POST /api/repositories/{repo}/sync`. They are echoed but are no-ops on the server (§3.1, §3.4). */
export interface SyncOptions {
  force?: boolean;
  fullReindex?: boolean;
  incremental?: boolean;
  pullRemote?: boolean;
}

export interface SubmittedJob {
  jobId: string;
}

export interface Repository {
  alias: string;
  goldenAlias: string | null;
  branch: string | null;
}

export interface ServerInfo {
  flavor: ServerFlavor;
  /** From the authenticated `/health` (§7); null when it could not be read. */
  version: string | null;
  /** `/health` status: healthy | degraded (any failed job exists!) | warning. Informational only. */
  healthStatus: string | null;
  /** The signed-in user and role when known (role decides admin-only calls). */
  username: string | null;
  role: string | null;
  /** HEAD `/health` reports maintenance mode (new jobs refused); absent on v5. */
  maintenanceMode?: boolean;
}

export type ApiResult<T> = Promise<Result<T, CidxFailure>>;

export interface CidxApi {
  listJobs(query?: ListJobsQuery): ApiResult<JobPage>;
  getJob(jobId: string): ApiResult<Job>;
  /** 200 does not mean cancelled yet (§4.7); 403 means unknown or not yours (§2.4). */
  cancelJob(jobId: string): ApiResult<void>;
  submitSync(repository: string, options?: SyncOptions): ApiResult<SubmittedJob>;
  /** Admin only (§3.5). `alias` is the bare golden alias, without `-global`. */
  refreshGoldenRepo(alias: string): ApiResult<SubmittedJob>;
  listRepositories(): ApiResult<Repository[]>;
  /** Reachability, flavour, version and the credentials check in one call (§7). */
  probe(): ApiResult<ServerInfo>;
}
