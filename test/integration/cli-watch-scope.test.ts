/**
 * What `cidx-jobs watch` without ids follows and when it ends (its --help says the same): the
 * jobs pending or running when it starts, until each has ended, not jobs started later; with
 * --follow also those, until Ctrl+C. Against the HEAD double; the sandbox polls every 500 ms.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, type CliSandbox } from './cli-harness';

/** The double runs jobs 5 times faster: runMs 5_000 below is one real second. */
const TIME_SCALE = 0.2;

let server: RunningCidxServer;
let box: CliSandbox;

beforeEach(async () => {
  server = await startCidxServer({ flavor: 'head', port: 0, timeScale: TIME_SCALE });
  box = createCliSandbox();
  expect((await box.addServer('lab', server)).code).toBe(0);
});

afterEach(async () => {
  box.cleanup();
  await server.close();
});

/** A sync of alice's running on the double for `runMs` of its time; returns its id. */
const startJob = (repository: string, runMs: number, outcome: 'completed' | 'failed' = 'completed') =>
  server.control.addJob({ owner: 'alice', operation: 'sync_repository', repository, runMs, outcome })!;

const short = (jobId: string) => jobId.slice(0, 8);

describe('cidx-jobs watch without ids', () => {
  it('ends when the jobs running at its start have ended, without following one started later', async () => {
    const early = startJob('my-proj', 5_000);
    const watching = box.start(['watch']);
    await watching.waitForOutput(new RegExp(`▶ running {2}${short(early)}`));
    const later = startJob('web-app', 100_000);
    const watched = await watching.done;

    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`✓ completed {2}${short(early)}`));
    expect(watched.stdout).not.toContain(short(later));
    expect(server.control.job(later)).toMatchObject({ status: 'running' });
  });

  it('exits 1 when a job it followed failed', async () => {
    const failing = startJob('my-proj', 5_000, 'failed');
    const watched = await box.run(['watch']);

    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(new RegExp(`✗ failed {2}${short(failing)}`));
  });

  it('with --follow, also follows a job started while watching, until Ctrl+C', async () => {
    const watching = box.start(['watch', '--follow']);
    // Nothing runs: it keeps watching instead of saying so and ending.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(watching.output().stdout).not.toContain('No jobs are running.');

    const later = startJob('web-app', 5_000);
    await watching.waitForOutput(new RegExp(`✓ completed {2}${short(later)}`));
    watching.interrupt();
    const watched = await watching.done;

    expect(watched.code).toBe(130);
    expect(watched.stderr).toContain('Stopped watching; the jobs keep running on the server.');
  });

  it('refuses --follow with job ids, in one line with exit 2', async () => {
    const running = startJob('my-proj', 100_000);
    const refused = await box.run(['watch', '--follow', running]);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cidx-jobs: --follow follows every job that starts; give no job ids with it.\n',
    });
  });
});
