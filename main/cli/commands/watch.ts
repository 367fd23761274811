/**
 * `cidx-jobs watch [ids…]`, and the `--wait` of sync and retry: live progress until the jobs
 * end. Exit code 1 when a watched job failed, was cancelled or finished partially.
 */
import type { ServerConfig } from '../../core/config';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { println } from '../io';
import { findJob } from '../job-lookup';
import type { ViewFlags } from '../server-view';
import { createLineView } from '../watch/line-view';
import { createProgressView } from '../watch/progress-view';
import { runWatch } from '../watch/watch-session';

export interface FollowRequest extends ViewFlags {
  servers: ServerConfig[];
  targets: { serverId: string; jobId: string }[];
  follow?: boolean;
}

/**
 * Whose jobs count: the command's flags, else the server's own choice. Targets are watched
 * whoever owns them, so then every user's jobs are in view.
 */
function withViewFlags(server: ServerConfig, request: FollowRequest): ServerConfig {
  const explicit = request.targets.length > 0;
  return {
    ...server,
    showAllUsers: explicit || (request.allUsers ?? server.showAllUsers),
    showSystemJobs: explicit || (request.system ?? server.showSystemJobs),
  };
}

/** Watches until the jobs end; returns the exit code the command should end with. */
export async function followJobs(ctx: CliContext, request: FollowRequest): Promise<ExitCode> {
  const now = () => ctx.clock.now();
  const view = ctx.io.stderr.isTTY ? createProgressView(ctx.io, now) : createLineView(ctx.io, now);
  const outcome = await runWatch(
    ctx,
    {
      servers: request.servers.map((server) => withViewFlags(server, request)),
      targets: request.targets,
      follow: request.follow ?? false,
    },
    view,
  );
  if (outcome.authFailure) {
    throw new CliError(`${outcome.authFailure.server.name}: ${outcome.authFailure.message}`, EXIT.auth);
  }
  if (outcome.interrupted) {
    println(ctx.io.stderr, 'Stopped watching; the jobs keep running on the server.');
    return EXIT.interrupted;
  }
  if (request.targets.length === 0 && outcome.finished.length === 0)
    println(ctx.io.stdout, 'No jobs are running.');
  return outcome.unsuccessful.length > 0 ? EXIT.jobFailed : EXIT.ok;
}

export async function watchCommand(
  ctx: CliContext,
  ids: string[],
  options: { server?: string; follow?: boolean; allUsers?: boolean; system?: boolean },
): Promise<ExitCode> {
  if (options.follow && ids.length > 0)
    throw CliError.usage('--follow follows every job that starts; give no job ids with it.');
  const servers = ctx.servers(options.server);
  const found = await Promise.all(ids.map((id) => findJob(ctx, id, options.server)));
  const targets = found.map(({ server, job }) => ({ serverId: server.id, jobId: job.id }));
  const involved =
    targets.length > 0 ? servers.filter((s) => targets.some((t) => t.serverId === s.id)) : servers;
  return followJobs(ctx, {
    servers: involved,
    targets,
    follow: options.follow,
    allUsers: options.allUsers,
    system: options.system,
  });
}
