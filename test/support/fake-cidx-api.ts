/**
 * A scriptable in-memory `CidxApi` for unit tests of the engine and the CLI. It keeps the list
 * semantics of the real server (cidx-api.md §2.2): status filter, newest first, page cap 50 on
 * HEAD (100 on v5), null phases in HEAD list items, HEAD's broken offset; it counts every call
 * and fails calls on demand with given `CidxFailure`s.
 */
import type { CidxApi, JobPage, ListJobsQuery, ServerFlavor, ServerInfo } from '../../main/core/cidx/api';
import type { CidxFailure, FailureKind } from '../../main/core/cidx/failure';
import type { Job } from '../../main/core/cidx/job';
import { isActive, isTerminal } from '../../main/core/cidx/job';
import { makeJob } from './job-fixture';
import type { Result } from '../../main/core/result';
import { err, ok } from '../../main/core/result';

export type ApiMethod = keyof CidxApi;

export const API_METHODS: readonly ApiMethod[] = [
  'listJobs',
  'getJob',
  'cancelJob',
  'submitSync',
  'refreshGoldenRepo',
  'listRepositories',
  'probe',
];

export function failure(kind: FailureKind, extra: Partial<CidxFailure> = {}): CidxFailure {
  return { kind, message: `fake ${kind}`, ...extra };
}

export interface FakeCidxApiOptions {
  flavor?: ServerFlavor;
  version?: string;
  /** Source of `createdAt` for new jobs (share the test's FakeClock). */
  now?: () => number;
  /** Who the probe says is signed in; null as over an API key, which CIDX never names. */
  probeUsername?: string | null;
}

export class FakeCidxApi implements CidxApi {
  readonly flavor: ServerFlavor;
  version: string;
  readonly calls: Record<ApiMethod, number>;
  /** Every call in order, with its argument (list query or job id). */
  readonly log: { method: ApiMethod; arg?: unknown }[] = [];
  /** Jobs the lists do not show yet (e.g. a submission not yet visible); GET still finds them. */
  readonly hiddenFromLists = new Set<string>();
  private readonly jobs = new Map<string, Job>();
  private readonly persistentFailures = new Map<ApiMethod | 'all', CidxFailure>();
  private readonly queuedFailures: { method: ApiMethod | 'all'; failure: CidxFailure }[] = [];
  private readonly now: () => number;
  probeUsername: string | null;
  private lastCreatedAt = 0;
  private sequence = 0;

  constructor(options: FakeCidxApiOptions = {}) {
    this.flavor = options.flavor ?? 'head';
    this.version = options.version ?? (this.flavor === 'head' ? '11.79.0' : '5.0.0');
    this.now = options.now ?? (() => Date.now());
    this.probeUsername = options.probeUsername === undefined ? 'alice' : options.probeUsername;
    this.calls = Object.fromEntries(API_METHODS.map((method) => [method, 0])) as Record<ApiMethod, number>;
  }

  // ---- scripting -------------------------------------------------------------------------

  /** Adds a job on the server; `createdAt` defaults to now, kept strictly increasing. */
  addJob(fields: Partial<Job> = {}): Job {
    this.sequence += 1;
    const createdAt = fields.createdAt ?? Math.max(this.now(), this.lastCreatedAt + 1);
    this.lastCreatedAt = Math.max(this.lastCreatedAt, createdAt);
    const status = fields.status ?? 'pending';
    const job = makeJob(`job-${String(this.sequence).padStart(4, '0')}`, {
      status,
      createdAt,
      startedAt: status === 'pending' ? null : createdAt,
      completedAt: isTerminal(status) ? createdAt : null,
      progress: status === 'running' ? 25 : 0,
      ...fields,
    });
    this.jobs.set(job.id, job);
    return { ...job };
  }

  /** Changes a job on the server (e.g. `{ status: 'completed', progress: 100 }`). */
  updateJob(jobId: string, patch: Partial<Job>): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`FakeCidxApi: no job ${jobId}`);
    const next = { ...job, ...patch };
    if (isTerminal(next.status) && next.completedAt === null) next.completedAt = this.now();
    if (next.status === 'running' && next.startedAt === null) next.startedAt = this.now();
    this.jobs.set(jobId, next);
    return { ...next };
  }

  /** Deletes a job (retention). */
  removeJob(jobId: string): void {
    this.jobs.delete(jobId);
  }

  /** v5 loses every job; HEAD fails the unfinished ones (cidx-api.md §4.4). */
  restart(): void {
    if (this.flavor === 'v5') {
      this.jobs.clear();
      return;
    }
    for (const job of this.jobs.values()) {
      if (!isTerminal(job.status)) {
        this.updateJob(job.id, { status: 'failed', error: 'Job interrupted by server restart' });
      }
    }
  }

  serverJob(jobId: string): Job | undefined {
    const job = this.jobs.get(jobId);
    return job ? { ...job } : undefined;
  }

  /** Every call of `method` (or of any method) fails with `failure` until cleared with null. */
  failAlways(method: ApiMethod | 'all', failureValue: CidxFailure | null): void {
    if (failureValue) this.persistentFailures.set(method, failureValue);
    else this.persistentFailures.delete(method);
  }

  /** The next `times` calls of `method` (or of any method) fail with `failure`. */
  failNext(method: ApiMethod | 'all', failureValue: CidxFailure, times = 1): void {
    for (let index = 0; index < times; index += 1)
      this.queuedFailures.push({ method, failure: failureValue });
  }

  totalCalls(): number {
    return API_METHODS.reduce((sum, method) => sum + this.calls[method], 0);
  }

  resetCalls(): void {
    for (const method of API_METHODS) this.calls[method] = 0;
    this.log.length = 0;
  }

  // ---- CidxApi ---------------------------------------------------------------------------

  async listJobs(query: ListJobsQuery = {}): Promise<Result<JobPage, CidxFailure>> {
    const failed = this.record('listJobs', query);
    if (failed) return err(failed);
    const cap = this.flavor === 'head' ? 50 : 100;
    const limit = Math.min(cap, Math.max(1, query.limit ?? 10));
    const offset = Math.max(0, query.offset ?? 0);
    const rows = [...this.jobs.values()]
      .filter((job) => query.status === undefined || job.status === query.status)
      .filter((job) => !this.hiddenFromLists.has(job.id))
      .sort((a, b) => b.createdAt - a.createdAt);
    // HEAD reads only the first limit + active rows and slices them: offset breaks (§2.2).
    const window =
      this.flavor === 'head'
        ? rows.slice(0, limit + rows.filter((job) => isActive(job.status)).length)
        : rows;
    const page = window.slice(offset, offset + limit).map((job) => this.asListItem(job));
    return ok({ jobs: page, limit, offset, total: window.length });
  }

  async getJob(jobId: string): Promise<Result<Job, CidxFailure>> {
    const failed = this.record('getJob', jobId);
    if (failed) return err(failed);
    const job = this.jobs.get(jobId);
    if (!job) return err(failure('not-found', { status: 404, serverDetail: `Job not found: ${jobId}` }));
    return ok({ ...job });
  }

  async cancelJob(jobId: string): Promise<Result<void, CidxFailure>> {
    const failed = this.record('cancelJob', jobId);
    if (failed) return err(failed);
    const job = this.jobs.get(jobId);
    // Unknown jobs answer 403, finished ones 400 (§2.4).
    if (!job) return err(failure('forbidden', { status: 403 }));
    if (isTerminal(job.status)) return err(failure('bad-request', { status: 400 }));
    this.updateJob(jobId, { status: 'cancelled', progress: 0 });
    return ok(undefined);
  }

  async submitSync(repository: string): Promise<Result<{ jobId: string }, CidxFailure>> {
    const failed = this.record('submitSync', repository);
    if (failed) return err(failed);
    return ok({ jobId: this.addJob({ operationType: 'sync_repository' }).id });
  }

  async refreshGoldenRepo(alias: string): Promise<Result<{ jobId: string }, CidxFailure>> {
    const failed = this.record('refreshGoldenRepo', alias);
    if (failed) return err(failed);
    return ok({ jobId: this.addJob({ operationType: 'global_repo_refresh' }).id });
  }

  async listRepositories(): Promise<Result<[], CidxFailure>> {
    const failed = this.record('listRepositories');
    if (failed) return err(failed);
    return ok([]);
  }

  async probe(): Promise<Result<ServerInfo, CidxFailure>> {
    const failed = this.record('probe');
    if (failed) return err(failed);
    return ok({
      flavor: this.flavor,
      version: this.version,
      healthStatus: 'healthy',
      username: this.probeUsername,
      role: 'admin',
    });
  }

  // ---- internals -------------------------------------------------------------------------

  /** HEAD list items never carry phases (§2.2); v5 has none at all. */
  private asListItem(job: Job): Job {
    return { ...job, phase: null, phaseDetail: null };
  }

  private record(method: ApiMethod, arg?: unknown): CidxFailure | null {
    this.calls[method] += 1;
    this.log.push({ method, arg });
    const queued = this.queuedFailures.findIndex(
      (entry) => entry.method === method || entry.method === 'all',
    );
    if (queued >= 0) {
      const [entry] = this.queuedFailures.splice(queued, 1);
      return entry?.failure ?? null;
    }
    return this.persistentFailures.get(method) ?? this.persistentFailures.get('all') ?? null;
  }
}
