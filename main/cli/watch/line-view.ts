/**
 * The watch output for pipes and logs: one line per change that matters (status, phase, or
 * every 10 % of progress), timestamped, never redrawn.
 */
import type { CliIo } from '../io';
import { println } from '../io';
import { statusLabel } from '../output/format';
import type { WatchView } from './watch-session';
import { finishLine, goneLine, jobTitle, phaseText, serverStateLine } from './watch-text';

export function createLineView(io: CliIo, now: () => number): WatchView {
  const last = new Map<string, string>();
  const say = (text: string) => println(io.stdout, `${new Date(now()).toISOString().slice(11, 19)} ${text}`);
  return {
    update(watched) {
      const k = `${watched.server.id}/${watched.job.id}`;
      const phase = phaseText(watched);
      const signature = `${watched.job.status}|${Math.floor(watched.job.progress / 10)}|${phase}`;
      if (last.get(k) === signature) return;
      last.set(k, signature);
      say(
        `${statusLabel(watched.job.status)}  ${jobTitle(watched)} (${watched.server.name}) ${watched.job.progress}%${phase ? ` ${phase}` : ''}`,
      );
    },
    finish(watched) {
      last.delete(`${watched.server.id}/${watched.job.id}`);
      say(finishLine(watched, now()));
    },
    gone(server, jobId) {
      say(goneLine(server, jobId));
    },
    serverState(server, state, previous) {
      const line = serverStateLine(server, state, previous);
      if (line) say(line);
    },
    message: say,
    close() {},
  };
}
