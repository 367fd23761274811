/**
 * `cidx-jobs watch` against the CIDX double, both flavours: nothing to watch, a job followed to
 * its end, Ctrl+C, and a server that fails for a while. The sandbox polls every 500 ms.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, submittedJobId, type CliSandbox } from './cli-harness';

/** The double runs jobs 5 times faster: runMs 5_000 below is one real second. */
const TIME_SCALE = 0.2;

let server: RunningCidxServer;
let box: CliSandbox;

afterEach(async () => {
  box.cleanup();
  await server.close();
});

describe.each(['head', 'v5'] as const)('cidx-jobs watch on the %s double', (flavor) => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor, port: 0, timeScale: TIME_SCALE });
    box = createCliSandbox();
    expect((await box.addServer('lab', server)).code).toBe(0);
  });

  /** Submits a sync of my-proj that runs for `runMs` of the double's time; returns its id. */
  async function startSync(runMs: number): Promise<string> {
    server.control.setNextSyncOutcome('my-proj', { runMs });
    const submitted = await box.run(['sync', 'my-proj']);
    expect(submitted.code).toBe(0);
    return submittedJobId(submitted);
  }

  it('says so and exits 0 when nothing is running', async () => {
    const watched = await box.run(['watch']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toBe('No jobs are running.\n');
  });

  it('follows a job given by id prefix until it completes', async () => {
    const jobId = await startSync(5_000);
    const watched = await box.run(['watch', jobId.slice(0, 8)]);

    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d ✓ completed {2}${jobId.slice(0, 8)} sync repository my-proj \\(lab\\) in \\d+s$`,
        'm',
      ),
    );
    expect(watched.stdout).not.toContain('No jobs are running.');
  });

  it('without ids, follows the running jobs it finds until they end', async () => {
    const jobId = await startSync(5_000);
    const watched = await box.run(['watch']);

    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`▶ running {2}${jobId.slice(0, 8)} sync repository my-proj`));
    expect(watched.stdout).toMatch(new RegExp(`✓ completed {2}${jobId.slice(0, 8)}`));
    // It runs the app's monitor as a viewer: the app's job cache and notification ledger are
    // the app's alone (a watch that marked an ending notified would silence the app's banner).
    expect(existsSync(join(box.dir, 'job-cache.json'))).toBe(false);
    expect(existsSync(join(box.dir, 'notifications.json'))).toBe(false);
  });

  it('stops on Ctrl+C with exit 130, leaving the job running on the server', async () => {
    const jobId = await startSync(100_000);
    const watching = box.start(['watch', jobId]);
    await watching.waitForOutput(/▶ running/);
    watching.interrupt();
    const watched = await watching.done;

    expect(watched.code).toBe(130);
    expect(watched.stderr).toContain('Stopped watching; the jobs keep running on the server.');
    expect(watched.stdout).not.toContain('completed');
    expect(server.control.job(jobId)).toMatchObject({ status: 'running' });
  });

  it('reports a failing server in words and still sees the job finish once it recovers', async () => {
    const jobId = await startSync(15_000);
    const watching = box.start(['watch', jobId]);
    await watching.waitForOutput(/▶ running/);
    server.control.addFault({ kind: 'status', status: 503, path: '/api/jobs', count: 3 });
    const watched = await watching.done;

    expect(watched.code).toBe(0);
    const lines = watched.stdout.split('\n');
    // A 503 on the main list is "failing"; on a secondary call only "answers with errors".
    const problem = lines.findIndex((line) =>
      / lab (is failing|answers with errors): Server error \(HTTP 503\)/.test(line),
    );
    const recovered = lines.findIndex((line) => line.endsWith(' lab is back online.'));
    const completed = lines.findIndex((line) => line.includes(`✓ completed  ${jobId.slice(0, 8)}`));
    expect(problem, watched.stdout).toBeGreaterThan(-1);
    expect(recovered, watched.stdout).toBeGreaterThan(problem);
    expect(completed, watched.stdout).toBeGreaterThan(problem);
  });
});
