/**
 * The baseline: what the CIDX CLI and web UI do (cidx-api.md §5), one `GET /api/jobs/{id}` per
 * active job per second, with the correct path (the CLI's `/status` path would only 404). It is
 * told each job id at submission, as the CLI knows the jobs it submitted.
 */
import type { CidxApi } from '../../main/core/cidx/api';
import type { Job } from '../../main/core/cidx/job';
import { isTerminal } from '../../main/core/cidx/job';

export const NAIVE_INTERVAL_MS = 1_000;

export class NaivePoller {
  private readonly active = new Set<string>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly api: CidxApi,
    private readonly onFinished: (job: Job) => void,
  ) {}

  track(jobId: string): void {
    this.active.add(jobId);
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), NAIVE_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.active.clear();
  }

  private tick(): void {
    for (const jobId of this.active) {
      // A slow answer is not stacked with another request for the same job.
      if (this.inFlight.has(jobId)) continue;
      this.inFlight.add(jobId);
      void this.api.getJob(jobId).then((result) => {
        this.inFlight.delete(jobId);
        if (!result.ok || !this.active.has(jobId) || !isTerminal(result.value.status)) return;
        this.active.delete(jobId);
        this.onFinished(result.value);
      });
    }
  }
}
