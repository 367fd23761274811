/** `cidx-jobs job <id>`: everything known about one job, including its phase and an ETA. */
import type { Job } from '../../core/cidx/job';
import { reportsPhases } from '../../core/cidx/job';
import { truncateText } from '../../core/text/clean-text';
import { operationInWords, repositoryOf, retryEligibility } from '../../core/jobs';
import type { CliContext } from '../context';
import { println } from '../io';
import { printJson } from '../output/json';
import { findJob } from '../job-lookup';
import { elapsedOf, formatDuration, statusLabel } from '../output/format';

/**
 * A one-look ETA: linear from the start. Only for operations that report real percentages
 * (§4.6): a sync sits at 25 % until done, so any estimate from it would be a lie.
 */
export function roughEtaMs(job: Job, now: number): number | null {
  if (job.status !== 'running' || job.startedAt === null || !reportsPhases(job.operationType)) return null;
  if (job.progress < 5 || job.progress >= 100) return null;
  const elapsed = now - job.startedAt;
  return (elapsed * (100 - job.progress)) / job.progress;
}

const time = (epochMs: number | null): string => (epochMs === null ? '—' : new Date(epochMs).toISOString());

export async function showJob(
  ctx: CliContext,
  id: string,
  options: { server?: string; json?: boolean },
): Promise<void> {
  const { server, job } = await findJob(ctx, id, options.server);
  const entry = ctx.ledger.get({ serverId: server.id, jobId: job.id });
  const repository = repositoryOf(job, entry);
  const now = ctx.clock.now();
  const eta = roughEtaMs(job, now);
  const retry = ['failed', 'cancelled', 'completed_partial'].includes(job.status)
    ? retryEligibility(job, entry)
    : null;

  if (options.json) {
    printJson(ctx.io, { server: server.name, repository, etaMs: eta, retry, ...job });
    return;
  }
  const elapsed = elapsedOf(job, now);
  const lines: [string, string][] = [
    ['Job', job.id],
    ['Server', `${server.name} (${server.url})`],
    ['Operation', `${operationInWords(job.operationType)} (${job.operationType})`],
    ['Repository', repository ?? 'not known (submitted outside CIDX Tray; the server does not say)'],
    ['Status', statusLabel(job.status)],
    ['Progress', `${job.progress}%`],
  ];
  if (job.phase || job.phaseDetail)
    lines.push(['Phase', [job.phase, job.phaseDetail].filter(Boolean).join(': ')]);
  if (eta !== null) lines.push(['ETA', `about ${formatDuration(eta)}`]);
  lines.push(
    ['Owner', job.username ?? '—'],
    ['Created', time(job.createdAt)],
    ['Started', time(job.startedAt)],
  );
  if (job.completedAt !== null) lines.push(['Finished', time(job.completedAt)]);
  if (elapsed !== null)
    lines.push([job.completedAt === null ? 'Running for' : 'Took', formatDuration(elapsed)]);
  if (job.error) lines.push(['Error', truncateText(job.error, 2000)]);
  if (job.result !== null && job.result !== undefined)
    lines.push(['Result', truncateText(JSON.stringify(job.result), 2000)]);
  if (retry)
    lines.push(['Retry', retry.retryable ? `yes: cidx-jobs retry ${job.id.slice(0, 8)}` : retry.reason]);
  const width = Math.max(...lines.map(([label]) => label.length));
  for (const [label, value] of lines) println(ctx.io.stdout, `${label.padEnd(width)}  ${value}`);
}
