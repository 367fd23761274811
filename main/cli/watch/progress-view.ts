/** Live progress bars (cli-progress) for a terminal: one bar per job, finished jobs become lines above. */
import cliProgress from 'cli-progress';
import type { ServerConfig } from '../../core/config';
import type { ServerState } from '../../core/engine';
import type { CliIo } from '../io';
import { statusLabel } from '../output/format';
import type { WatchedJob, WatchView } from './watch-session';
import { finishLine, goneLine, jobTitle, phaseText, serverStateLine } from './watch-text';

export function createProgressView(io: CliIo, now: () => number): WatchView {
  const bars = new cliProgress.MultiBar(
    {
      stream: io.stderr,
      format: ' {status} {bar} {percentage}% | {title} | {phase}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      forceRedraw: true,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const byKey = new Map<string, cliProgress.SingleBar>();
  const keyOf = (w: { server: ServerConfig; job: { id: string } }) => `${w.server.id}/${w.job.id}`;
  const payload = (watched: WatchedJob) => ({
    status: statusLabel(watched.job.status).padEnd(11),
    title: `${jobTitle(watched)} (${watched.server.name})`,
    phase: phaseText(watched),
  });
  const drop = (k: string) => {
    const bar = byKey.get(k);
    if (bar) bars.remove(bar);
    byKey.delete(k);
  };

  return {
    update(watched) {
      const bar = byKey.get(keyOf(watched));
      if (bar) bar.update(watched.job.progress, payload(watched));
      else byKey.set(keyOf(watched), bars.create(100, watched.job.progress, payload(watched)));
    },
    finish(watched) {
      drop(keyOf(watched));
      bars.log(`${finishLine(watched, now())}\n`);
    },
    gone(server, jobId) {
      drop(`${server.id}/${jobId}`);
      bars.log(`${goneLine(server, jobId)}\n`);
    },
    serverState(server: ServerConfig, state: ServerState, previous: ServerState | undefined) {
      const line = serverStateLine(server, state, previous);
      if (line) bars.log(`${line}\n`);
    },
    message(text) {
      bars.log(`${text}\n`);
    },
    close() {
      bars.stop();
    },
  };
}
