/** Many job endings in one intent: counts by outcome, failures named first. Pure. */
import type { NotificationIntent, NotificationUrgency } from './intent';
import { plural } from '../text/plural';

const OUTCOMES = [
  ['failed', 'failed'],
  ['completed_partial', 'partly completed'],
  ['cancelled', 'cancelled'],
  ['completed', 'completed'],
] as const;

const URGENCY_ORDER: NotificationUrgency[] = ['low', 'normal', 'critical'];

/** Individual job endings inside (summaries and digests are opened up again). */
function flatten(intents: readonly NotificationIntent[]): NotificationIntent[] {
  return intents.flatMap((intent) => (intent.status ? [intent] : []));
}

/** "3 completed, 1 failed" in a fixed order, worst first. */
export function outcomeCounts(intents: readonly NotificationIntent[]): string {
  const singles = flatten(intents);
  return OUTCOMES.map(
    ([status, words]) => [singles.filter((i) => i.status === status).length, words] as const,
  )
    .filter(([count]) => count > 0)
    .map(([count, words]) => `${count} ${words}`)
    .join(', ');
}

export function combineIntents(
  intents: readonly NotificationIntent[],
  kind: 'summary' | 'digest',
  heading: (jobCount: string) => string,
): NotificationIntent {
  const singles = flatten(intents);
  const jobs = intents.flatMap((intent) => intent.jobs);
  const servers = [...new Set(jobs.map((job) => job.serverId))];
  const failed = singles.filter((intent) => intent.status === 'failed');
  const named = failed.slice(0, 3).map((intent) => intent.label ?? intent.title);
  const more = failed.length > named.length ? ` and ${failed.length - named.length} more` : '';
  const urgency = intents.reduce<NotificationUrgency>(
    (worst, intent) =>
      URGENCY_ORDER.indexOf(intent.urgency) > URGENCY_ORDER.indexOf(worst) ? intent.urgency : worst,
    'low',
  );
  return {
    key: `${kind}/${intents[0]?.key ?? 'empty'}/${jobs.length}`,
    kind,
    title: heading(plural(jobs.length, 'job')),
    body: `${outcomeCounts(singles)}.${named.length > 0 ? `\nFailed: ${named.join(', ')}${more}.` : ''}`,
    serverId: servers.length === 1 ? servers[0]! : null,
    jobIds: jobs.map((job) => job.jobId),
    jobs,
    actions: ['open'],
    urgency,
  };
}
