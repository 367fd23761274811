/**
 * Plain, serializable views of the core's state: what the snapshot and the patches carry.
 * Derived fields (ETA, stall, data age) are computed at the time of the call.
 */
import type { ServerConfig } from '../config/server';
import { operationInWords, repositoryOf } from '../jobs/operation-names';
import { retryEligibility } from '../jobs/retry';
import { stallVerdict, typicalDurationMs } from '../jobs/stall';
import type { JobsSummary } from '../jobs/summary';
import { summarizeJobs } from '../jobs/summary';
import type { TrackedJob } from '../jobs/tracked-job';
import type { CoreContext } from './core-context';
import type { JobView, ServerSnapshot, TraySnapshot } from './tray-types';

/** Typical durations per server and operation, computed once per batch of views. */
export type TypicalDurations = Map<string, number | null>;

function typicalFor(ctx: CoreContext, tracked: TrackedJob, memo: TypicalDurations): number | null {
  const key = `${tracked.serverId}\u0000${tracked.job.operationType}`;
  if (!memo.has(key)) {
    const jobs = ctx.store.jobs({ serverId: tracked.serverId, includeHidden: true });
    memo.set(key, typicalDurationMs(jobs, tracked.job.operationType));
  }
  return memo.get(key) ?? null;
}

export function buildJobView(
  ctx: CoreContext,
  tracked: TrackedJob,
  now: number,
  memo: TypicalDurations = new Map(),
): JobView {
  const ref = { serverId: tracked.serverId, jobId: tracked.job.id };
  const entry = ctx.ledger.get(ref);
  const { settings } = ctx.document;
  const typical = tracked.job.status === 'running' ? typicalFor(ctx, tracked, memo) : null;
  return {
    ...tracked,
    job: { ...tracked.job },
    repository: repositoryOf(tracked.job, entry),
    operation: operationInWords(tracked.job.operationType),
    eta: ctx.history.eta(ref, tracked.job.operationType, now),
    stall: stallVerdict(tracked, now, { thresholdMs: settings.stallMinutes * 60_000 }, typical),
    retry: retryEligibility(tracked.job, entry, { role: ctx.identities.get(tracked.serverId)?.role ?? null }),
  };
}

export function buildServerSnapshot(ctx: CoreContext, server: ServerConfig): ServerSnapshot {
  const identity = ctx.identities.get(server.id);
  const { state } = ctx.store.server(server.id);
  return {
    config: server,
    state: state ? { ...state } : null,
    username: identity?.username ?? null,
    role: identity?.role ?? null,
    secretStoreWarning: ctx.deps.secrets.describe().warning ?? null,
  };
}

export function buildSummary(ctx: CoreContext, now: number): JobsSummary {
  const servers = ctx.document.servers.map((server) => ({
    serverId: server.id,
    enabled: server.enabled,
    state: ctx.store.server(server.id).state,
  }));
  return summarizeJobs(ctx.store.jobs(), servers, now);
}

export function buildSnapshot(ctx: CoreContext): TraySnapshot {
  const now = ctx.deps.clock.now();
  const memo: TypicalDurations = new Map();
  return {
    version: ctx.feed.version(),
    asOf: now,
    servers: ctx.document.servers.map((server) => buildServerSnapshot(ctx, server)),
    jobs: ctx.store.jobs().map((tracked) => buildJobView(ctx, tracked, now, memo)),
    summary: buildSummary(ctx, now),
    settings: ctx.document.settings,
    issues: ctx.issues.map((issue) => ({ ...issue })),
  };
}
