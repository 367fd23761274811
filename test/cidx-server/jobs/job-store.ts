import { ACTIVE_STATUSES, type Flavor } from '../types';
import type { UserAccount } from '../auth/users';
import type { JobRecord } from './job-record';

/** All jobs the server knows, newest first on request. */
export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  add(job: JobRecord): void {
    this.jobs.set(job.jobId, job);
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  delete(jobId: string): void {
    this.jobs.delete(jobId);
  }

  clear(): void {
    this.jobs.clear();
  }

  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  /** Sorted by created_at, newest first; ties keep submission order reversed. */
  newestFirst(filter: (job: JobRecord) => boolean = () => true): JobRecord[] {
    return this.all()
      .filter(filter)
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  active(filter: (job: JobRecord) => boolean = () => true): JobRecord[] {
    return this.all().filter((job) => ACTIVE_STATUSES.has(job.status) && filter(job));
  }
}

/** v5 shows only your own jobs, admins included; HEAD admins see everyone's (cidx-api.md §2.2). */
export function canSee(flavor: Flavor, user: UserAccount, job: JobRecord): boolean {
  return job.username === user.username || (flavor === 'head' && user.role === 'admin');
}
