/**
 * Runs `cidx-jobs` in-process against a throw-away settings folder: captured stdout/stderr,
 * a given stdin text, the private-file secret store (each run opens a new context, so the
 * memory store would forget secrets between runs), and a Ctrl+C the test presses itself.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { ExitCode } from '../../main/cli/exit-codes';
import type { CliIo } from '../../main/cli/io';
import { runCli } from '../../main/cli/run-cli';
import type { RunningCidxServer } from '../cidx-server/server';

export interface CliRun {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  /** Added to (or, with undefined, removed from) the sandbox's environment for this run. */
  env?: Record<string, string | undefined>;
}

export interface RunningCli {
  /** What has been printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves once stdout or stderr matches, or rejects after the deadline with what was seen. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Presses Ctrl+C. */
  interrupt(): void;
  done: Promise<CliRun>;
}

export interface CliSandbox {
  dir: string;
  configPath: string;
  secretsPath: string;
  run(argv: string[], options?: RunOptions): Promise<CliRun>;
  start(argv: string[], options?: RunOptions): RunningCli;
  /** The file's text, or '' when it does not exist. */
  read(fileName: string): string;
  /** Adds a server for a seeded user: API key on HEAD, password through stdin on v5. */
  addServer(name: string, server: RunningCidxServer, username?: string): Promise<CliRun>;
  cleanup(): void;
}

/** Fast polling so watching takes a second, not ten (the schema's minimums). */
export const FAST_SETTINGS = {
  polling: { activeIntervalMs: 500, idleIntervalMs: 5_000, backoffCapMs: 1_000 },
};

class TextSink extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += String(chunk);
    callback();
  }
}

const stdinOf = (text: string | undefined): Readable =>
  Readable.from(text === undefined || text === '' ? [] : [Buffer.from(text)]);

export function createCliSandbox(options: { settings?: Record<string, unknown> | null } = {}): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'cidx-cli-test-'));
  const configPath = join(dir, 'config.json');
  const secretsPath = join(dir, 'secrets.json');
  // Current format (2), so nothing is migrated and the fast settings are kept as written.
  if (options.settings !== null)
    writeFileSync(
      configPath,
      JSON.stringify({ version: 2, settings: options.settings ?? FAST_SETTINGS, servers: [] }),
    );
  const baseEnv = { PATH: process.env.PATH, CIDX_TRAY_CONFIG_DIR: dir, CIDX_TRAY_SECRET_STORE: 'file' };

  const start = (argv: string[], runOptions: RunOptions = {}): RunningCli => {
    const stdout = new TextSink();
    const stderr = new TextSink();
    let pressCtrlC = () => {};
    const io: CliIo = {
      stdout,
      stderr,
      stdin: stdinOf(runOptions.stdin),
      env: { ...baseEnv, ...runOptions.env },
      interrupted: new Promise<void>((resolve) => (pressCtrlC = resolve)),
    };
    const done = runCli(argv, io).then((code) => ({ code, stdout: stdout.text, stderr: stderr.text }));
    const output = () => ({ stdout: stdout.text, stderr: stderr.text });
    return {
      output,
      interrupt: () => pressCtrlC(),
      done,
      async waitForOutput(pattern, timeoutMs = 8_000) {
        const deadline = Date.now() + timeoutMs;
        let finished = false;
        void done.then(() => (finished = true));
        while (!pattern.test(stdout.text) && !pattern.test(stderr.text)) {
          if (finished || Date.now() > deadline) {
            throw new Error(
              `no output matching ${pattern} (${finished ? 'the command ended' : 'deadline passed'})\n` +
                `stdout: ${stdout.text}\nstderr: ${stderr.text}`,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
    };
  };

  const sandbox: CliSandbox = {
    dir,
    configPath,
    secretsPath,
    start,
    run: (argv, runOptions) => start(argv, runOptions).done,
    read: (fileName) => {
      const path = join(dir, fileName);
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    },
    async addServer(name, server, username = 'alice') {
      const credentials = server.control.credentials();
      if (server.flavor === 'head') {
        const apiKey = credentials.apiKeys.find((key) => key.username === username)?.apiKey;
        return sandbox.run(['server', 'add', name, server.url], { env: { CIDX_API_KEY: apiKey } });
      }
      const password = credentials.users.find((user) => user.username === username)?.password;
      return sandbox.run(['server', 'add', name, server.url, '--username', username, '--password-stdin'], {
        stdin: `${password}\n`,
      });
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return sandbox;
}

/** Parses the JSON a `--json` command printed, failing with the whole output when it is not. */
export function parseJson<T = unknown>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\nstderr: ${run.stderr}`);
  }
}

/** The full job id a `sync` or `retry` printed ("... job <uuid>"). */
export function submittedJobId(run: CliRun): string {
  const match = /job ([0-9a-f-]{36})\s*$/m.exec(run.stdout);
  if (!match) throw new Error(`no job id in (exit ${run.code}):\n${run.stdout}\nstderr: ${run.stderr}`);
  return match[1]!;
}
