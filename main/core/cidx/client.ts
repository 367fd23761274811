/**
 * `CidxApi` over HTTP for one CIDX server (HEAD 11.x or v5 5.0). Every answer is validated,
 * every failure is a `CidxFailure` value, and a 401 gets exactly one renew-and-retry.
 */
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Result } from '../result';
import { err, ok } from '../result';
import type {
  ApiResult,
  CidxApi,
  JobPage,
  ListJobsQuery,
  Repository,
  ServerInfo,
  SubmittedJob,
  SyncOptions,
} from './api';
import type { AuthProvider } from './auth';
import type { CidxFailure } from './failure';
import type { Decoded, FetchLike, HttpRequest } from './http';
import { HttpSession } from './http';
import type { Job } from './job';
import { normalizeJob } from './job';
import type { Logger } from './logger';
import { redactingLogger } from './logger';
import { probeServer } from './probe';
import { SecretRegistry } from './redact';
import { sanitizeText } from './sanitize';
import {
  cancelSchema,
  jobListSchema,
  jobSchema,
  jobSubmitSchema,
  repoListSchema,
  syncSubmitSchema,
} from './schemas';
import { validateServerUrl } from './server-url';

export interface CidxClientOptions {
  baseUrl: string;
  fetch: FetchLike;
  auth: AuthProvider;
  clock: Clock;
  /** Per request, including reading the body; default 10 s. */
  timeoutMs?: number;
  /** Per answer; default 5 MiB. */
  maxResponseBytes?: number;
  logger?: Logger;
}

const invalid = (message: string): CidxFailure => ({ kind: 'invalid-input', message });

/** A name from the caller, safe to put in a message. */
const shown = (text: string): string => sanitizeText(text, undefined, 80);

export class CidxClient implements CidxApi {
  private readonly http: HttpSession;
  private readonly auth: AuthProvider;
  /** A bad base URL is reported by every call rather than thrown: hosts pass user input. */
  private readonly setupFailure: CidxFailure | null;

  constructor(options: CidxClientOptions) {
    const url = validateServerUrl(options.baseUrl);
    this.setupFailure = url.ok ? null : url.error;
    const secrets = new SecretRegistry();
    this.http = new HttpSession({
      baseUrl: url.ok ? url.value : 'http://invalid.invalid',
      fetch: options.fetch,
      clock: options.clock,
      secrets,
      logger: redactingLogger(options.logger, secrets),
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
    this.auth = options.auth;
  }

  async listJobs(query: ListJobsQuery = {}): ApiResult<JobPage> {
    const { status, limit, offset } = query;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
      return err(invalid('limit must be a whole number of at least 1.'));
    if (offset !== undefined && (!Number.isInteger(offset) || offset < 0))
      return err(invalid('offset must be a whole number, 0 or more.'));
    if (status !== undefined && status.trim() === '') return err(invalid('The status filter is empty.'));
    const answer = await this.authed(
      { method: 'GET', path: '/api/jobs', query: { status, limit, offset } },
      jobListSchema,
    );
    if (!answer.ok) return answer;
    const page = answer.value.value;
    return ok({
      jobs: page.jobs.map(normalizeJob),
      limit: page.limit,
      offset: page.offset,
      total: page.total,
    });
  }

  async getJob(jobId: string): ApiResult<Job> {
    if (jobId.trim() === '') return err(invalid('The job id is empty.'));
    const answer = await this.authed(
      { method: 'GET', path: `/api/jobs/${encodeURIComponent(jobId)}` },
      jobSchema,
    );
    return answer.ok ? ok(normalizeJob(answer.value.value)) : answer;
  }

  async cancelJob(jobId: string): ApiResult<void> {
    if (jobId.trim() === '') return err(invalid('The job id is empty.'));
    const answer = await this.authed(
      { method: 'DELETE', path: `/api/jobs/${encodeURIComponent(jobId)}` },
      cancelSchema,
    );
    if (answer.ok) {
      if (answer.value.value.success) return ok(undefined);
      const reason = sanitizeText(answer.value.value.message ?? '', this.http.secrets);
      return err({
        kind: 'bad-request',
        message: `The server did not cancel job ${shown(jobId)}${reason ? `: ${reason}` : '.'}`,
      });
    }
    const failure = answer.error;
    // DELETE answers 403 for unknown jobs as well as other users' jobs, never 404 (§2.4).
    if (failure.status === 403) {
      return err({
        ...failure,
        kind: 'not-found',
        message: `Job ${shown(jobId)} was not found, or it is not yours.`,
      });
    }
    // 400 "Cannot cancel job in <status> status": the job already ended (§2.4).
    if (failure.status === 400 && failure.serverDetail)
      return err({ ...failure, message: `${failure.serverDetail}.` });
    return answer;
  }

  async submitSync(repository: string, options: SyncOptions = {}): ApiResult<SubmittedJob> {
    const repo = repository.trim();
    if (repo === '') return err(invalid('Enter a repository name to sync.'));
    // Only the options given are sent; the server's defaults apply to the rest (§3.1).
    const body: Record<string, boolean> = {};
    if (options.force !== undefined) body.force = options.force;
    if (options.fullReindex !== undefined) body.full_reindex = options.fullReindex;
    if (options.incremental !== undefined) body.incremental = options.incremental;
    if (options.pullRemote !== undefined) body.pull_remote = options.pullRemote;
    const path = `/api/repositories/${encodeURIComponent(repo)}/sync`;
    const answer = await this.authed({ method: 'POST', path, body }, syncSubmitSchema);
    return answer.ok ? ok({ jobId: answer.value.value.job_id }) : answer;
  }

  async refreshGoldenRepo(alias: string): ApiResult<SubmittedJob> {
    const name = alias.trim();
    if (name === '') return err(invalid('Enter a golden repository alias to refresh.'));
    const path = `/api/admin/golden-repos/${encodeURIComponent(name)}/refresh`;
    const answer = await this.authed({ method: 'POST', path }, jobSubmitSchema);
    if (!answer.ok) return answer;
    // HEAD can answer 202 with job_id "" in degraded setups (§3.5): nothing to follow.
    if (answer.value.value.job_id === '') {
      return err({
        kind: 'unexpected-response',
        status: answer.value.status,
        message: `The server accepted the refresh of ${shown(name)} but returned no job id to follow.`,
      });
    }
    return ok({ jobId: answer.value.value.job_id });
  }

  async listRepositories(): ApiResult<Repository[]> {
    const answer = await this.authed({ method: 'GET', path: '/api/repos' }, repoListSchema);
    if (!answer.ok) return answer;
    // HEAD wraps the list, v5 sends a bare array (§3.6).
    const body = answer.value.value;
    const items = Array.isArray(body) ? body : body.repositories;
    return ok(
      items.map((item) => ({
        alias: item.user_alias,
        goldenAlias: item.golden_repo_alias ?? null,
        branch: item.current_branch ?? null,
      })),
    );
  }

  async probe(): ApiResult<ServerInfo> {
    if (this.setupFailure) return err(this.setupFailure);
    return probeServer(this.http, this.auth, (request, schema) => this.authed(request, schema));
  }

  /** One authenticated call; on 401 the provider renews once and the call is retried once. */
  private async authed<S extends z.ZodType>(
    request: Omit<HttpRequest, 'bearer'>,
    schema: S,
  ): Promise<Result<Decoded<z.infer<S>>, CidxFailure>> {
    if (this.setupFailure) return err(this.setupFailure);
    const token = await this.auth.authorize(this.http);
    if (!token.ok) return token;
    const first = await this.http.json({ ...request, bearer: token.value }, schema);
    if (first.ok || first.error.status !== 401) return first;
    const recovered = await this.auth.recover(this.http, token.value);
    if (!recovered.ok) return recovered;
    if (!recovered.value) return first;
    const renewed = await this.auth.authorize(this.http);
    if (!renewed.ok) return renewed;
    return this.http.json({ ...request, bearer: renewed.value }, schema);
  }
}
