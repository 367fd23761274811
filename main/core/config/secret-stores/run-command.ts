/**
 * Runs a helper program (secret-tool, security) without a shell. Secrets travel on stdin, which
 * no other user can see, never in argv, which `ps` shows to everyone on the machine.
 */
import { execFile, type ExecFileException } from 'node:child_process';

export interface CommandResult {
  /** Exit code; null when the program could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (e.g. ENOENT: not installed). */
  spawnError?: string;
}

export interface RunOptions {
  /** Written to stdin, then stdin is closed (so a program waiting for input never hangs). */
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      {
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 1024 * 1024,
        encoding: 'utf8',
      },
      (error: ExecFileException | null, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        if (typeof error.code === 'number') return resolve({ code: error.code, stdout, stderr });
        // Not an exit code: the program did not start (ENOENT, EACCES) or was killed (timeout).
        const reason =
          typeof error.code === 'string' ? error.code : error.killed ? 'timeout' : (error.signal ?? 'failed');
        resolve({ code: null, stdout, stderr, spawnError: reason });
      },
    );
    // EPIPE when the program exits without reading stdin is not our failure; the exit code tells.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

/** First line of stderr, for an error message (these tools never echo stdin). */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
