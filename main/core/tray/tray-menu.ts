/**
 * The tray's context menu as data: running jobs with Cancel, recent failures with Retry, a
 * "Sync repository" submenu per server, the window, notification pause, quit.
 */
import type { JobView, ServerSnapshot } from '../monitor/monitor-types';
import { clockTime } from '../../../preload/clock-time';
import { plural } from '../text/plural';
import type { PauseDuration, RepositoryList, TrayMenuItem, TrayView } from './tray-model-types';
import { isActive } from '../cidx/job';

export interface TrayMenuContext {
  now: number;
  repositories: ReadonlyMap<string, RepositoryList>;
  /** Long menus are unusable: the window has the rest. */
  maxRunning?: number;
  maxFailures?: number;
}

const HOUR = 3_600_000;

const serverName = (snapshot: TrayView, serverId: string) =>
  snapshot.servers.find((s) => s.config.id === serverId)?.config.name ?? serverId;

function jobLabel(job: JobView, snapshot: TrayView): string {
  const what = job.repository ? `${job.operation} ${job.repository}` : job.operation;
  const server = snapshot.servers.length > 1 ? ` (${serverName(snapshot, job.serverId)})` : '';
  return `${what}${server}`;
}

/** Progress in the menu moves in steps of 10, like the icon: a menu is rebuilt (and an open one closed) only when its text changes. */
const progressStep = (progress: number): number => Math.floor(progress / 10) * 10;

function runningItem(job: JobView, snapshot: TrayView): TrayMenuItem {
  const ref = { serverId: job.serverId, jobId: job.job.id };
  const phase = job.job.phase ? ` · ${job.job.phase}` : '';
  const state = job.job.status === 'pending' ? 'waiting' : `${progressStep(job.job.progress)}%${phase}`;
  return {
    type: 'submenu',
    label: `${jobLabel(job, snapshot)} — ${state}`,
    items: [
      { type: 'action', label: 'Cancel', action: { kind: 'cancel', ...ref }, enabled: true },
      { type: 'action', label: 'Show details', action: { kind: 'open-window', job: ref }, enabled: true },
    ],
  };
}

function failureItem(job: JobView, snapshot: TrayView): TrayMenuItem {
  const ref = { serverId: job.serverId, jobId: job.job.id };
  const retry: TrayMenuItem = job.retry.retryable
    ? { type: 'action', label: 'Retry', action: { kind: 'retry', ...ref }, enabled: true }
    : { type: 'label', label: `Cannot retry: ${job.retry.reason}` };
  return {
    type: 'submenu',
    label: `✗ ${jobLabel(job, snapshot)} — ${job.job.status === 'cancelled' ? 'cancelled' : 'failed'}`,
    items: [
      retry,
      { type: 'action', label: 'Show details', action: { kind: 'open-window', job: ref }, enabled: true },
      { type: 'action', label: 'Dismiss', action: { kind: 'acknowledge', ...ref }, enabled: true },
    ],
  };
}

function syncItems(server: ServerSnapshot, list: RepositoryList | undefined): TrayMenuItem[] {
  const serverId = server.config.id;
  if (!list || list.state === 'unknown')
    return [
      {
        type: 'action',
        label: 'Load repositories…',
        action: { kind: 'load-repositories', serverId },
        enabled: true,
      },
    ];
  if (list.state === 'failed') {
    return [
      { type: 'label', label: list.message },
      { type: 'action', label: 'Try again', action: { kind: 'load-repositories', serverId }, enabled: true },
    ];
  }
  if (list.aliases.length === 0) return [{ type: 'label', label: 'No activated repositories' }];
  return list.aliases.map((repository) => ({
    type: 'action' as const,
    label: repository,
    action: { kind: 'sync' as const, serverId, repository },
    enabled: true,
  }));
}

/** When a pause chosen now ends: in an hour, or tomorrow at 08:00 local time. */
export function pauseUntil(duration: PauseDuration, now: number): number {
  if (duration === 'hour') return now + HOUR;
  const tomorrow = new Date(now);
  tomorrow.setHours(24, 0, 0, 0);
  tomorrow.setHours(8);
  return tomorrow.getTime();
}

function pauseItems(snapshot: TrayView, now: number): TrayMenuItem {
  const pausedUntil = snapshot.settings.notifications.pausedUntil;
  if (pausedUntil !== null && pausedUntil > now) {
    const until = clockTime(pausedUntil);
    return {
      type: 'action',
      label: `Resume notifications (paused until ${until})`,
      action: { kind: 'resume-notifications' },
      enabled: true,
    };
  }
  return {
    type: 'submenu',
    label: 'Pause notifications',
    items: [
      {
        type: 'action',
        label: 'For 1 hour',
        action: { kind: 'pause-notifications', duration: 'hour' },
        enabled: true,
      },
      {
        type: 'action',
        label: 'Until tomorrow',
        action: { kind: 'pause-notifications', duration: 'until-tomorrow' },
        enabled: true,
      },
    ],
  };
}

export function trayMenu(snapshot: TrayView, context: TrayMenuContext): TrayMenuItem[] {
  const active = snapshot.jobs.filter((j) => isActive(j.job.status));
  const failures = snapshot.jobs.filter(
    (j) => !j.acknowledged && ['failed', 'cancelled', 'completed_partial'].includes(j.job.status),
  );
  const items: TrayMenuItem[] = [];
  const maxRunning = context.maxRunning ?? 8;
  const maxFailures = context.maxFailures ?? 5;

  items.push({
    type: 'label',
    label: active.length === 0 ? 'Nothing running' : plural(active.length, 'active job'),
  });
  for (const job of active.slice(0, maxRunning)) items.push(runningItem(job, snapshot));
  if (active.length > maxRunning)
    items.push({ type: 'label', label: `…and ${active.length - maxRunning} more` });

  if (failures.length > 0) {
    items.push({ type: 'separator' }, { type: 'label', label: 'Needs attention' });
    for (const job of failures.slice(0, maxFailures)) items.push(failureItem(job, snapshot));
    items.push({
      type: 'action',
      label: 'Dismiss all failures',
      action: { kind: 'acknowledge-all' },
      enabled: true,
    });
  }

  items.push({ type: 'separator' });
  const enabled = snapshot.servers.filter((s) => s.config.enabled);
  if (enabled.length > 0) {
    items.push({
      type: 'submenu',
      label: 'Sync repository',
      items: enabled.map((server) => ({
        type: 'submenu' as const,
        label: server.config.name,
        items: syncItems(server, context.repositories.get(server.config.id)),
      })),
    });
  }
  items.push(
    { type: 'action', label: 'Open CIDX Tray', action: { kind: 'open-window' }, enabled: true },
    pauseItems(snapshot, context.now),
    { type: 'separator' },
    { type: 'action', label: 'Quit CIDX Tray', action: { kind: 'quit' }, enabled: true },
  );
  return items;
}
