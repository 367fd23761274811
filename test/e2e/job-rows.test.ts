/**
 * Issue 9, what a row tells at a glance in a wide window: when a job ran and for how long, the
 * time a running job has left (from the typical run of the same operation on the same
 * repository), a failed job's error, a repository only when something names it (here: the
 * server's own error text), every status whole, and server headings with no gap above their jobs.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { jobDetail, jobRow, startSync } from './support/jobs';
import { layoutProblems, measureRows } from './support/layout';
import { saveScreenshot } from './support/screenshots';
import { useWorld, SERVER_NAME, type World } from './support/world';

const MIN = 60_000;

let world: World;

useWorld({ user: 'alice' }, (running) => ({ world } = running));

beforeAll(async () => {
  const { control } = world.double;
  // Two syncs of my-proj that took ten minutes each: the typical run of that sync.
  for (const at of [-120 * MIN, -60 * MIN]) {
    control.addJob({
      owner: 'alice',
      operation: 'sync_repository',
      repository: 'my-proj',
      at,
      runMs: 10 * MIN,
      result: { success: true, repository_id: 'my-proj', changes_applied: true, files_changed: 2 },
    });
  }
  // Failures submitted elsewhere: HEAD names no repository in a job (cidx-api.md §2.1), but the
  // first one's error text does (§3.4); the second names none.
  control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: 'web-app',
    at: -5 * MIN,
    runMs: 4000,
    outcome: 'failed',
    error: "Repository 'web-app' not found for user 'alice'",
  });
  control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: 'docs',
    at: -3 * MIN,
    runMs: 2000,
    outcome: 'failed',
    error: 'Git sync operation timed out',
  });
});

afterEach(() => {
  expect(world.problems).toEqual([]);
});

const grid = () => world.page.getByRole('grid', { name: 'Jobs' });

it('says when each finished job ended, how long it took, and why a failed one failed', async () => {
  const { page } = world;
  const named = grid().getByRole('row', { name: `Sync: web-app, Failed, ${SERVER_NAME}` });
  await named.waitFor({ timeout: 15_000 });
  expect(await named.locator('.job-row__time').innerText()).toMatch(/^Finished 4 min 5\d s ago\nTook 4 s$/);
  expect(await named.locator('.job-row__error').innerText()).toBe(
    "Repository 'web-app' not found for user 'alice'",
  );

  // Nothing names this one's repository: the row says nothing rather than a placeholder.
  const unnamed = grid().getByRole('row', { name: `Sync, Failed, ${SERVER_NAME}` });
  expect(await unnamed.locator('.job-row__error').innerText()).toBe('Git sync operation timed out');
  expect(await unnamed.locator('.job-row__repository').count()).toBe(0);
  expect(await page.getByText('Repository not reported').count()).toBe(0);

  const done = grid().getByRole('row', { name: `Sync: my-proj, Completed, ${SERVER_NAME}` });
  expect(await done.count()).toBe(2);
  expect(await done.first().locator('.job-row__time').innerText()).toMatch(
    /^Finished 50 min( \d+ s)? ago\nTook 10 min$/,
  );
  expect(layoutProblems(await measureRows(page))).toEqual([]);
});

it("gives a running sync an ETA from my-proj's typical sync, on the row and in the detail", async () => {
  const { page, double } = world;
  double.control.setNextSyncOutcome('my-proj', { runMs: 5 * MIN });
  const jobId = await startSync(page, 'my-proj');
  const time = jobRow(page, jobId).locator('.job-row__time');
  await expect
    .poll(() => time.innerText(), { timeout: 15_000 })
    .toMatch(/^Started \d{1,2}:\d\d( [AP]M)?\nElapsed \d+ s\nAbout 10 min left$/);
  const detail = jobDetail(page, 'Sync: my-proj');
  expect(await detail.locator('.detail__facts').innerText()).toMatch(/Estimated\s+About 10 min left/);
  await detail.getByRole('button', { name: 'Cancel job' }).click();
});

it('puts the server heading right on top of its jobs when grouped by server', async () => {
  const { page } = world;
  await page.getByRole('button', { name: 'Close job details' }).click();
  await page.getByLabel('Group by server').check();
  const heading = grid().getByRole('row', { name: new RegExp(`^${SERVER_NAME} \\(\\d+ jobs\\)$`) });
  const headingBox = (await heading.boundingBox())!;
  const firstRow = grid().locator('[role="row"][data-job-key]').first();
  const rowBox = (await firstRow.boundingBox())!;
  // One line tall, and the first job starts where the heading ends: no blank band between.
  expect(headingBox.height).toBeLessThan(40);
  expect(Math.abs(rowBox.y - (headingBox.y + headingBox.height))).toBeLessThanOrEqual(1);
  expect(layoutProblems(await measureRows(page))).toEqual([]);
  await saveScreenshot(page, 'jobs-grouped');
});
