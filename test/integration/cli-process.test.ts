/**
 * The real `cidx-jobs` entry as a child process (through tsx, like `npm run cidx-jobs`): the
 * process exit codes scripts see, and a password piped on stdin that works end to end and is
 * never echoed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, type CliSandbox } from './cli-harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cidxJobs(box: CliSandbox, args: string[], stdin = ''): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], {
      cwd: ROOT,
      // Only what the CLI needs: no CIDX_* of the person running the tests leaks in.
      env: {
        PATH: process.env.PATH,
        HOME: box.dir,
        CIDX_TRAY_CONFIG_DIR: box.dir,
        CIDX_TRAY_SECRET_STORE: 'file',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let server: RunningCidxServer;
let box: CliSandbox;

beforeAll(async () => {
  server = await startCidxServer({ flavor: 'v5', port: 0, timeScale: 0.2 });
  box = createCliSandbox();
  // Added in-process so each test stands alone; the first test adds its own through the process.
  expect((await box.addServer('lab', server)).code).toBe(0);
});

afterAll(async () => {
  box.cleanup();
  await server.close();
});

describe('the cidx-jobs process', () => {
  it('adds a server with a password piped on stdin, never echoing it; the next runs use the stored one', async () => {
    const password = server.control.credentials().users.find((user) => user.username === 'alice')!.password;
    const fresh = createCliSandbox();
    try {
      const added = await cidxJobs(
        fresh,
        ['server', 'add', 'lab', server.url, '--username', 'alice', '--password-stdin'],
        `${password}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toContain(`Added server "lab" (${server.url}): version 5.0.0 as alice`);
      expect(added.stdout + added.stderr).not.toContain(password);
      expect(fresh.read('config.json')).not.toContain(password);
      expect(fresh.read('secrets.json')).toContain(password);
    } finally {
      fresh.cleanup();
    }

    server.control.setNextSyncOutcome('web-app', { outcome: 'failed', error: 'index locked', runMs: 1_000 });
    const [repos, failed] = await Promise.all([
      cidxJobs(box, ['repos', '--json']),
      cidxJobs(box, ['sync', 'web-app', '--wait']),
    ]);
    expect(repos.code, repos.stderr).toBe(0);
    expect((JSON.parse(repos.stdout) as { alias: string }[]).map((repo) => repo.alias)).toContain('my-proj');
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/✗ failed .*web-app \(lab\).*: index locked/);
  });

  it('exits with the documented codes for a missing job and for wrong usage', async () => {
    const [missing, usage, status] = await Promise.all([
      cidxJobs(box, ['job', '00000000-0000-4000-8000-000000000000']),
      cidxJobs(box, ['jobs', '--no-such-option']),
      cidxJobs(box, ['jobs', '--status', 'bogus']),
    ]);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toContain('No job 00000000-0000-4000-8000-000000000000');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--no-such-option'");
    // The server would answer an unknown status with an empty list: say which exist instead.
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('"bogus" is not a job status (one of: pending, running,');
  });
});
