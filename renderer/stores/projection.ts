/**
 * The renderer's state is a projection of main's (style.md §13): a snapshot replaces it,
 * versioned patches advance it one step at a time, and a patch that skips a version means
 * something was missed, so the caller asks for a new snapshot. The only writer spanning stores.
 */
import { jobKey, type JobKey } from '../model/jobKey';
import { useJobsStore, type JobOp } from './jobsStore';
import { useProjectionStore } from './projectionStore';
import { useServersStore } from './serversStore';
import { useSettingsStore } from './settingsStore';
import { useSummaryStore } from './summaryStore';
import type { JobView, MonitorPatch, MonitorSnapshot } from './types';

export function applySnapshot(snapshot: MonitorSnapshot, now: number): void {
  useServersStore.getState().replaceAll(snapshot.servers);
  useJobsStore.getState().replaceAll(snapshot.jobs, now);
  useSummaryStore.getState().setSummary(snapshot.summary);
  useSummaryStore.getState().setIssues(snapshot.issues);
  useSettingsStore.getState().setSettings(snapshot.settings);
  useProjectionStore.getState().setVersion(snapshot.version);
}

export interface BatchOutcome {
  /** A version was skipped (or there is no snapshot yet): ask for a new snapshot. */
  gap: boolean;
  /** Jobs upserted by the batch: their view before it and after it, for announcements. */
  transitions: { previous: JobView | undefined; job: JobView }[];
}

/**
 * Applies patches in version order as one update per store: stale ones are skipped, and at a
 * gap the ones before it are kept and the caller resyncs.
 */
export function applyPatches(patches: readonly MonitorPatch[], now: number): BatchOutcome {
  let version = useProjectionStore.getState().version;
  if (version === null) return { gap: patches.length > 0, transitions: [] };
  const ops: JobOp[] = [];
  const upserted = new Map<JobKey, JobView>();
  let gap = false;
  for (const patch of patches) {
    if (patch.version <= version) continue;
    if (patch.version !== version + 1) {
      gap = true;
      break;
    }
    version = patch.version;
    const servers = useServersStore.getState();
    for (const server of patch.servers ?? []) servers.upsert(server);
    for (const serverId of patch.removedServers ?? []) {
      servers.remove(serverId);
      ops.push({ kind: 'remove-server', serverId });
      for (const [key, job] of upserted) if (job.serverId === serverId) upserted.delete(key);
    }
    for (const job of patch.jobs ?? []) {
      ops.push({ kind: 'upsert', view: job });
      upserted.set(jobKey({ serverId: job.serverId, jobId: job.job.id }), job);
    }
    for (const ref of patch.removedJobs ?? []) {
      ops.push({ kind: 'remove', serverId: ref.serverId, jobId: ref.jobId });
      upserted.delete(jobKey(ref));
    }
    if (patch.summary) useSummaryStore.getState().setSummary(patch.summary);
    if (patch.settings) useSettingsStore.getState().setSettings(patch.settings);
    if (patch.polled) servers.polled(patch.polled);
  }
  const before = useJobsStore.getState().applyOps(ops, now);
  useProjectionStore.getState().setVersion(version);
  const transitions = [...upserted].map(([key, job]) => ({ previous: before.get(key), job }));
  return { gap, transitions };
}
