/**
 * Plain, serializable views of the core's state: what the snapshot and the patches carry.
 * Derived fields (ETA, stall) are computed at the time of the call; everything they need is kept
 * up to date as jobs change (typical durations, the ledger in memory), and a finished job's view
 * is built once, so a view costs the same whatever the number of jobs.
 */
import type { ServerConfig } from '../config/server';
import { estimateEtaFromTypical } from '../jobs/eta';
import { jobFacts } from '../jobs/job-facts';
import { stallVerdict } from '../jobs/stall';
import type { JobsSummary } from '../jobs/summary';
import type { TrackedJob } from '../jobs/tracked-job';
import type { CoreContext } from './core-context';
import type { JobView, ServerSnapshot, MonitorSnapshot } from './monitor-types';

export function buildJobView(ctx: CoreContext, tracked: TrackedJob, now: number): JobView {
  const { serverId, job } = tracked;
  const ref = { serverId, jobId: job.id };
  const role = ctx.identities.get(serverId)?.role ?? null;
  const ledgerVersion = ctx.ledger.version();
  // Records of unchanged jobs are reused with their view (JobViewCache): only what moves with the
  // clock (ETA and stall, for running jobs) is computed per call.
  let cached = ctx.views.get(tracked);
  const fresh = cached !== undefined && cached.ledgerVersion === ledgerVersion && cached.role === role;
  const entry = fresh ? cached!.entry : ctx.ledger.get(ref);
  if (!cached || !fresh) {
    const facts = jobFacts(job, entry, role);
    const view: JobView = {
      serverId,
      job,
      firstSeenAt: tracked.firstSeenAt,
      lastActivityAt: tracked.lastActivityAt,
      acknowledged: tracked.acknowledged,
      repository: facts.repository,
      operation: facts.operation,
      eta: null,
      stall: NOT_STALLED,
      retry: facts.retry,
    };
    cached = { view, entry, ledgerVersion: ctx.ledger.version(), role };
    ctx.views.set(tracked, cached);
  }
  if (job.status !== 'running') return cached.view;
  const { settings } = ctx.document;
  const { repository } = cached.view;
  const typical = ctx.durations.typical(serverId, job.operationType, repository);
  // Progress when it is telling; else how long this operation usually takes on this repository.
  const eta =
    ctx.history.eta(ref, job.operationType, now) ??
    estimateEtaFromTypical(
      job.startedAt,
      ctx.durations.typicalOfRepository(serverId, job.operationType, repository),
      now,
    );
  return {
    ...cached.view,
    eta,
    stall: stallVerdict(tracked, now, { thresholdMs: settings.stallMinutes * 60_000 }, typical),
  };
}

const NOT_STALLED: JobView['stall'] = { stalled: false };

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

export function buildSummary(ctx: CoreContext): JobsSummary {
  return ctx.store.summary(
    ctx.document.servers.map((server) => ({
      serverId: server.id,
      enabled: server.enabled,
      state: ctx.store.server(server.id).state,
    })),
  );
}

export function buildSnapshot(ctx: CoreContext, version: number): MonitorSnapshot {
  const now = ctx.deps.clock.now();
  ctx.ledger.sync(); // news from the CLI at most once a second; then views of unchanged jobs are reused
  return {
    version,
    asOf: now,
    servers: ctx.document.servers.map((server) => buildServerSnapshot(ctx, server)),
    // In the store's order of keeping: every view sorts its own way (the window by its filters).
    jobs: ctx.store.jobs({ ordered: false }).map((tracked) => buildJobView(ctx, tracked, now)),
    summary: buildSummary(ctx),
    settings: ctx.document.settings,
    issues: ctx.issues.map((issue) => ({ ...issue })),
  };
}
