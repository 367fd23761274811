/** Whose jobs a command shows on a server: the signed-in user's, unless the server or a flag says all users. */
import type { ApiResult, ServerInfo } from '../core/cidx/api';
import type { Job } from '../core/cidx/job';
import type { ServerConfig } from '../core/config';
import type { ServerView } from '../core/jobs';
import { viewFor } from '../core/monitor/live-servers';
import type { CliContext } from './context';

export interface ViewFlags {
  allUsers?: boolean;
  system?: boolean;
}

/**
 * Asks the server who is signed in (or takes the answer of a probe the caller already sent,
 * beside its other requests). Over an API key the probe names nobody (cidx-api.md §7); then a
 * job we submitted (one of `knownJobs` in the ledger) names its owner.
 */
export async function serverViewFor(
  ctx: CliContext,
  server: ServerConfig,
  flags: ViewFlags,
  knownJobs: readonly Job[] = [],
  probed: ApiResult<ServerInfo> = ctx.client(server).probe(),
): Promise<ServerView> {
  const probe = await probed;
  const ownJob = knownJobs.find((job) => ctx.ledger.get({ serverId: server.id, jobId: job.id }));
  const identity = {
    username: (probe.ok ? probe.value.username : null) ?? ownJob?.username ?? null,
    role: probe.ok ? probe.value.role : null,
  };
  // The monitor's rule for whose jobs a server shows, with this command's flags on top.
  return viewFor(
    {
      ...server,
      showAllUsers: flags.allUsers ?? server.showAllUsers,
      showSystemJobs: flags.system ?? server.showSystemJobs,
    },
    identity,
  );
}
