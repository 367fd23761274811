/**
 * Finds a job by id, or by a unique id prefix (like git), across the configured servers.
 * HEAD lists reach only the newest 50 jobs per filter (cidx-api.md §2.2), so a prefix is
 * matched against recent and running jobs; a full id always works. A job seen through two
 * entries for the same server (same-server.ts) is one job, not an ambiguity.
 */
import type { Job } from '../core/cidx/job';
import type { CidxFailure } from '../core/cidx/failure';
import type { ServerConfig } from '../core/config';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import { askEachServer } from './fan-out';
import { sameServer } from './same-server';

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
  const hits = distinctJobs(
    direct.flatMap(({ server, answer }) => (answer.ok ? [{ server, job: answer.value }] : [])),
  );
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1)
    throw CliError.usage(`Job ${wanted} exists on ${serverNames(hits)}; choose one with --server.`);

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
  // In the configured order, whichever server answers first: a twin found through a second
  // entry is always the same one.
  const perServer = await Promise.all(
    servers.map(async (server) => {
      const client = ctx.client(server);
      const matches = new Map<string, FoundJob>();
      for (const status of ['running', 'pending', undefined]) {
        const page = await client.listJobs({ status, limit: 50 });
        if (!page.ok) continue;
        for (const job of page.value.jobs)
          if (job.id.startsWith(prefix)) matches.set(job.id, { server, job });
      }
      return [...matches.values()];
    }),
  );
  const found = distinctJobs(perServer.flat());
  if (found.length > 1) {
    const list = found
      .slice(0, 5)
      .map(({ server, job }) => `${job.id} (${server.name})`)
      .join(', ');
    const more = found.length > 5 ? ` and ${found.length - 5} more` : '';
    // --server helps only when the matches are on different servers.
    const onServers = new Set(found.map(({ server }) => server.id));
    const advice =
      onServers.size > 1 ? 'Give more of the id, or choose a server with --server.' : 'Give more of the id.';
    throw CliError.usage(
      `"${prefix}" matches ${found.length} jobs on ${serverNames(found)}: ${list}${more}. ${advice}`,
    );
  }
  const only = found[0];
  if (!only) return null;
  // List items carry no phase (§2.2): read the job itself for the details.
  const full = await ctx.client(only.server).getJob(only.job.id);
  return { server: only.server, job: full.ok ? full.value : only.job };
}

/**
 * One entry per job: the same job seen through several entries for its server counts once,
 * through the entry of the user who owns it when one signs in as them (else the first).
 */
function distinctJobs(found: readonly FoundJob[]): FoundJob[] {
  const ownedThrough = ({ server, job }: FoundJob) =>
    server.auth.mode === 'password' && job.username !== null && server.auth.username === job.username;
  const distinct: FoundJob[] = [];
  for (const hit of found) {
    const twin = distinct.findIndex(
      (seen) => seen.job.id === hit.job.id && sameServer(seen.server, hit.server),
    );
    if (twin < 0) distinct.push(hit);
    else if (ownedThrough(hit) && !ownedThrough(distinct[twin]!)) distinct[twin] = hit;
  }
  return distinct;
}

/** "lab", "lab and work", "lab, work and home": each server once, in the order found. */
function serverNames(found: readonly FoundJob[]): string {
  const names = [...new Set(found.map(({ server }) => server.name))];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

const notFound = (id: string, servers: ServerConfig[]): CidxFailure => ({
  kind: 'not-found',
  message: `No job ${id} on ${servers.map((s) => s.name).join(', ')} (or it belongs to someone else, or retention removed it).`,
});
