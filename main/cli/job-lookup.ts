/**
 * Finds a job by id, or by a unique id prefix (like git), across the configured servers.
 * HEAD lists reach only the newest 50 jobs per filter (cidx-api.md §2.2), so a prefix is
 * matched against recent and running jobs; a full id always works.
 */
import type { Job } from '../core/cidx/job';
import type { CidxFailure } from '../core/cidx/failure';
import type { ServerConfig } from '../core/config';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import { askEachServer } from './fan-out';

export interface FoundJob {
  server: ServerConfig;
  job: Job;
}

const MIN_PREFIX = 4;

export async function findJob(ctx: CliContext, id: string, serverName?: string): Promise<FoundJob> {
  const wanted = id.trim();
  if (wanted === '') throw CliError.usage('Give a job id.');
  const servers = ctx.servers(serverName);
  const direct = await askEachServer(servers, (server) => ctx.client(server).getJob(wanted));
  const hits = direct.flatMap(({ server, answer }) => (answer.ok ? [{ server, job: answer.value }] : []));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1)
    throw CliError.usage(`Job ${wanted} exists on several servers; choose one with --server.`);

  const problems = direct.flatMap(({ server, answer }) =>
    !answer.ok && answer.error.kind !== 'not-found' ? [{ server, failure: answer.error }] : [],
  );
  if (wanted.length >= MIN_PREFIX) {
    const byPrefix = await findByPrefix(ctx, servers, wanted);
    if (byPrefix) return byPrefix;
  }
  if (problems.length > 0) {
    const { server, failure } = problems[0]!;
    throw CliError.from(failure, `Could not look for job ${wanted} on ${server.name}`);
  }
  throw CliError.from(notFound(wanted, servers));
}

async function findByPrefix(
  ctx: CliContext,
  servers: ServerConfig[],
  prefix: string,
): Promise<FoundJob | null> {
  const candidates = new Map<string, FoundJob>();
  await Promise.all(
    servers.map(async (server) => {
      const client = ctx.client(server);
      for (const status of ['running', 'pending', undefined]) {
        const page = await client.listJobs({ status, limit: 50 });
        if (!page.ok) continue;
        for (const job of page.value.jobs)
          if (job.id.startsWith(prefix)) candidates.set(`${server.id}/${job.id}`, { server, job });
      }
    }),
  );
  const found = [...candidates.values()];
  if (found.length > 1) {
    const list = found
      .slice(0, 5)
      .map(({ server, job }) => `${job.id} (${server.name})`)
      .join(', ');
    throw CliError.usage(`"${prefix}" matches several jobs: ${list}. Give more of the id.`);
  }
  const only = found[0];
  if (!only) return null;
  // List items carry no phase (§2.2): read the job itself for the details.
  const full = await ctx.client(only.server).getJob(only.job.id);
  return { server: only.server, job: full.ok ? full.value : only.job };
}

const notFound = (id: string, servers: ServerConfig[]): CidxFailure => ({
  kind: 'not-found',
  message: `No job ${id} on ${servers.map((s) => s.name).join(', ')} (or it belongs to someone else, or retention removed it).`,
});
