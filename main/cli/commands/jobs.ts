/** `cidx-jobs jobs`: recent jobs of every (or one) server, running first, as a table or JSON. */
import type { Job } from '../../core/cidx/job';
import { isActive } from '../../core/cidx/job';
import type { ServerConfig } from '../../core/config';
import { isVisible, repositoryOf } from '../../core/jobs';
import type { CidxFailure } from '../../core/cidx/failure';
import { ok, type Result } from '../../core/result';
import type { CliContext } from '../context';
import { fromEachServer } from '../fan-out';
import { plural } from '../../core/text/plural';
import { println } from '../io';
import { printJson } from '../output/json';
import { elapsedOf, formatAge, formatDuration, operationLabel, statusLabel } from '../output/format';
import { renderTable } from '../output/table';
import { serverViewFor } from '../server-view';

export interface JobsOptions {
  server?: string;
  status?: string;
  limit: number;
  allUsers?: boolean;
  system?: boolean;
  json?: boolean;
}

export interface JobRow {
  server: ServerConfig;
  job: Job;
  repository: string | null;
}

/** Running and pending first, then newest first. */
export function compareRows(a: JobRow, b: JobRow): number {
  const rank = (row: JobRow) => (row.job.status === 'running' ? 0 : isActive(row.job.status) ? 1 : 2);
  return rank(a) - rank(b) || b.job.createdAt - a.job.createdAt;
}

/** The server's recent jobs that this person should see, with their repository when known. */
async function recentJobs(
  ctx: CliContext,
  server: ServerConfig,
  options: JobsOptions,
): Promise<Result<JobRow[], CidxFailure>> {
  const client = ctx.client(server);
  // The newest-50 window (HEAD caps pages, §2.2) can hide old running jobs; ask for those too.
  const queries = options.status ? [{ status: options.status }] : [{ status: 'running' }, {}];
  // Every question at once, who is signed in included: one round trip instead of four.
  const probed = client.probe();
  const pages = await Promise.all(
    queries.map((query) => client.listJobs({ ...query, limit: Math.min(options.limit, 50) })),
  );
  const seen = new Map<string, Job>();
  // Jobs the client could not read were left out of the pages (one bad job never hides the rest).
  let unreadable = 0;
  for (const page of pages) {
    if (!page.ok) return page;
    for (const job of page.value.jobs) seen.set(job.id, job);
    unreadable = Math.max(unreadable, page.value.unreadable ?? 0);
  }
  if (unreadable > 0)
    println(ctx.io.stderr, `${plural(unreadable, 'job')} on ${server.name} could not be read (left out).`);
  const view = await serverViewFor(ctx, server, options, [...seen.values()], probed);
  const rows = [...seen.values()]
    .filter((job) => isVisible(job, view))
    .map((job) => ({
      server,
      job,
      repository: repositoryOf(job, ctx.ledger.get({ serverId: server.id, jobId: job.id })),
    }));
  return ok(rows);
}

export async function listJobs(ctx: CliContext, options: JobsOptions): Promise<void> {
  const servers = ctx.servers(options.server);
  const answers = await fromEachServer(ctx, servers, (server) => recentJobs(ctx, server, options));
  const rows: JobRow[] = answers.flatMap(({ value }) => value);
  rows.sort(compareRows);
  const shown = rows.slice(0, options.limit);

  if (options.json) {
    printJson(
      ctx.io,
      shown.map((row) => ({ server: row.server.name, repository: row.repository, ...row.job })),
    );
    return;
  }
  if (shown.length === 0) {
    println(ctx.io.stdout, options.status ? `No ${options.status} jobs.` : 'No jobs.');
    return;
  }
  const now = ctx.clock.now();
  const columns = [
    { header: 'ID', value: (row: JobRow) => row.job.id.slice(0, 8) },
    { header: 'OPERATION', value: (row: JobRow) => operationLabel(row.job.operationType), maxWidth: 28 },
    { header: 'REPOSITORY', value: (row: JobRow) => row.repository ?? '', maxWidth: 24 },
    { header: 'STATUS', value: (row: JobRow) => statusLabel(row.job.status) },
    { header: 'PROGRESS', value: (row: JobRow) => `${row.job.progress}%`, align: 'right' as const },
    { header: 'CREATED', value: (row: JobRow) => formatAge(row.job.createdAt, now) },
    {
      header: 'ELAPSED',
      value: (row: JobRow) => {
        const e = elapsedOf(row.job, now);
        return e === null ? '' : formatDuration(e);
      },
    },
    { header: 'ERROR', value: (row: JobRow) => row.job.error ?? '', maxWidth: 40 },
  ];
  if (servers.length > 1)
    columns.unshift({ header: 'SERVER', value: (row: JobRow) => row.server.name, maxWidth: 16 });
  println(ctx.io.stdout, renderTable(shown, columns));
}
