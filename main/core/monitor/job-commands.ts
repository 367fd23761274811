/**
 * The commands a person gives (submit a sync, cancel, retry), shared by the CLI, the tray menu,
 * the window and notification actions. Each goes through the server's client, records what
 * retry will need, and wakes the engine so the result shows at once (design.md, data flow).
 */
import type { CidxApi, SubmittedJob, SyncOptions } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import type { Clock } from '../clock';
import type { SubmissionLedger } from '../jobs/submission-ledger';
import { retryEligibility } from '../jobs/retry';
import type { RetryRequest } from '../jobs/retry';
import type { Result } from '../result';
import { err, ok } from '../result';

/** What the commands need of the engine: only the wake-up calls. */
export interface EngineWakeUp {
  trackJob(serverId: string, jobId: string): void;
  noteCommand(serverId: string): void;
  pollNow(serverId?: string): void;
}

export interface JobCommandsDeps {
  apiFor(serverId: string): CidxApi | null;
  ledger: SubmissionLedger;
  clock: Clock;
  engine?: EngineWakeUp;
  /** The signed-in role per server when known (golden refresh is admin-only). */
  roleOf?(serverId: string): string | null;
}

export interface Submitted extends SubmittedJob {
  serverId: string;
}

const unknownServer = (serverId: string): CidxFailure => ({
  kind: 'invalid-input',
  message: `No server "${serverId}" is configured.`,
});

export class JobCommands {
  constructor(private readonly deps: JobCommandsDeps) {}

  async submitSync(
    serverId: string,
    repository: string,
    options: SyncOptions = {},
  ): Promise<Result<Submitted, CidxFailure>> {
    return this.submit(serverId, { kind: 'sync', repository, options });
  }

  async refreshGoldenRepo(serverId: string, alias: string): Promise<Result<Submitted, CidxFailure>> {
    return this.submit(serverId, { kind: 'golden-refresh', alias });
  }

  /** A 200 is not "cancelled" yet (cidx-api.md §4.7): the engine reports the real ending. */
  async cancel(serverId: string, jobId: string): Promise<Result<void, CidxFailure>> {
    const api = this.deps.apiFor(serverId);
    if (!api) return err(unknownServer(serverId));
    const answer = await api.cancelJob(jobId);
    this.wake(serverId);
    return answer;
  }

  /** Resubmits what the job was (the server has no retry endpoint, §3.7), or says why it cannot. */
  async retry(serverId: string, jobId: string): Promise<Result<Submitted, CidxFailure>> {
    const api = this.deps.apiFor(serverId);
    if (!api) return err(unknownServer(serverId));
    const job = await api.getJob(jobId);
    if (!job.ok) return job;
    // A retry is a person's click: look for what the CLI recorded a moment ago, unthrottled.
    this.deps.ledger.refresh();
    const entry = this.deps.ledger.get({ serverId, jobId });
    const verdict = retryEligibility(job.value, entry, { role: this.deps.roleOf?.(serverId) ?? null });
    if (!verdict.retryable) return err({ kind: 'invalid-input', message: verdict.reason });
    return this.submit(serverId, verdict.request);
  }

  private async submit(serverId: string, request: RetryRequest): Promise<Result<Submitted, CidxFailure>> {
    const api = this.deps.apiFor(serverId);
    if (!api) return err(unknownServer(serverId));
    const answer =
      request.kind === 'sync'
        ? await api.submitSync(request.repository, request.options)
        : await api.refreshGoldenRepo(request.alias);
    if (!answer.ok) return answer;
    const { jobId } = answer.value;
    // Recorded before anything else can look at the job: retry and names depend on it.
    if (jobId !== '') {
      const submittedAt = this.deps.clock.now();
      this.deps.ledger.record(
        request.kind === 'sync'
          ? {
              serverId,
              jobId,
              submittedAt,
              operation: 'sync',
              repository: request.repository,
              options: request.options,
            }
          : { serverId, jobId, submittedAt, operation: 'golden-refresh', alias: request.alias },
      );
      this.deps.engine?.trackJob(serverId, jobId);
    }
    this.wake(serverId);
    return ok({ serverId, jobId });
  }

  private wake(serverId: string): void {
    this.deps.engine?.noteCommand(serverId);
    this.deps.engine?.pollNow(serverId);
  }
}
