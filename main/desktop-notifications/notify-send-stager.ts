/**
 * Linux banners through `notify-send`, **staged**: the process is started first and held back,
 * and the banner shows only when released. This is what makes "exactly once" hold across a kill
 * (core/notify/notification-center.ts): the notification ledger marks a banner delivered right
 * after it is handed over, and starting a process from a 100 MB Node takes milliseconds (a fork),
 * while releasing a started one is one write to a pipe. A kill while the process starts, or
 * before the release, leaves a process that reads end-of-file and shows nothing; the intent is
 * still pending on disk and the next start shows it once. node-notifier (which this replaces on
 * Linux only) starts notify-send in one step, so a kill during its start showed the banner
 * without the ledger knowing.
 *
 * The options are node-notifier's (notifier-options.ts builds them for every platform), mapped
 * to notify-send's flags the way node-notifier maps them; arguments go to the program directly,
 * never through a shell's parsing.
 */
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';

export type NotifierCallback = (error: unknown, response?: unknown, metadata?: unknown) => void;

/** A notifier that starts a banner's process now and shows the banner when released. */
export interface StagingNotifier {
  stage(notification: Record<string, unknown>, callback?: NotifierCallback): () => void;
}

/**
 * Waits for one line on stdin, then becomes notify-send with the arguments. End-of-file first
 * (the app died, or never released it) ends it without a banner.
 */
const GATE = 'read -r go && exec notify-send "$@"';

const FLAGS: Record<string, string> = {
  'app-name': 'app-name',
  urgency: 'urgency',
  category: 'category',
  icon: 'icon',
  hint: 'hint',
};

/** notify-send's arguments for node-notifier-style options (timeout in seconds, as node-notifier takes it). */
export function notifySendArguments(notification: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const [option, flag] of Object.entries(FLAGS)) {
    const value = notification[option];
    if (typeof value === 'string' && value !== '') args.push(`--${flag}=${value}`);
  }
  const timeout = notification['timeout'];
  if (typeof timeout === 'number') args.push(`--expire-time=${Math.round(timeout * 1000)}`);
  args.push(String(notification['title'] ?? ''), String(notification['message'] ?? ''));
  return args;
}

export function createNotifySendStager(spawn: typeof nodeSpawn = nodeSpawn): StagingNotifier {
  return {
    stage(notification, callback) {
      const child: ChildProcess = spawn(
        '/bin/sh',
        ['-c', GATE, 'notify-send', ...notifySendArguments(notification)],
        {
          stdio: ['pipe', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-2_000);
      });
      // A broken pipe (the process already ended) is reported through 'exit', not thrown.
      child.stdin?.on('error', () => {});
      child.once('error', (error) => callback?.(error));
      child.once('exit', (code) => {
        if (code === 0) callback?.(null);
        else callback?.(new Error(stderr.trim() || `notify-send exited with ${code ?? 'a signal'}`));
      });
      return () => {
        child.stdin?.end('go\n');
      };
    },
  };
}
