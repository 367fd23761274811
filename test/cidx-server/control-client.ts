import type { ControlState, NextSyncInput, SeededCredentials } from './control';
import type { FaultInput, FaultRule } from './faults/fault-rules';
import type { RequestStats } from './stats';
import type { ScriptedJob, SyncBehaviour } from './types';

export type { FaultInput, FaultRule } from './faults/fault-rules';
export type { ScriptedJob, SyncBehaviour } from './types';

/** A typed HTTP client for `/__control`, for tests and benchmarks in another process. */
export class CidxControlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    // The double refuses a POST that is not JSON (control-guard.ts): one always has a JSON body.
    const sent = body === undefined && method === 'POST' ? {} : body;
    const response = await this.fetchImpl(`${this.baseUrl}/__control${path}`, {
      method,
      headers: sent === undefined ? {} : { 'content-type': 'application/json' },
      body: sent === undefined ? null : JSON.stringify(sent),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path} failed with ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  state(): Promise<ControlState> {
    return this.call('GET', '/state');
  }
  credentials(): Promise<SeededCredentials> {
    return this.call('GET', '/credentials');
  }
  job(jobId: string): Promise<Record<string, unknown>> {
    return this.call('GET', `/jobs/${encodeURIComponent(jobId)}`);
  }
  async addJob(job: ScriptedJob): Promise<string | null> {
    const { job_ids } = await this.call<{ job_ids: (string | null)[] }>('POST', '/jobs', job);
    return job_ids[0] ?? null;
  }
  async addJobs(jobs: ScriptedJob[]): Promise<(string | null)[]> {
    return (await this.call<{ job_ids: (string | null)[] }>('POST', '/jobs', { jobs })).job_ids;
  }
  async cancelJob(jobId: string): Promise<boolean> {
    return (await this.call<{ cancelled: boolean }>('POST', `/jobs/${encodeURIComponent(jobId)}/cancel`))
      .cancelled;
  }
  addFault(fault: FaultInput): Promise<FaultRule> {
    return this.call('POST', '/faults', fault);
  }
  async removeFault(id: string): Promise<void> {
    await this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }
  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }
  async expireAllTokens(options: { refreshTokens?: boolean } = {}): Promise<void> {
    await this.call('POST', '/tokens/expire', options);
  }
  async restart(): Promise<void> {
    await this.call('POST', '/restart');
  }
  async setMaintenanceMode(enabled: boolean): Promise<void> {
    await this.call('POST', '/maintenance', { enabled });
  }
  async setAdmissionBlocked(blocked: boolean): Promise<void> {
    await this.call('POST', '/admission', { blocked });
  }
  async setNextSyncOutcome(repository: string, next: NextSyncInput): Promise<void> {
    await this.call('POST', `/repos/${encodeURIComponent(repository)}/next-sync`, next);
  }
  async setRepoSyncDefaults(
    repository: string,
    behaviour: SyncBehaviour & { owner?: string },
  ): Promise<number> {
    return (
      await this.call<{ updated: number }>(
        'POST',
        `/repos/${encodeURIComponent(repository)}/sync-defaults`,
        behaviour,
      )
    ).updated;
  }
  stats(): Promise<RequestStats> {
    return this.call('GET', '/stats');
  }
  async resetStats(): Promise<void> {
    await this.call('DELETE', '/stats');
  }
  async advanceClock(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', '/clock/advance', { ms })).now;
  }
}
