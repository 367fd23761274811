/** The job store's records: a server's job plus what the app observed about it. */
import type { Job } from '../cidx/job';

export interface TrackedJob {
  serverId: string;
  job: Job;
  /** Clock time the app first saw the job. */
  firstSeenAt: number;
  /**
   * Clock time of the last observed sign of life: progress, phase, phase detail or status
   * change (or first sight). Stall detection measures from here.
   */
  lastActivityAt: number;
  /** False for failures a person has not yet seen and dismissed (the tray stays red until then). */
  acknowledged: boolean;
}

/** Who is signed in on a server and what they chose to see (design.md, "Whose jobs"). */
export interface ServerView {
  /** The signed-in username; null when not known yet (then no ownership filter applies). */
  username: string | null;
  showAllUsers: boolean;
  showSystemJobs: boolean;
  /** Disabled servers do not count towards the data age. */
  enabled: boolean;
}

export const DEFAULT_SERVER_VIEW: ServerView = {
  username: null,
  showAllUsers: false,
  showSystemJobs: false,
  enabled: true,
};

export interface JobRef {
  serverId: string;
  jobId: string;
}

/** One string per job of one server, for maps keyed by job. */
export const jobRefKey = (ref: JobRef): string => `${ref.serverId}\u0000${ref.jobId}`;
