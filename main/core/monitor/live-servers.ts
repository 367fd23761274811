/**
 * Putting a configured server under watch and taking it off, live: its client, its place in the
 * engine and its view in the job store (design.md, "Whose jobs").
 */
import type { Job } from '../cidx/job';
import type { ServerConfig } from '../config/server';
import type { ServerView } from '../jobs/tracked-job';
import type { CoreContext, Identity } from './core-context';
import { observeProbe } from './observed-api';
import { connectServer } from './server-connection';
import type { PatchStream } from './patch-stream';

/** The store's view of a server: its filters, and who is signed in as far as we know yet. */
export function viewFor(server: ServerConfig, identity: Identity | undefined): ServerView {
  const configured = server.auth.mode === 'password' ? server.auth.username : null;
  return {
    username: identity?.username ?? configured,
    showAllUsers: server.showAllUsers,
    showSystemJobs: server.showSystemJobs,
    enabled: server.enabled,
  };
}

function learnIdentity(ctx: CoreContext, patches: PatchStream, server: ServerConfig, info: Identity): void {
  const before = ctx.identities.get(server.id);
  // A probe over an API key never says whose it is: keep an owner learned from our own jobs.
  const username = info.username ?? before?.username ?? null;
  if (before && before.username === username && before.role === info.role) return;
  const identity = { username, role: info.role };
  ctx.identities.set(server.id, identity);
  patches.batch(() => {
    ctx.store.setServerView(server.id, viewFor(server, identity));
    // Knowing who is signed in changes which jobs are "mine".
    patches.republishServerJobs(server.id);
  });
}

/**
 * With an API key, CIDX never says whose key it is (the probe has no user, cidx-api.md §1.4,
 * §7), so "my jobs" cannot be told apart. A job this app submitted says it: its `username` is
 * the key's owner. Learned once per server, from the submission ledger.
 */
export function learnOwnerFromOwnJob(
  ctx: CoreContext,
  patches: PatchStream,
  serverId: string,
  job: Job,
): void {
  if (!job.username || ctx.identities.get(serverId)?.username) return;
  if (!ctx.ledger.get({ serverId, jobId: job.id })) return;
  const server = ctx.document.servers.find((candidate) => candidate.id === serverId);
  if (!server) return;
  learnIdentity(ctx, patches, server, {
    username: job.username,
    role: ctx.identities.get(serverId)?.role ?? null,
  });
}

/** Connects the server and starts polling it (if the engine runs); `seedJobs` were known before. */
export function attachServer(
  ctx: CoreContext,
  patches: PatchStream,
  server: ServerConfig,
  seedJobs: readonly Job[],
): void {
  const { deps } = ctx;
  const connect = deps.connect ?? connectServer;
  const client = connect(server, {
    secrets: deps.secrets,
    fetchFor: deps.fetchFor,
    clock: deps.clock,
    logger: deps.logger,
  });
  const api = observeProbe(client, (info) => {
    // A probe answering after the server was removed or replaced is not news.
    if (ctx.apis.get(server.id) === api) learnIdentity(ctx, patches, server, info);
  });
  ctx.apis.set(server.id, api);
  ctx.engine.addServer({ id: server.id, api }, seedJobs);
}

/** Stops polling the server; its jobs stay in the store unless the caller removes them. */
export function detachServer(ctx: CoreContext, serverId: string): void {
  ctx.engine.removeServer(serverId);
  ctx.apis.delete(serverId);
}
