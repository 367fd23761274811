/**
 * Which jobs the list shows, in which order: running first, then pending, then the most
 * recently finished; optionally grouped under one heading per server. Pure.
 */
import type { JobEntry } from '../stores/jobsStore';
import type { JobFilters, StatusFilter } from '../stores/uiStore';
import type { ServerSnapshot } from '../stores/types';
import { jobKey, type JobKey } from './jobKey';
import { isActiveStatus, isRunningStatus, statusLook } from './status';

export type ListItem =
  { kind: 'server'; serverId: string; name: string; count: number } | { kind: 'job'; key: JobKey };

const rank = (status: string): number => (isRunningStatus(status) ? 0 : status === 'pending' ? 1 : 2);

const recency = (entry: JobEntry): number => {
  const { job } = entry.view;
  return job.completedAt ?? job.startedAt ?? job.createdAt;
};

function matchesStatus(status: string, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return isActiveStatus(status);
    case 'failed':
      return status === 'failed' || status === 'completed_partial';
    default:
      return status === filter;
  }
}

function matchesText(entry: JobEntry, serverName: string, needle: string): boolean {
  if (!needle) return true;
  const { view } = entry;
  const haystack = [
    view.operation,
    view.repository,
    view.job.id,
    view.job.operationType,
    view.job.phase,
    view.job.phaseDetail,
    view.job.error,
    view.job.username,
    serverName,
    statusLook(view.job.status).word,
  ];
  return haystack.some((field) => field?.toLowerCase().includes(needle));
}

export function buildJobList(
  jobs: ReadonlyMap<JobKey, JobEntry>,
  servers: readonly ServerSnapshot[],
  filters: JobFilters,
): ListItem[] {
  const names = new Map(servers.map((s) => [s.config.id, s.config.name]));
  const needle = filters.text.trim().toLowerCase();
  // Decorate, then sort on plain numbers: 10,000 jobs re-sort on every patch.
  const decorated: { entry: JobEntry; rank: number; recency: number }[] = [];
  for (const entry of jobs.values()) {
    const { serverId, job } = entry.view;
    if (filters.server !== 'all' && serverId !== filters.server) continue;
    if (!matchesStatus(job.status, filters.status)) continue;
    if (!matchesText(entry, names.get(serverId) ?? serverId, needle)) continue;
    decorated.push({ entry, rank: rank(job.status), recency: recency(entry) });
  }
  decorated.sort((a, b) => a.rank - b.rank || b.recency - a.recency);
  const visible = decorated.map((d) => d.entry);
  const toItem = (entry: JobEntry): ListItem => ({
    kind: 'job',
    key: jobKey({ serverId: entry.view.serverId, jobId: entry.view.job.id }),
  });
  if (!filters.groupByServer) return visible.map(toItem);

  const groups = new Map<string, JobEntry[]>();
  for (const entry of visible) {
    const list = groups.get(entry.view.serverId) ?? [];
    list.push(entry);
    groups.set(entry.view.serverId, list);
  }
  // Servers in their configured order; jobs of servers no longer configured last.
  const order = [...servers.map((s) => s.config.id), ...groups.keys()].filter(
    (id, index, all) => groups.has(id) && all.indexOf(id) === index,
  );
  return order.flatMap((serverId) => {
    const entries = groups.get(serverId)!;
    const heading: ListItem = {
      kind: 'server',
      serverId,
      name: names.get(serverId) ?? serverId,
      count: entries.length,
    };
    return [heading, ...entries.map(toItem)];
  });
}

/** Whether two lists show the same rows: same jobs in the same order, same headings. */
export function sameListItems(a: readonly ListItem[], b: readonly ListItem[]): boolean {
  return (
    a.length === b.length &&
    a.every((item, index) => {
      const other = b[index]!;
      if (item.kind === 'job') return other.kind === 'job' && other.key === item.key;
      return (
        other.kind === 'server' &&
        other.serverId === item.serverId &&
        other.name === item.name &&
        other.count === item.count
      );
    })
  );
}
