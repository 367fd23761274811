/**
 * The tray's own small projection of the patch stream: servers, summary, settings and only the
 * jobs the tray can show (active ones and failures waiting for the person). It joins from one
 * snapshot and then follows patches, so a tray over 10,000 jobs does the work of a tray over
 * ten (no snapshot per patch, no pass over every job per render).
 */
import { isActive } from '../cidx/job';
import { compareTrackedJobs } from '../jobs/job-order';
import { jobRefKey } from '../jobs/tracked-job';
import type { JobView, ServerSnapshot, MonitorPatch, MonitorSnapshot } from '../monitor/monitor-types';
import type { TrayView } from './tray-model-types';

const NEEDS_ATTENTION = new Set(['failed', 'cancelled', 'completed_partial']);

/** Does the tray show this job: running or waiting, or an ending nobody has looked at yet? */
export const trayShows = (view: JobView): boolean =>
  isActive(view.job.status) || (!view.acknowledged && NEEDS_ATTENTION.has(view.job.status));

export interface TrayProjection {
  /** Starts over from a snapshot (joining, or after a missed version). */
  reset(snapshot: MonitorSnapshot): void;
  /** Applies the next patch; false when a version was skipped (call `reset` with a new snapshot). */
  apply(patch: MonitorPatch): boolean;
  view(): TrayView;
}

export function createTrayProjection(snapshot: MonitorSnapshot): TrayProjection {
  let version = 0;
  let servers: ServerSnapshot[] = [];
  let summary = snapshot.summary;
  let settings = snapshot.settings;
  const jobs = new Map<string, JobView>();
  let ordered: JobView[] | null = null;

  const keyOf = (view: JobView): string => jobRefKey({ serverId: view.serverId, jobId: view.job.id });

  function reset(next: MonitorSnapshot): void {
    version = next.version;
    servers = next.servers;
    summary = next.summary;
    settings = next.settings;
    jobs.clear();
    for (const view of next.jobs) if (trayShows(view)) jobs.set(keyOf(view), view);
    ordered = null;
  }

  function apply(patch: MonitorPatch): boolean {
    if (patch.version <= version) return true;
    if (patch.version !== version + 1) return false;
    version = patch.version;
    if (patch.servers) {
      const changed = new Map(patch.servers.map((server) => [server.config.id, server]));
      const known = new Set(servers.map((server) => server.config.id));
      servers = [
        ...servers.map((server) => changed.get(server.config.id) ?? server),
        ...patch.servers.filter((server) => !known.has(server.config.id)),
      ];
    }
    if (patch.removedServers) {
      const removed = new Set(patch.removedServers);
      servers = servers.filter((server) => !removed.has(server.config.id));
      for (const [key, view] of jobs) if (removed.has(view.serverId)) jobs.delete(key);
      ordered = null;
    }
    for (const view of patch.jobs ?? []) {
      const key = keyOf(view);
      if (trayShows(view)) jobs.set(key, view);
      else jobs.delete(key);
      ordered = null;
    }
    for (const ref of patch.removedJobs ?? []) {
      if (jobs.delete(jobRefKey(ref))) ordered = null;
    }
    if (patch.summary) summary = patch.summary;
    if (patch.settings) settings = patch.settings;
    if (patch.polled) {
      servers = servers.map((server) => {
        const at = patch.polled?.[server.config.id];
        return at === undefined || !server.state
          ? server
          : { ...server, state: { ...server.state, lastSuccessAt: at, lastAttemptAt: at } };
      });
    }
    return true;
  }

  reset(snapshot);
  return {
    reset,
    apply,
    view() {
      ordered ??= [...jobs.values()].sort(compareTrackedJobs);
      return { servers, summary, settings, jobs: ordered };
    },
  };
}
