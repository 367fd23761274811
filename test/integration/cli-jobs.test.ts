/**
 * The job commands against the CIDX double, both flavours: sync and wait, a failing sync and
 * its retry (possible only through the submission ledger), the per-user sync conflict, cancel,
 * the job list and details, repositories, and hostile server text kept off the terminal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, parseJson, submittedJobId, type CliRun, type CliSandbox } from './cli-harness';

/** The double runs jobs 5 times faster: a default sync (1 s) takes 0.2 s. */
const TIME_SCALE = 0.2;
// Everything but the line break may not reach a terminal from server text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let server: RunningCidxServer;
let box: CliSandbox;

afterEach(async () => {
  box.cleanup();
  await server.close();
});

interface JobJson {
  server: string;
  repository: string | null;
  id: string;
  status: string;
  operationType: string;
  error: string | null;
  username: string | null;
  createdAt: string;
  completedAt: string | null;
}

const all = (run: CliRun) => run.stdout + run.stderr;

describe.each(['head', 'v5'] as const)('cidx-jobs job commands on the %s double', (flavor) => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor, port: 0, timeScale: TIME_SCALE });
    box = createCliSandbox();
    expect((await box.addServer('lab', server)).code).toBe(0);
  });

  it('syncs with --wait and says the job completed', async () => {
    const synced = await box.run(['sync', 'my-proj', '--wait']);
    expect(synced.code).toBe(0);
    const jobId = submittedJobId(synced);
    expect(synced.stdout).toContain(`Submitted sync of my-proj on lab: job ${jobId}`);
    expect(synced.stdout).toMatch(
      new RegExp(`✓ completed {2}${jobId.slice(0, 8)} sync repository my-proj \\(lab\\)`),
    );
  });

  it('reports a failing sync with exit 1 and its error, lists it, shows it, and retries it', async () => {
    server.control.setNextSyncOutcome('web-app', {
      outcome: 'failed',
      error: 'git fetch failed: remote hung up',
      runMs: 1_000,
    });
    const failed = await box.run(['sync', 'web-app', '--wait']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ failed .*web-app \(lab\).*: git fetch failed: remote hung up/);
    const failedId = submittedJobId(failed);
    expect((await box.run(['sync', 'my-proj', '--wait'])).code).toBe(0);

    const listed = await box.run(['jobs', '--json']);
    expect(listed.code).toBe(0);
    const rows = parseJson<JobJson[]>(listed);
    // HEAD and v5 job payloads never name the repository (cidx-api.md §2.1): the ledger does.
    expect(rows.find((row) => row.id === failedId)).toMatchObject({
      server: 'lab',
      repository: 'web-app',
      status: 'failed',
      operationType: 'sync_repository',
      error: 'git fetch failed: remote hung up',
    });
    expect(rows.find((row) => row.repository === 'my-proj')).toMatchObject({ status: 'completed' });
    // Times are ISO 8601 strings, what jq and other tools read as times.
    const failedRow = rows.find((row) => row.id === failedId)!;
    expect(failedRow.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(failedRow.completedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(failedRow.createdAt));

    // Statuses are case-insensitive.
    const onlyFailed = parseJson<JobJson[]>(await box.run(['jobs', '--status', 'FAILED', '--json']));
    expect(onlyFailed.map((row) => [row.repository, row.status])).toEqual([['web-app', 'failed']]);
    const table = await box.run(['jobs', '--status', 'failed']);
    expect(table.stdout).toMatch(/^ID\s+OPERATION\s+REPOSITORY\s+STATUS/m);
    expect(table.stdout).toMatch(
      new RegExp(`^${failedId.slice(0, 8)}\\s+sync repository\\s+web-app\\s+✗ failed`, 'm'),
    );
    expect(table.stdout).not.toContain('my-proj');

    const shown = await box.run(['job', failedId.slice(0, 8)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^Job\\s+${failedId}$`, 'm'));
    expect(shown.stdout).toMatch(/^Repository\s+web-app$/m);
    expect(shown.stdout).toMatch(/^Status\s+✗ failed$/m);
    expect(shown.stdout).toMatch(/^Error\s+git fetch failed: remote hung up$/m);
    expect(shown.stdout).toMatch(new RegExp(`^Retry\\s+yes: cidx-jobs retry ${failedId.slice(0, 8)}$`, 'm'));

    const retried = await box.run(['retry', failedId.slice(0, 8), '--wait']);
    expect(retried.code).toBe(0);
    const newId = submittedJobId(retried);
    expect(newId).not.toBe(failedId);
    expect(retried.stdout).toContain(`Resubmitted job ${failedId} on lab as job ${newId}`);
    expect(retried.stdout).toMatch(new RegExp(`✓ completed {2}${newId.slice(0, 8)} sync repository web-app`));
  });

  it('explains the per-user sync conflict (exit 7), cancels the running sync, and refuses a second cancel', async () => {
    server.control.setNextSyncOutcome('my-proj', { runMs: 100_000 });
    const running = await box.run(['sync', 'my-proj']);
    expect(running.code).toBe(0);
    const jobId = submittedJobId(running);

    const conflict = await box.run(['sync', 'web-app']);
    expect(conflict.code).toBe(7);
    // Names the sync that holds the per-user rule, not the server's misleading 'web-app'.
    expect(conflict.stderr).toMatch(
      new RegExp(
        `^cidx-jobs: Sync of web-app not submitted: you already have a sync of my-proj (running|waiting to run) on lab \\(job ${jobId.slice(0, 8)}\\); CIDX allows one per user, on any repository\\. .*--force`,
      ),
    );

    const cancelled = await box.run(['cancel', jobId.slice(0, 8)]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain(`Cancelled job ${jobId} on lab.`);
    expect(server.control.job(jobId)).toMatchObject({ status: 'cancelled' });

    const again = await box.run(['cancel', jobId]);
    expect(again.code).toBe(7);
    expect(again.stderr).toMatch(
      new RegExp(`^cidx-jobs: Job ${jobId} not cancelled: .*cancel.*cancelled`, 'm'),
    );
  });

  it('exits 6 for a job id or id prefix that matches nothing', async () => {
    const unknown = await box.run(['job', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(6);
    expect(unknown.stderr).toContain('No job 00000000-0000-4000-8000-000000000000 on lab');
    expect((await box.run(['job', 'zzzzzzzz'])).code).toBe(6);
  });

  it('lists the activated repositories as a table and as JSON', async () => {
    const table = await box.run(['repos']);
    expect(table.code).toBe(0);
    expect(
      table.stdout
        .split('\n')
        .slice(0, 4)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['REPOSITORY', 'docs', 'my-proj', 'web-app']);
    // HEAD answers an object, v5 a bare array (cidx-api.md §3.2); both read the same.
    const json = parseJson<{ server: string; alias: string; goldenAlias: string | null }[]>(
      await box.run(['repos', '--json']),
    );
    expect(json).toEqual([
      expect.objectContaining({ server: 'lab', alias: 'docs', goldenAlias: 'docs-golden' }),
      expect.objectContaining({ server: 'lab', alias: 'my-proj', goldenAlias: 'proj-golden' }),
      expect.objectContaining({ server: 'lab', alias: 'web-app', goldenAlias: 'web-golden' }),
    ]);
  });

  it('prints hostile error text without control characters or escape debris, and cut short', async () => {
    const hostile = '\u001b[31mdisk\u001b[0m full\u0007\r\n\u001b]0;owned\u0007\u001b[2J' + 'x'.repeat(6_000);
    server.control.setNextSyncOutcome('docs', { outcome: 'failed', error: hostile, runMs: 1_000 });
    const failed = await box.run(['sync', 'docs', '--wait']);
    expect(failed.code).toBe(1);
    const jobId = submittedJobId(failed);
    const shown = await box.run(['job', jobId]);
    const listed = await box.run(['jobs']);
    const json = await box.run(['jobs', '--json']);

    for (const run of [failed, shown, listed, json]) expect(all(run)).not.toMatch(CONTROL);
    for (const run of [failed, shown, listed]) {
      for (const line of all(run).split('\n')) expect(line.length).toBeLessThanOrEqual(2_100);
      expect(run.stdout).toContain('disk full');
      expect(run.stdout).not.toContain('[31m');
      expect(run.stdout).not.toContain('owned');
    }
    expect(shown.stdout).toMatch(/^Error\s+disk full x+…$/m);
    // JSON carries the text as the client cleaned it where it entered (issue 8): no escapes, bounded.
    const error = parseJson<JobJson[]>(json).find((row) => row.id === jobId)?.error ?? '';
    expect(error).toMatch(/^disk full x+…$/);
    expect(error.length).toBeLessThanOrEqual(4096);
  });
});

describe('cidx-jobs jobs over an administrator API key (HEAD)', () => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor: 'head', port: 0, timeScale: TIME_SCALE });
    box = createCliSandbox();
    expect((await box.addServer('lab', server, 'admin')).code).toBe(0);
  });

  it("shows other users' jobs until a job it submitted names the key owner, then only the owner's", async () => {
    server.control.addJob({
      owner: 'bob',
      operation: 'sync_repository',
      repository: 'my-proj',
      runMs: 60_000,
    });
    const owners = async () =>
      new Set(parseJson<JobJson[]>(await box.run(['jobs', '--json'])).map((j) => j.username));
    // CIDX never says whose an API key is: nothing can be told apart yet.
    expect(await owners()).toContain('bob');

    const synced = await box.run(['sync', 'infra', '--wait']);
    expect(synced.code).toBe(0);
    expect([...(await owners())]).toEqual(['admin']);
    const everyone = parseJson<JobJson[]>(await box.run(['jobs', '--json', '--all-users']));
    expect(everyone.map((j) => j.username)).toContain('bob');
  });
});
