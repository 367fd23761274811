/** `cidx-jobs sync`, `cancel` and `retry`: commands that change something on a server. */
import { isActive } from '../../core/cidx/job';
import { JobCommands } from '../../core/monitor/job-commands';
import { CliError, orFail } from '../cli-error';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exit-codes';
import { println } from '../io';
import { findJob } from '../job-lookup';
import { statusLabel } from '../output/format';
import { syncConflictMessage } from '../sync-conflict';
import { followJobs } from './watch';

const commandsFor = (ctx: CliContext) =>
  new JobCommands({
    apiFor: (id) => {
      const server = ctx.document.servers.find((s) => s.id === id);
      return server ? ctx.client(server) : null;
    },
    ledger: ctx.ledger,
    clock: ctx.clock,
  });

export async function syncCommand(
  ctx: CliContext,
  repository: string,
  options: { server?: string; force?: boolean; wait?: boolean },
): Promise<ExitCode> {
  const server = ctx.server(options.server);
  const answer = await commandsFor(ctx).submitSync(server.id, repository, { force: options.force ?? false });
  if (!answer.ok && answer.error.kind === 'conflict') {
    // The server's 409 is per user and names the wrong repository (cidx-api.md §3.1): say
    // which of this user's syncs holds it.
    throw new CliError(await syncConflictMessage(ctx, server, repository), EXIT.refused);
  }
  const submitted = orFail(answer, `Sync of ${repository} not submitted`);
  println(ctx.io.stdout, `Submitted sync of ${repository} on ${server.name}: job ${submitted.jobId}`);
  if (!options.wait) return EXIT.ok;
  return followJobs(ctx, { servers: [server], targets: [{ serverId: server.id, jobId: submitted.jobId }] });
}

/** How long `cancel` waits to confirm: running syncs end within ~0.3 s (cidx-api.md §4.7). */
const CANCEL_CONFIRM_MS = 3_000;

export async function cancelCommand(
  ctx: CliContext,
  id: string,
  options: { server?: string },
): Promise<ExitCode> {
  const { server, job } = await findJob(ctx, id, options.server);
  orFail(await commandsFor(ctx).cancel(server.id, job.id), `Job ${job.id} not cancelled`);
  // A 200 does not mean cancelled yet (§4.7): look again briefly, while it has not ended, so
  // the answer is true.
  const client = ctx.client(server);
  const deadline = ctx.clock.now() + CANCEL_CONFIRM_MS;
  let status = job.status;
  while (isActive(status) && ctx.clock.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const again = await client.getJob(job.id);
    if (!again.ok) break;
    status = again.value.status;
  }
  if (status === 'cancelled') println(ctx.io.stdout, `Cancelled job ${job.id} on ${server.name}.`);
  else if (status === 'running')
    println(
      ctx.io.stdout,
      `Cancel requested for job ${job.id}; it is still running and stops when its current step ends.`,
    );
  else println(ctx.io.stdout, `Cancel requested for job ${job.id}; it ended as ${statusLabel(status)}.`);
  return EXIT.ok;
}

export async function retryCommand(
  ctx: CliContext,
  id: string,
  options: { server?: string; wait?: boolean },
): Promise<ExitCode> {
  const { server, job } = await findJob(ctx, id, options.server);
  const submitted = orFail(await commandsFor(ctx).retry(server.id, job.id), `Job ${job.id} not retried`);
  println(ctx.io.stdout, `Resubmitted job ${job.id} on ${server.name} as job ${submitted.jobId}`);
  if (!options.wait) return EXIT.ok;
  return followJobs(ctx, { servers: [server], targets: [{ serverId: server.id, jobId: submitted.jobId }] });
}
