/**
 * Wrong usage is one `cidx-jobs: …` line on stderr and exit 2, like every other error: no usage
 * text after it. These fail before any settings are read, so no settings folder is needed.
 */
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/run-cli';
import { oneLineError } from '../../../main/cli/usage-error';

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += String(chunk);
    callback();
  }
}

async function cidxJobs(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    // A folder that does not exist: reading settings would warn or fail, which these must not.
    env: { CIDX_TRAY_CONFIG_DIR: '/nonexistent/cidx-tray-usage-test', CIDX_TRAY_SECRET_STORE: 'memory' },
    interrupted: new Promise(() => {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('usage errors', () => {
  it.each([
    [['jobs', '--no-such-option'], "cidx-jobs: unknown option '--no-such-option' (see cidx-jobs --help)"],
    [
      ['jobs', '--stat', 'failed'],
      "cidx-jobs: unknown option '--stat'; did you mean --status? (see cidx-jobs --help)",
    ],
    [['jbos'], "cidx-jobs: unknown command 'jbos'; did you mean jobs? (see cidx-jobs --help)"],
    [['frobnicate'], "cidx-jobs: unknown command 'frobnicate' (see cidx-jobs --help)"],
    [['job'], "cidx-jobs: missing required argument 'id' (see cidx-jobs --help)"],
    [['server', 'add', 'work'], "cidx-jobs: missing required argument 'url' (see cidx-jobs --help)"],
    [
      ['jobs', '--limit', '0'],
      "cidx-jobs: option '-n, --limit <count>' argument '0' is invalid. must be a whole number of at least 1 (see cidx-jobs --help)",
    ],
  ])('%j is one line and exit 2', async (argv, line) => {
    expect(await cidxJobs(argv)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('--help is the usage, on stdout, exit 0', async () => {
    const help = await cidxJobs(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Usage: cidx-jobs \[options\] \[command\]/);
  });

  it('keeps a message without commander prefix or suggestion as it is', () => {
    expect(oneLineError('error: too many arguments\n')).toBe(
      'cidx-jobs: too many arguments (see cidx-jobs --help)',
    );
  });
});
