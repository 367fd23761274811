/** The words both watch views print, so the terminal and a log file say the same things. */
import { isUnreachable, type ServerState } from '../../core/engine';
import type { ServerConfig } from '../../core/config';
import { truncateText } from '../../core/text/clean-text';
import { elapsedOf, formatDuration, operationLabel, statusLabel } from '../output/format';
import type { WatchedJob } from './watch-session';

export function jobTitle({ job, repository }: WatchedJob): string {
  return `${job.id.slice(0, 8)} ${operationLabel(job.operationType)}${repository ? ` ${repository}` : ''}`;
}

export function phaseText({ job }: WatchedJob): string {
  if (job.status === 'pending') return 'waiting for a worker';
  return truncateText([job.phase, job.phaseDetail].filter(Boolean).join(': '), 60);
}

export function finishLine(watched: WatchedJob, now: number): string {
  const { job } = watched;
  const took = elapsedOf(job, now);
  const duration = took === null ? '' : ` in ${formatDuration(took)}`;
  const error = job.error ? `: ${truncateText(job.error, 300)}` : '';
  return `${statusLabel(job.status)}  ${jobTitle(watched)} (${watched.server.name})${duration}${error}`;
}

export function goneLine(server: ServerConfig, jobId: string): string {
  return `${jobId.slice(0, 8)} on ${server.name} is gone from the server (removed or server restarted).`;
}

/** Only changes of health are worth a line; a normal successful tick is not. */
export function serverStateLine(
  server: ServerConfig,
  state: ServerState,
  previous: ServerState | undefined,
): string | null {
  if (previous && previous.health === state.health) return null;
  switch (state.health) {
    case 'online':
      return previous && previous.health !== 'connecting' ? `${server.name} is back online.` : null;
    case 'degraded':
      return `${server.name} answers with errors: ${state.lastError?.message ?? 'unknown error'}`;
    case 'offline':
      // The engine also calls a server "offline" when its main list answers 5xx or garbage
      // (engine/health.ts); "unreachable" would then send a person to check the network.
      return state.lastError && !isUnreachable(state.lastError)
        ? `${server.name} is failing: ${state.lastError.message} (retrying)`
        : `${server.name} is unreachable: ${state.lastError?.message ?? 'no answer'} (retrying)`;
    case 'auth-failed':
      return `${server.name}: ${state.lastError?.message ?? 'credentials rejected'}`;
    default:
      return null;
  }
}
