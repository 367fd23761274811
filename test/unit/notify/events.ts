/** Engine event builders for notification tests. */
import type { Job, TerminalStatus } from '../../../main/core/cidx/job';
import type { EngineEvent } from '../../../main/core/engine/events';
import { finished, makeJob } from '../jobs/helpers';

export function finishEvent(
  id: string,
  status: TerminalStatus,
  options: { serverId?: string; catchUp?: boolean; job?: Partial<Job> } = {},
): EngineEvent {
  const previous = makeJob({ id, ...options.job });
  return {
    type: 'job-finished',
    serverId: options.serverId ?? 'work',
    job: finished(previous, status, status === 'failed' ? { error: 'Git sync operation timed out' } : {}),
    previous,
    status,
    catchUp: options.catchUp ?? false,
  };
}

export function addedEvent(job: Job, createdSinceLastPoll: boolean, serverId = 'work'): EngineEvent {
  return { type: 'job-added', serverId, job, createdSinceLastPoll };
}
