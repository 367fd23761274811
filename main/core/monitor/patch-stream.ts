/**
 * The one writer of patches. Whatever changes the state (an engine tick, a command, a setting)
 * runs inside `batch()`; what it changed is collected as dirty ids and published at the end as
 * one versioned patch, built only for what changed, or nothing when nothing a view shows
 * changed (style.md §13). Every consumer (window, tray, browser page, CLI watch) is a
 * projection of this stream; `snapshot()` is for joining and resyncing only.
 */
import type { ServerConfig } from '../config/server';
import type { JobStoreChange } from '../jobs/job-store';
import { summaryKey } from '../jobs/summary';
import { jobRefKey } from '../jobs/tracked-job';
import { isVisible } from '../jobs/visibility';
import type { CoreContext } from './core-context';
import type { PatchListener, MonitorPatch, ServerSnapshot } from './monitor-types';
import { buildJobView, buildServerSnapshot, buildSummary } from './view-builders';

export interface PatchStream {
  /** Runs `change` and publishes what it changed as one patch; nested batches join the outer one. */
  batch<T>(change: () => T): T;
  /** Announces every job of a server again (its view changed: other users', system jobs). */
  republishServerJobs(serverId: string): void;
  /** The server left the settings; the caller removes its jobs from the store. */
  serverRemoved(serverId: string): void;
  settingsChanged(): void;
  /** The version of the last patch published. */
  version(): number;
  subscribe(listener: PatchListener): () => void;
  dispose(): void;
}

/** Fields of a server's state that move on every poll: a change of only these is a heartbeat. */
const withoutPollTimes = (server: ServerSnapshot): string =>
  JSON.stringify({
    ...server,
    state: server.state && {
      ...server.state,
      lastSuccessAt: 0,
      lastAttemptAt: 0,
      nextPollAt: 0,
      latencyMs: 0,
    },
  });

export function createPatchStream(ctx: CoreContext): PatchStream {
  const { store } = ctx;
  const listeners = new Set<PatchListener>();
  let version = 0;
  let depth = 0;
  const dirtyJobs = new Map<string, Set<string>>();
  const dirtyServers = new Set<string>();
  const removedServers = new Set<string>();
  let settingsDirty = false;
  /** What consumers were last told, to send only real changes. */
  const shownJobs = new Set<string>();
  const shownServers = new Map<string, { key: string; lastSuccessAt: number | null }>();
  let shownSummary = summaryKey(buildSummary(ctx));

  const markJobs = (serverId: string, jobIds: Iterable<string>): void => {
    let set = dirtyJobs.get(serverId);
    if (!set) dirtyJobs.set(serverId, (set = new Set()));
    for (const id of jobIds) set.add(id);
  };

  function collectJobs(patch: Omit<MonitorPatch, 'version'>): void {
    const now = ctx.deps.clock.now();
    const jobs: NonNullable<MonitorPatch['jobs']> = [];
    const removed: NonNullable<MonitorPatch['removedJobs']> = [];
    for (const [serverId, ids] of dirtyJobs) {
      if (removedServers.has(serverId)) continue;
      const { view } = store.server(serverId);
      for (const jobId of ids) {
        const key = jobRefKey({ serverId, jobId });
        const tracked = store.get({ serverId, jobId });
        if (tracked && isVisible(tracked.job, view)) {
          jobs.push(buildJobView(ctx, tracked, now));
          shownJobs.add(key);
        } else {
          if (!tracked) ctx.views.forget(serverId, jobId);
          if (shownJobs.delete(key)) removed.push({ serverId, jobId });
        }
      }
    }
    if (jobs.length > 0) patch.jobs = jobs;
    if (removed.length > 0) patch.removedJobs = removed;
  }

  function collectServers(patch: Omit<MonitorPatch, 'version'>): void {
    const changed: ServerSnapshot[] = [];
    const polled: Record<string, number> = {};
    for (const serverId of dirtyServers) {
      const config = ctx.document.servers.find((server: ServerConfig) => server.id === serverId);
      if (!config || removedServers.has(serverId)) continue;
      const snapshot = buildServerSnapshot(ctx, config);
      const key = withoutPollTimes(snapshot);
      const lastSuccessAt = snapshot.state?.lastSuccessAt ?? null;
      const shown = shownServers.get(serverId);
      shownServers.set(serverId, { key, lastSuccessAt });
      if (!shown || shown.key !== key) changed.push(snapshot);
      else if (lastSuccessAt !== null && lastSuccessAt !== shown.lastSuccessAt)
        polled[serverId] = lastSuccessAt;
    }
    if (changed.length > 0) patch.servers = changed;
    if (Object.keys(polled).length > 0) patch.polled = polled;
    if (removedServers.size > 0) {
      patch.removedServers = [...removedServers];
      for (const serverId of removedServers) {
        shownServers.delete(serverId);
        ctx.views.forgetServer(serverId);
        for (const key of shownJobs) if (key.startsWith(`${serverId}\u0000`)) shownJobs.delete(key);
      }
    }
  }

  function flush(): void {
    const patch: Omit<MonitorPatch, 'version'> = {};
    collectServers(patch);
    collectJobs(patch);
    const summary = buildSummary(ctx);
    const key = summaryKey(summary);
    if (key !== shownSummary) {
      shownSummary = key;
      patch.summary = summary;
    }
    if (settingsDirty) patch.settings = ctx.document.settings;
    dirtyJobs.clear();
    dirtyServers.clear();
    removedServers.clear();
    settingsDirty = false;
    if (Object.keys(patch).length === 0) return;
    version += 1;
    publish({ version, ...patch });
  }

  function publish(patch: MonitorPatch): void {
    for (const listener of [...listeners]) {
      try {
        listener(patch);
      } catch (error) {
        // One broken view must not stop the others, nor the engine that called us.
        ctx.reportError(error, `patch listener failed on version ${patch.version}`);
      }
    }
  }

  function batch<T>(change: () => T): T {
    depth += 1;
    try {
      return change();
    } finally {
      depth -= 1;
      if (depth === 0) flush();
    }
  }

  const onStoreChange = (change: JobStoreChange): void => {
    batch(() => {
      if (change.type === 'jobs') markJobs(change.serverId, change.jobIds);
      else if (change.type === 'server') dirtyServers.add(change.serverId);
    });
  };
  const unsubscribe = store.subscribe(onStoreChange);

  return {
    batch,
    republishServerJobs(serverId) {
      batch(() => {
        markJobs(
          serverId,
          store.jobs({ serverId, includeHidden: true }).map((tracked) => tracked.job.id),
        );
        // Jobs shown before that the new view hides.
        for (const key of shownJobs) {
          const [owner, jobId] = key.split('\u0000');
          if (owner === serverId && jobId !== undefined) markJobs(serverId, [jobId]);
        }
      });
    },
    serverRemoved: (serverId) => batch(() => removedServers.add(serverId)),
    settingsChanged: () =>
      batch(() => {
        settingsDirty = true;
      }),
    version: () => version,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose: unsubscribe,
  };
}
