/**
 * (b) a sync submitted from the Sync view runs to completion in the list and the detail;
 * (c) a long running job is cancelled; (d) a failed job is retried and the new job completes;
 * (g) hostile error text from the server is shown as text, never as markup.
 * One world (alice on the HEAD double), the scenarios in turn: CIDX runs one sync per user.
 */
import { afterEach, expect, it } from 'vitest';
import { detailStatus, jobDetail, jobRow, startSync, waitForDetailStatus } from './support/jobs';
import { useWorld, SERVER_NAME, type World } from './support/world';

let world: World;

useWorld({ user: 'alice' }, (running) => ({ world } = running));

afterEach(() => {
  expect(world.problems).toEqual([]);
  expect(world.dialogs).toEqual([]);
});

it('(b) follows a submitted sync through running to completed, in the list and the detail', async () => {
  const { page, double } = world;
  double.control.setNextSyncOutcome('my-proj', { runMs: 3000 });
  const jobId = await startSync(page, 'my-proj');
  const detail = jobDetail(page, 'Sync: my-proj');
  const row = jobRow(page, jobId);
  const rowBar = row.getByRole('progressbar', { name: 'Progress of Sync: my-proj' });

  // Sample what a person would see until the job is done.
  const seen: { status: string; progress: number }[] = [];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const status = await detailStatus(detail);
    const progress = Number((await rowBar.count()) ? await rowBar.getAttribute('aria-valuenow') : NaN);
    if (status) seen.push({ status, progress });
    if (status === 'Completed') break;
    await page.waitForTimeout(100);
  }
  expect(seen.some((s) => s.status === 'Running' && s.progress > 0 && s.progress < 100)).toBe(true);
  expect(seen.at(-1)).toEqual({ status: 'Completed', progress: 100 });
  await expect.poll(() => row.getAttribute('aria-label')).toBe(`Sync: my-proj, Completed, ${SERVER_NAME}`);
  expect(await row.getAttribute('aria-selected')).toBe('true');

  const detailBar = detail.getByRole('progressbar', { name: 'Progress of Sync: my-proj' });
  expect(await detailBar.getAttribute('aria-valuenow')).toBe('100');
  await expect.poll(() => detail.locator('figcaption').innerText()).toMatch(/to 100 percent/);
  expect(await detail.getByRole('img', { name: 'Progress over time' }).isVisible()).toBe(true);

  await detail.getByRole('button', { name: 'Open in CIDX web UI' }).click();
  await expect.poll(() => world.opened).toEqual([`${double.url}/admin/jobs?search=${jobId}`]);
});

it('(c) cancels a long running job: it ends cancelled, here and on the server', async () => {
  const { page, double } = world;
  double.control.setNextSyncOutcome('web-app', { runMs: 120_000 });
  const jobId = await startSync(page, 'web-app');
  const detail = jobDetail(page, 'Sync: web-app');
  await waitForDetailStatus(detail, 'Running');
  await detail.getByRole('button', { name: 'Cancel job' }).click();
  await waitForDetailStatus(detail, 'Cancelled');
  expect(double.control.job(jobId)?.status).toBe('cancelled');
  await expect
    .poll(() => jobRow(page, jobId).getAttribute('aria-label'))
    .toBe(`Sync: web-app, Cancelled, ${SERVER_NAME}`);
  // A finished job offers a retry instead of a cancel.
  expect(await detail.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
  expect(await detail.getByRole('button', { name: 'Retry job' }).isVisible()).toBe(true);
});

it('(d) retries a failed job from the detail; the new job completes', async () => {
  const { page, double } = world;
  double.control.setNextSyncOutcome('docs', {
    runMs: 300,
    outcome: 'failed',
    error: "Sync failed due to merge conflicts in repository 'docs'.",
  });
  const failedId = await startSync(page, 'docs');
  const detail = jobDetail(page, 'Sync: docs');
  await waitForDetailStatus(detail, 'Failed');
  expect(await detail.getByLabel('Error text').innerText()).toContain('merge conflicts');

  await detail.getByRole('button', { name: 'Retry job' }).click();
  // The retry is a new job, which the window opens so the person follows it.
  await expect
    .poll(() => detail.locator('.detail__facts dd.mono').innerText(), { timeout: 10_000 })
    .not.toBe(failedId);
  const retriedId = (await detail.locator('.detail__facts dd.mono').innerText()).trim();
  await waitForDetailStatus(detail, 'Completed');
  expect(double.control.job(retriedId)?.status).toBe('completed');
  expect(await jobRow(page, failedId).getAttribute('aria-label')).toBe(`Sync: docs, Failed, ${SERVER_NAME}`);
});

it('(g) shows a hostile error text as text: no markup, no script, no overflow', async () => {
  const { page, double } = world;
  const hostile = `<img src=x onerror=alert(1)> <b>bold?</b> ${'A'.repeat(4000)}`;
  double.control.setNextSyncOutcome('my-proj', { runMs: 200, outcome: 'failed', error: hostile });
  await startSync(page, 'my-proj');
  const detail = jobDetail(page, 'Sync: my-proj');
  await waitForDetailStatus(detail, 'Failed');
  const errorText = detail.getByLabel('Error text');
  expect(await errorText.textContent()).toBe(hostile);
  expect(await page.locator('img, b').count()).toBe(0);
  // The very long line wraps inside the pane instead of widening it.
  const overflow = await errorText.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  const paneOverflow = await detail.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(paneOverflow).toBeLessThanOrEqual(1);
  // An onerror handler would have run by now; give it a moment in real time anyway.
  await page.waitForTimeout(200);
  expect(world.dialogs).toEqual([]);
});
