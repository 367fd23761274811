/**
 * The renderer's state is a projection of main's (style.md §13): a snapshot replaces it,
 * versioned patches advance it one step at a time, and a patch that skips a version means
 * something was missed, so the caller asks for a new snapshot. The only writer spanning stores.
 */
import { useJobsStore } from './jobsStore';
import { useProjectionStore } from './projectionStore';
import { useServersStore } from './serversStore';
import { useSettingsStore } from './settingsStore';
import { useSummaryStore } from './summaryStore';
import type { JobView, TrayPatch, TraySnapshot } from './types';

export function applySnapshot(snapshot: TraySnapshot, now: number): void {
  useServersStore.getState().replaceAll(snapshot.servers);
  useJobsStore.getState().replaceAll(snapshot.jobs, now);
  useSummaryStore.getState().setSummary(snapshot.summary);
  useSummaryStore.getState().setIssues(snapshot.issues);
  useSettingsStore.getState().setSettings(snapshot.settings);
  useProjectionStore.getState().setVersion(snapshot.version);
}

export type PatchOutcome =
  /** Applied; for a job upsert, the job's previous view (undefined when new). */
  | { kind: 'applied'; previousJob?: JobView }
  /** Already included (an older or repeated patch): ignored. */
  | { kind: 'stale' }
  /** A version was skipped, or no snapshot yet: the projection needs a new snapshot. */
  | { kind: 'gap' };

export function applyPatch(patch: TrayPatch, now: number): PatchOutcome {
  const version = useProjectionStore.getState().version;
  if (version === null) return { kind: 'gap' };
  if (patch.version <= version) return { kind: 'stale' };
  if (patch.version !== version + 1) return { kind: 'gap' };

  let previousJob: JobView | undefined;
  const { change } = patch;
  switch (change.kind) {
    case 'job-upserted':
      previousJob = useJobsStore.getState().upsert(change.job, now);
      break;
    case 'job-removed':
      useJobsStore.getState().remove(change.serverId, change.jobId);
      break;
    case 'server-changed':
      useServersStore.getState().upsert(change.server);
      break;
    case 'server-removed':
      useServersStore.getState().remove(change.serverId);
      useJobsStore.getState().removeServer(change.serverId);
      break;
    case 'summary-changed':
      useSummaryStore.getState().setSummary(change.summary);
      break;
    case 'settings-changed':
      useSettingsStore.getState().setSettings(change.settings);
      break;
  }
  useProjectionStore.getState().setVersion(patch.version);
  return { kind: 'applied', previousJob };
}
