/**
 * `CidxApi` over HTTP for one CIDX server (HEAD 11.x or v5 5.0). Every answer is validated,
 * every failure is a `CidxFailure` value, and a 401 gets exactly one renew-and-retry.
 */
import type { z } from 'zod';
import type { Clock } from '../clock';
import { describeZodError } from '../config/config-issues';
import { isRecord } from '../is-record';
import type { Result } from '../result';
import { err, ok } from '../result';
import { cleanName, cleanOptional, MAX_NAME_LENGTH } from '../text/clean-text';
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
import { ListItemMemo } from './list-item-memo';
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

/** Warnings about unreadable list items remembered (so each is logged once); then forgotten. */
const MAX_WARNED_ITEMS = 1000;

/** A submission's job id, cleaned like every server name; an empty one leaves nothing to follow. */
function submitted(rawId: string, status: number, what: string): Result<SubmittedJob, CidxFailure> {
  const jobId = cleanName(rawId);
  if (jobId !== '') return ok({ jobId });
  return err({
    kind: 'unexpected-response',
    status,
    message: `The server accepted ${what} but returned no job id to follow.`,
  });
}

export class CidxClient implements CidxApi {
  private readonly http: HttpSession;
  private readonly auth: AuthProvider;
  /** A bad base URL is reported by every call rather than thrown: hosts pass user input. */
  private readonly setupFailure: CidxFailure | null;
  private readonly warnedItems = new Set<string>();
  private readonly listed = new ListItemMemo();

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
    const jobs: Job[] = [];
    let unreadable = 0;
    for (const item of page.jobs) {
      const job = this.listed.read(item, (unread) => this.readListItem(unread));
      if (job) jobs.push(job);
      else unreadable += 1;
    }
    return ok({
      jobs,
      limit: page.limit,
      offset: page.offset,
      total: page.total,
      ...(unreadable > 0 ? { unreadable } : {}),
    });
  }

  /**
   * One list item, or null when it cannot be read: it is dropped (and counted by the caller),
   * never the whole list. One warning per job, not one per poll.
   */
  private readListItem(item: unknown): Job | null {
    const parsed = jobSchema.safeParse(item);
    const job = parsed.success ? normalizeJob(parsed.data) : null;
    if (job) return job;
    const rawId = isRecord(item) && typeof item.job_id === 'string' ? cleanName(item.job_id) : '';
    const why = parsed.success ? 'no usable job id' : describeZodError(parsed.error, 3);
    const key = `${rawId}\n${why}`;
    if (!this.warnedItems.has(key)) {
      if (this.warnedItems.size >= MAX_WARNED_ITEMS) this.warnedItems.clear();
      this.warnedItems.add(key);
      this.http.logger.warn('A job in the job list could not be read and was left out', {
        job: rawId === '' ? null : rawId,
        why,
      });
    }
    return null;
  }

  async getJob(jobId: string): ApiResult<Job> {
    if (jobId.trim() === '') return err(invalid('The job id is empty.'));
    const answer = await this.authed(
      { method: 'GET', path: `/api/jobs/${encodeURIComponent(jobId)}` },
      jobSchema,
    );
    if (!answer.ok) return answer;
    const job = normalizeJob(answer.value.value);
    if (job) return ok(job);
    return err({
      kind: 'unexpected-response',
      status: answer.value.status,
      message: `The answer to GET /api/jobs/${shown(jobId)} carries no usable job id.`,
    });
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
    if (!answer.ok) return answer;
    return submitted(answer.value.value.job_id, answer.value.status, `the sync of ${shown(repo)}`);
  }

  async refreshGoldenRepo(alias: string): ApiResult<SubmittedJob> {
    const name = alias.trim();
    if (name === '') return err(invalid('Enter a golden repository alias to refresh.'));
    const path = `/api/admin/golden-repos/${encodeURIComponent(name)}/refresh`;
    const answer = await this.authed({ method: 'POST', path }, jobSubmitSchema);
    if (!answer.ok) return answer;
    // HEAD can answer 202 with job_id "" in degraded setups (§3.5): nothing to follow.
    return submitted(answer.value.value.job_id, answer.value.status, `the refresh of ${shown(name)}`);
  }

  async listRepositories(): ApiResult<Repository[]> {
    const answer = await this.authed({ method: 'GET', path: '/api/repos' }, repoListSchema);
    if (!answer.ok) return answer;
    // HEAD wraps the list, v5 sends a bare array (§3.6).
    const body = answer.value.value;
    const items = Array.isArray(body) ? body : body.repositories;
    return ok(
      items
        .map((item) => ({
          alias: cleanName(item.user_alias),
          goldenAlias: cleanOptional(item.golden_repo_alias, MAX_NAME_LENGTH),
          branch: cleanOptional(item.current_branch, MAX_NAME_LENGTH),
        }))
        .filter((repository) => repository.alias !== ''),
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
