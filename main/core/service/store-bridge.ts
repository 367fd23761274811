/**
 * Turns job store changes into versioned patches: one per job upserted or gone, one per server
 * whose state changed, and the summary when it changed (the tray icon and tooltip follow it).
 */
import type { JobStoreChange } from '../jobs/job-store';
import { isVisible } from '../jobs/visibility';
import type { JobsSummary } from '../jobs/summary';
import type { CoreContext } from './core-context';
import type { TypicalDurations } from './view-builders';
import { buildJobView, buildServerSnapshot, buildSummary } from './view-builders';

/** The summary without its age, which changes on every call: only real changes are news. */
const summaryKey = (summary: JobsSummary): string => JSON.stringify({ ...summary, dataAgeMs: null });

export interface StoreBridge {
  /** Announces every job of a server again (its view changed: other users', system jobs). */
  republishServerJobs(serverId: string): void;
  dispose(): void;
}

export function bridgeStoreToFeed(ctx: CoreContext): StoreBridge {
  const { store, feed } = ctx;
  let lastSummary = summaryKey(buildSummary(ctx, ctx.deps.clock.now()));

  function publishJobs(serverId: string, jobIds: readonly string[]): void {
    const { view } = store.server(serverId);
    const now = ctx.deps.clock.now();
    const memo: TypicalDurations = new Map();
    for (const jobId of jobIds) {
      const tracked = store.get({ serverId, jobId });
      if (tracked && isVisible(tracked.job, view)) {
        feed.publish({ kind: 'job-upserted', job: buildJobView(ctx, tracked, now, memo) });
      } else {
        feed.publish({ kind: 'job-removed', serverId, jobId });
      }
    }
  }

  function publishSummaryIfChanged(): void {
    const summary = buildSummary(ctx, ctx.deps.clock.now());
    const key = summaryKey(summary);
    if (key === lastSummary) return;
    lastSummary = key;
    feed.publish({ kind: 'summary-changed', summary });
  }

  function onChange(change: JobStoreChange): void {
    if (change.type === 'jobs') publishJobs(change.serverId, change.jobIds);
    if (change.type === 'server') {
      const server = ctx.document.servers.find((candidate) => candidate.id === change.serverId);
      // A removed server is announced by the command that removed it.
      if (server) feed.publish({ kind: 'server-changed', server: buildServerSnapshot(ctx, server) });
    }
    publishSummaryIfChanged();
  }

  const unsubscribe = store.subscribe(onChange);
  return {
    republishServerJobs(serverId) {
      const ids = store.jobs({ serverId, includeHidden: true }).map((tracked) => tracked.job.id);
      publishJobs(serverId, ids);
      publishSummaryIfChanged();
    },
    dispose: unsubscribe,
  };
}
