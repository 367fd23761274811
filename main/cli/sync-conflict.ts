/**
 * What a 409 on `sync` means, in words. CIDX refuses a sync while the same user has any sync
 * pending or running, on any repository (cidx-api.md §3.1), and its message names the refused
 * repository as if that one were busy. So after a 409 the CLI looks at this user's active syncs
 * on that server and names them: "you already have a sync of repo-b running on work".
 */
import type { Job } from '../core/cidx/job';
import { ACTIVE_STATUSES } from '../core/cidx/job';
import type { ServerConfig } from '../core/config';
import { isVisible, repositoryOf } from '../core/jobs';
import type { CliContext } from './context';
import { serverViewFor } from './server-view';

interface ActiveSync {
  job: Job;
  repository: string | null;
}

const RULE = 'CIDX allows one per user, on any repository';

/** This user's pending and running syncs on the server, running first; empty when unknown. */
async function ownActiveSyncs(ctx: CliContext, server: ServerConfig): Promise<ActiveSync[]> {
  const client = ctx.client(server);
  const pages = await Promise.all(ACTIVE_STATUSES.map((status) => client.listJobs({ status, limit: 50 })));
  const syncs = pages
    .flatMap((page) => (page.ok ? page.value.jobs : []))
    .filter((job) => job.operationType === 'sync_repository');
  if (syncs.length === 0) return [];
  // HEAD admins list every user's jobs (§2.2): only the caller's own hold the rule.
  const view = await serverViewFor(ctx, server, { allUsers: false, system: false }, syncs);
  return syncs
    .filter((job) => isVisible(job, view))
    .sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running'))
    .map((job) => ({
      job,
      repository: repositoryOf(job, ctx.ledger.get({ serverId: server.id, jobId: job.id })),
    }));
}

const shortId = (job: Job) => job.id.slice(0, 8);
const state = (job: Job) => (job.status === 'running' ? 'running' : 'waiting to run');
const what = ({ repository }: ActiveSync) =>
  repository === null ? 'a sync (of a repository the server does not name)' : `a sync of ${repository}`;

/** The sentence for a refused `sync <repository>` on `server`, naming what holds it when known. */
export async function syncConflictMessage(
  ctx: CliContext,
  server: ServerConfig,
  repository: string,
): Promise<string> {
  const refused = `Sync of ${repository} not submitted`;
  const active = await ownActiveSyncs(ctx, server);
  const first = active[0];
  if (!first) {
    // It ended in between, or the list could not be read: say what the rule is.
    return `${refused}: you already have a sync pending or running on ${server.name} (${RULE}); wait for it, or use --force to cancel it.`;
  }
  if (active.length === 1) {
    return (
      `${refused}: you already have ${what(first)} ${state(first.job)} on ${server.name} (job ${shortId(first.job)}); ` +
      `${RULE}. Wait for it (cidx-jobs watch ${shortId(first.job)}), or use --force to cancel it.`
    );
  }
  const list = active.map((sync) => `${what(sync)} ${state(sync.job)} (job ${shortId(sync.job)})`).join(', ');
  return `${refused}: you already have ${active.length} syncs on ${server.name}: ${list}; ${RULE}. Wait for them, or use --force to cancel them.`;
}
