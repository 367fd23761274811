/**
 * The jobs of every server, as the contract reports them, plus what only the renderer keeps:
 * progress samples (for the chart) and the states and phases it saw (for the timeline).
 *
 * State layout decision (style.md §12): per-domain stores (jobs, servers, summary, settings,
 * projection, ui), not one store of slices. Each domain changes at its own rate — jobs on
 * every patch, settings rarely — so components subscribe to the one store they read and a
 * 10,000-job update never touches the settings view. `projection.ts` is the only writer that
 * spans stores.
 */
import { create } from 'zustand';
import { jobKey, type JobKey } from '../model/jobKey';
import type { JobView } from './types';

export interface ProgressPoint {
  at: number;
  progress: number;
}

export interface TimelineEntry {
  at: number;
  status: string;
  phase: string | null;
  phaseDetail: string | null;
}

export interface JobEntry {
  view: JobView;
  /** Change points of progress, oldest first (capped). */
  samples: ProgressPoint[];
  /** Changes of status or phase the renderer observed, oldest first (capped). */
  timeline: TimelineEntry[];
}

const MAX_SAMPLES = 300;
const MAX_TIMELINE = 100;

/** Keeps the first point (where the job started) and the most recent ones. */
function capped<T>(list: T[], max: number): T[] {
  return list.length <= max ? list : [list[0]!, ...list.slice(list.length - max + 1)];
}

/** The entry after `view` arrives at `now`: history grows only when something changed. */
export function nextEntry(previous: JobEntry | undefined, view: JobView, now: number): JobEntry {
  const { status, phase, phaseDetail, progress } = view.job;
  if (!previous) {
    return { view, samples: [{ at: now, progress }], timeline: [{ at: now, status, phase, phaseDetail }] };
  }
  const lastSample = previous.samples[previous.samples.length - 1];
  const samples =
    lastSample?.progress === progress
      ? previous.samples
      : capped([...previous.samples, { at: now, progress }], MAX_SAMPLES);
  const lastStep = previous.timeline[previous.timeline.length - 1];
  const changed =
    !lastStep ||
    lastStep.status !== status ||
    lastStep.phase !== phase ||
    lastStep.phaseDetail !== phaseDetail;
  const timeline = changed
    ? capped([...previous.timeline, { at: now, status, phase, phaseDetail }], MAX_TIMELINE)
    : previous.timeline;
  return { view, samples, timeline };
}

interface JobsState {
  /**
   * A Map, replaced (never mutated) on each change: copying a 10,000-entry Map per patch is
   * several times cheaper than spreading a 10,000-key object.
   */
  jobs: ReadonlyMap<JobKey, JobEntry>;
}

/** One change to the jobs, as a batch of patches brings them (projection.ts). */
export type JobOp =
  | { kind: 'upsert'; view: JobView }
  | { kind: 'remove'; serverId: string; jobId: string }
  | { kind: 'remove-server'; serverId: string };

interface JobsActions {
  /**
   * Applies many changes with ONE copy of the map and one notification: at 1,000 updates a
   * second, a copy and a render per update would drop frames (npm run bench:ui). Returns, for
   * each upserted job, its view before the batch (undefined when new).
   */
  applyOps(ops: readonly JobOp[], now: number): Map<JobKey, JobView | undefined>;
  /** Replaces every job (a snapshot), keeping history for jobs that are still there. */
  replaceAll(views: readonly JobView[], now: number): void;
  reset(): void;
}

const defaults: JobsState = { jobs: new Map() };

export const useJobsStore = create<JobsState & JobsActions>()((set, get) => ({
  ...defaults,
  replaceAll(views, now) {
    const previous = get().jobs;
    const jobs = new Map<JobKey, JobEntry>();
    for (const view of views) {
      const key = jobKey({ serverId: view.serverId, jobId: view.job.id });
      jobs.set(key, nextEntry(previous.get(key), view, now));
    }
    set({ jobs });
  },
  applyOps(ops, now) {
    const before = new Map<JobKey, JobView | undefined>();
    if (ops.length === 0) return before;
    const jobs = new Map(get().jobs);
    for (const op of ops) {
      if (op.kind === 'upsert') {
        const key = jobKey({ serverId: op.view.serverId, jobId: op.view.job.id });
        const previous = jobs.get(key);
        if (!before.has(key)) before.set(key, previous?.view);
        jobs.set(key, nextEntry(previous, op.view, now));
      } else if (op.kind === 'remove') {
        jobs.delete(jobKey(op));
      } else {
        for (const [key, entry] of jobs) if (entry.view.serverId === op.serverId) jobs.delete(key);
      }
    }
    set({ jobs });
    return before;
  },
  reset: () => set(defaults),
}));
