/**
 * A busy HEAD server for the engine's high-rate tests: FIFO lifecycles pushed through a fake api
 * between two engine ticks, with the server's truth kept aside so a test can compare the engine's
 * view of running/pending with it, tick by tick.
 */
import type { Job, TerminalStatus } from '../../../main/core/cidx/job';
import { isTerminal } from '../../../main/core/cidx/job';
import type { EngineEvent } from '../../../main/core/engine/events';
import type { FakeCidxApi } from '../../support/fake-cidx-api';

export interface ChurnShape {
  /** New pending jobs each step. */
  arrivals: number;
  /** Oldest pending jobs that start and end within each step (a fast pool). */
  endings: number;
  /** Long jobs kept running the whole time (seen on the running list). */
  longRunners: number;
  /** Every this many steps the oldest long runner ends and a new one starts. */
  longRunnerEverySteps: number;
  /** Finished jobs older than this many steps are deleted (server retention), keeping the fake small. */
  retainSteps: number;
  /** Endings cycle through these statuses. */
  statuses: readonly TerminalStatus[];
}

export class ChurnServer {
  step = 0;
  private readonly pending: string[] = [];
  private readonly running: string[] = [];
  private readonly finished: { id: string; step: number }[] = [];
  /** Step at which each job ended on the server. */
  readonly endedAt = new Map<string, number>();
  /** Step at which each job was created. */
  readonly createdAt = new Map<string, number>();
  /** Jobs the engine knew as unfinished just before the server ended them, with their ending. */
  readonly trackedEndings = new Map<string, TerminalStatus>();
  private endingCount = 0;

  constructor(
    private readonly api: FakeCidxApi,
    private readonly shape: ChurnShape,
    private readonly engineUnfinished: () => ReadonlySet<string>,
  ) {}

  /** The initial world: long runners running and a short pending queue. */
  seed(pendingCount: number): void {
    for (let n = 0; n < this.shape.longRunners; n += 1) this.startRunner();
    for (let n = 0; n < pendingCount; n += 1) this.addPending();
  }

  /** One step between two engine ticks: arrivals, then the oldest pending start and end. */
  advance(): void {
    this.step += 1;
    for (let n = 0; n < this.shape.arrivals; n += 1) this.addPending();
    const tracked = this.engineUnfinished();
    for (let n = 0; n < this.shape.endings; n += 1) {
      const id = this.pending.shift();
      if (id === undefined) break;
      this.end(id, tracked);
    }
    if (this.shape.longRunnerEverySteps > 0 && this.step % this.shape.longRunnerEverySteps === 0) {
      const id = this.running.shift();
      if (id !== undefined) this.end(id, tracked);
      this.startRunner();
    }
    while (this.finished.length > 0 && this.finished[0]!.step < this.step - this.shape.retainSteps) {
      this.api.removeJob(this.finished.shift()!.id);
    }
  }

  unfinishedIds(): Set<string> {
    return new Set([...this.pending, ...this.running]);
  }

  private end(id: string, tracked: ReadonlySet<string>): void {
    const status = this.shape.statuses[this.endingCount % this.shape.statuses.length]!;
    this.endingCount += 1;
    this.api.updateJob(id, {
      status,
      progress: status === 'completed' ? 100 : 0,
      error: status === 'failed' ? 'boom' : null,
    });
    if (tracked.has(id)) this.trackedEndings.set(id, status);
    this.endedAt.set(id, this.step);
    this.finished.push({ id, step: this.step });
  }

  private addPending(): void {
    const job = this.api.addJob({ status: 'pending' });
    this.pending.push(job.id);
    this.createdAt.set(job.id, this.step);
  }

  private startRunner(): void {
    const job = this.api.addJob({ status: 'running' });
    this.running.push(job.id);
    this.createdAt.set(job.id, this.step);
  }
}

/** Ids of the jobs the engine holds as unfinished. */
export function unfinishedOf(jobs: readonly Job[]): Set<string> {
  return new Set(jobs.filter((job) => !isTerminal(job.status)).map((job) => job.id));
}

/** job-finished events per job id. */
export function finishesById(events: readonly EngineEvent[]): Map<string, EngineEvent[]> {
  const byId = new Map<string, EngineEvent[]>();
  for (const event of events) {
    if (event.type !== 'job-finished') continue;
    byId.set(event.job.id, [...(byId.get(event.job.id) ?? []), event]);
  }
  return byId;
}
