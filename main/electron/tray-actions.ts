/** Carries out what a tray menu click asks for, through the core (the tray decides nothing). */
import { pauseUntil } from '../core/tray/tray-menu';
import type { RepositoryList, TrayAction } from '../core/tray/tray-model-types';
import type { JobRef } from '../core/jobs/tracked-job';
import type { Monitor } from '../core/monitor/monitor-types';

export interface TrayActionDeps {
  core: Pick<Monitor, 'jobs' | 'acknowledgeFailures' | 'updateSettings' | 'listRepositories'>;
  repositories: Map<string, RepositoryList>;
  /** Re-render the tray (after the repositories cache changed). */
  refresh(): void;
  /** Clock time of the click: a pause is measured from it. */
  now(): number;
  openWindow(job?: JobRef): void;
  quit(): void;
  /** A command failed: the person hears why (a notification) and the log keeps it. */
  reportFailure(what: string, message: string): void;
}

export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const { core } = deps;
  const check = (what: string, result: { ok: true } | { ok: false; error: { message: string } }) => {
    if (!result.ok) deps.reportFailure(what, result.error.message);
  };
  switch (action.kind) {
    case 'cancel':
      return check('Could not cancel the job', await core.jobs.cancel(action.serverId, action.jobId));
    case 'retry':
      return check('Could not retry the job', await core.jobs.retry(action.serverId, action.jobId));
    case 'sync':
      return check(
        `Could not start a sync of ${action.repository}`,
        await core.jobs.submitSync(action.serverId, action.repository),
      );
    case 'acknowledge':
      return core.acknowledgeFailures({ serverId: action.serverId, jobId: action.jobId });
    case 'acknowledge-all':
      return core.acknowledgeFailures();
    case 'pause-notifications':
      return check(
        'Could not pause notifications',
        await core.updateSettings({
          notifications: { pausedUntil: pauseUntil(action.duration, deps.now()) },
        }),
      );
    case 'resume-notifications':
      return check(
        'Could not resume notifications',
        await core.updateSettings({ notifications: { pausedUntil: null } }),
      );
    case 'load-repositories': {
      const listed = await core.listRepositories(action.serverId);
      deps.repositories.set(
        action.serverId,
        listed.ok
          ? { state: 'loaded', aliases: listed.value.map((repository) => repository.alias) }
          : { state: 'failed', message: listed.error.message },
      );
      return deps.refresh();
    }
    case 'open-window':
      return deps.openWindow(action.job);
    case 'quit':
      return deps.quit();
  }
}
