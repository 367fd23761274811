import type { ServerClock } from '../clock';
import { newUuid } from '../ids';
import type { Flavor } from '../types';
import { applyCancelled, applyOutcome } from './job-outcome';
import type { JobPlan, JobRecord } from './job-record';
import type { JobStore } from './job-store';

/** Operations held back by HEAD's memory admission gate (cidx-api.md §4.2). */
const MEMORY_HEAVY = new Set([
  'add_golden_repo',
  'provider_index_add',
  'provider_temporal_index_rebuild',
  'sync_repository',
  'change_branch',
]);

export interface RunnerConfig {
  flavor: Flavor;
  clock: ServerClock;
  store: JobStore;
  workerPoolSize: number;
  timeScale: number;
  cancelLatencyMs: number;
}

export interface JobSubmission {
  owner: string;
  operation: string;
  repoAlias: string | null;
  plan: JobPlan;
  jobId?: string;
}

/**
 * Drives every job through pending -> running -> terminal on the server's clock (cidx-api.md §4).
 * HEAD: a FIFO pool of `workerPoolSize`; v5: every job starts at once.
 */
export class JobRunner {
  private readonly queue: JobRecord[] = [];
  private admissionBlocked = false;

  constructor(private readonly config: RunnerConfig) {}

  private get now(): number {
    return this.config.clock.now();
  }

  submit(submission: JobSubmission): JobRecord {
    const job = this.createRecord(submission, this.now);
    this.config.store.add(job);
    this.wait(job, job.plan.pendingMs, () => this.enqueue(job));
    return job;
  }

  /** A job that already happened: created `agoMs` in the past and finished by now if it could. */
  addHistory(submission: JobSubmission, agoMs: number): JobRecord {
    const job = this.createRecord(submission, this.now - agoMs);
    const started = Math.min(this.now, job.createdAt + job.plan.pendingMs);
    job.startedAt = job.plan.noStartedAt ? null : started;
    job.status = 'running';
    job.progress = job.plan.phases.length > 0 ? 10 : 25;
    if (job.plan.outcome !== 'never-finishes')
      applyOutcome(job, this.config.flavor, Math.min(this.now, started + job.plan.runMs));
    this.config.store.add(job);
    return job;
  }

  /** DELETE semantics (cidx-api.md §4.7); the caller has checked the job is active. */
  cancel(job: JobRecord): void {
    if (job.status === 'pending') {
      this.clearTimer(job);
      this.removeFromQueue(job);
      applyCancelled(job, this.config.flavor, this.now, false);
      return;
    }
    if (job.cancelRequested) return;
    job.cancelRequested = true;
    // Phase-aware HEAD workers only notice when their current phase ends.
    if (this.config.flavor === 'head' && job.plan.phases.length > 0 && job.workPending) return;
    this.wait(job, this.config.cancelLatencyMs, () => this.finishCancelled(job));
  }

  setAdmissionBlocked(blocked: boolean): void {
    this.admissionBlocked = blocked;
    this.pump();
  }

  /** HEAD fails interrupted jobs and keeps progress; v5 forgets every job (cidx-api.md §4.4). */
  restart(): void {
    this.queue.length = 0;
    for (const job of this.config.store.all()) {
      this.clearTimer(job);
      if (this.config.flavor === 'v5') continue;
      if (job.status === 'pending' || job.status === 'running') {
        job.status = 'failed';
        job.error = 'Job interrupted by server restart';
        job.completedAt = this.now;
        job.result = null;
      }
    }
    if (this.config.flavor === 'v5') this.config.store.clear();
  }

  dispose(): void {
    this.queue.length = 0;
    for (const job of this.config.store.all()) this.clearTimer(job);
  }

  private createRecord(submission: JobSubmission, createdAt: number): JobRecord {
    const phased = this.config.flavor === 'head' && submission.plan.phases.length > 0;
    return {
      seq: this.config.store.nextSeq(),
      jobId: submission.jobId ?? newUuid(),
      operationType: submission.operation,
      status: 'pending',
      createdAt,
      startedAt: null,
      completedAt: null,
      progress: 0,
      result: null,
      error: null,
      username: submission.owner,
      currentPhase: null,
      phaseDetail: null,
      repoAlias: submission.repoAlias,
      plan: { ...submission.plan, phases: phased ? submission.plan.phases : [] },
      cancelRequested: false,
      timer: null,
      workPending: false,
    };
  }

  private enqueue(job: JobRecord): void {
    if (job.status !== 'pending') return;
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    for (const job of [...this.queue]) {
      // A finishing job may pump re-entrantly; skip what an inner pass already started.
      if (!this.queue.includes(job)) continue;
      if (this.config.flavor === 'head') {
        const running = this.config.store.all().filter((j) => j.status === 'running').length;
        if (running >= this.config.workerPoolSize) return;
        if (this.admissionBlocked && MEMORY_HEAVY.has(job.operationType)) continue;
      }
      this.removeFromQueue(job);
      this.start(job);
    }
  }

  private start(job: JobRecord): void {
    job.status = 'running';
    job.startedAt = job.plan.noStartedAt ? null : this.now;
    const { phases, runMs, outcome } = job.plan;
    if (phases.length === 0) {
      // 10 then immediately 25, where it stays until done (cidx-api.md §4.6).
      job.progress = 25;
      if (outcome !== 'never-finishes') this.work(job, runMs, () => this.finish(job));
      return;
    }
    job.progress = 10;
    this.stepPhase(job, 0, runMs / (phases.length + 1));
  }

  private stepPhase(job: JobRecord, index: number, slice: number): void {
    this.work(job, slice, () => {
      if (job.cancelRequested) return this.finishCancelled(job);
      const step = job.plan.phases[index];
      if (!step) return job.plan.outcome === 'never-finishes' ? undefined : this.finish(job);
      job.currentPhase = step.phase;
      job.phaseDetail = step.detail;
      job.progress = step.progress;
      if (index + 1 < job.plan.phases.length || job.plan.outcome !== 'never-finishes')
        this.stepPhase(job, index + 1, slice);
    });
  }

  private finish(job: JobRecord): void {
    if (job.cancelRequested) return this.finishCancelled(job);
    applyOutcome(job, this.config.flavor, this.now);
    this.pump();
  }

  private finishCancelled(job: JobRecord): void {
    if (job.status !== 'running') return;
    this.clearTimer(job);
    applyCancelled(job, this.config.flavor, this.now);
    this.pump();
  }

  private work(job: JobRecord, ms: number, step: () => void): void {
    this.wait(job, ms, () => {
      job.workPending = false;
      step();
    });
    // Set after scheduling: a zero delay has already run the step.
    if (job.timer !== null) job.workPending = true;
  }

  private wait(job: JobRecord, ms: number, callback: () => void): void {
    this.clearTimer(job);
    if (ms <= 0) return callback();
    job.timer = this.config.clock.setTimeout(() => {
      job.timer = null;
      callback();
    }, ms * this.config.timeScale);
  }

  private clearTimer(job: JobRecord): void {
    if (job.timer !== null) this.config.clock.clearTimeout(job.timer);
    job.timer = null;
  }

  private removeFromQueue(job: JobRecord): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
  }
}
