/**
 * Issue 9, a narrow window (420 px, a tray window squeezed or half a phone): no row's cells
 * overlap or spill, no status is cut ("Partly completed" whole), the page never scrolls
 * sideways, and a job opens as a page of its own with a way back to its row. Pictured for the
 * README (narrow-jobs, narrow-job-detail).
 */
import { beforeAll, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { jobDetail } from './support/jobs';
import { layoutProblems, measureRows } from './support/layout';
import { saveScreenshot } from './support/screenshots';
import { useWorld, type World } from './support/world';

const MIN = 60_000;
const LONG_NAME = 'a-repository-with-a-name-far-too-long-for-a-narrow-window';

let world: World;

useWorld({ user: 'alice', viewport: { width: 420, height: 860 } }, (running) => ({ world } = running));

beforeAll(async () => {
  const { control } = world.double;
  // Every kind of row a narrow window must fit: partial, failed with a long text, cancelled,
  // completed, and one running.
  control.addJob({
    owner: 'alice',
    operation: 'reindex',
    repository: 'docs',
    at: -9 * MIN,
    runMs: 9000,
    outcome: 'partial',
  });
  control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: LONG_NAME,
    at: -6 * MIN,
    runMs: 4000,
    outcome: 'failed',
    error: `Sync failed due to merge conflicts in repository '${LONG_NAME}'. Manual resolution required.`,
  });
  control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: 'web-app',
    at: -4 * MIN,
    runMs: 2000,
    outcome: 'cancelled',
  });
  control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: 'my-proj',
    at: -2 * MIN,
    runMs: 65_000,
    result: { success: true, repository_id: 'my-proj', changes_applied: true, files_changed: 3 },
  });
  control.addJob({
    owner: 'alice',
    operation: 'add_index_fts',
    repository: 'docs',
    runMs: 10 * MIN,
    phases: true,
  });
});

it('fits every row in 420 px: no overlap, no cut status, no sideways scrolling', async () => {
  const { page } = world;
  const grid = page.getByRole('grid', { name: 'Jobs' });
  await grid.getByRole('row', { name: /, Partly completed, / }).waitFor({ timeout: 15_000 });
  await grid.getByRole('row', { name: /^Index build, Running, / }).waitFor({ timeout: 15_000 });
  const rows = await measureRows(page);
  expect(rows.filter((r) => r.key !== 'head')).toHaveLength(5);
  expect(layoutProblems(rows)).toEqual([]);
  const statuses = rows.flatMap((r) => (r.status ? [r.status.text.replace(/^\S+\s+/, '')] : []));
  expect(statuses).toEqual(
    expect.arrayContaining(['Running', 'Partly completed', 'Failed', 'Cancelled', 'Completed']),
  );
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);

  // The failed row says why on the row itself, and names the repository its error names.
  const failed = grid.getByRole('row', { name: `Sync: ${LONG_NAME}, Failed, Local CIDX` });
  expect(await failed.locator('.job-row__error').innerText()).toBe(
    `Sync failed due to merge conflicts in repository '${LONG_NAME}'. Manual resolution required.`,
  );
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'narrow-jobs');
  expect(world.problems).toEqual([]);
});

it('opens a job as a page of its own, and comes back to its row', async () => {
  const { page } = world;
  const grid = page.getByRole('grid', { name: 'Jobs' });
  const row = grid.getByRole('row', { name: /, Partly completed, / });
  await row.click();

  const detail = jobDetail(page, 'Re-index');
  await detail.waitFor();
  expect(await grid.count()).toBe(0);
  expect(await detail.getByRole('button', { name: 'Close job details' }).count()).toBe(0);
  const box = (await detail.boundingBox())!;
  // The page is the whole panel's width, not a side panel squeezed beside the list.
  expect(box.width).toBeGreaterThan(360);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(420);
  expect(await detail.locator('.detail__facts .status').innerText()).toMatch(/Partly completed$/);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'narrow-job-detail');

  await detail.getByRole('button', { name: 'Back to jobs' }).click();
  await grid.waitFor();
  await expect
    .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
    .toMatch(/, Partly completed, /);
  expect(world.problems).toEqual([]);
});

it('keeps every status whole and no cell overlapping at any width, with or without the detail open', async () => {
  const { page } = world;
  const grid = page.getByRole('grid', { name: 'Jobs' });
  try {
    for (const open of [false, true]) {
      for (const width of [320, 420, 640, 641, 800, 1024, 1600]) {
        await page.setViewportSize({ width, height: 860 });
        if (open && (await page.locator('.detail').count()) === 0) {
          await grid.getByRole('row', { name: /, Partly completed, / }).click();
        }
        if (await grid.count()) {
          const problems = layoutProblems(await measureRows(page));
          expect(problems, `${width} px${open ? ', detail open' : ''}`).toEqual([]);
        }
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      }
    }
  } finally {
    await page.setViewportSize({ width: 420, height: 860 });
  }
});

it('fits the other views in 420 px too, without sideways scrolling', async () => {
  const { page } = world;
  for (const name of ['Sync', 'Servers', 'Settings', 'Jobs'] as const) {
    await page.getByRole('tab', { name }).click();
    await expect.poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
    const overflow = await page.evaluate(
      `(() => { const p = document.querySelector('.panel'); return [document.documentElement.scrollWidth, p.scrollWidth - p.clientWidth]; })()`,
    );
    expect(overflow, name).toEqual([420, 0]);
  }
  expect(world.problems).toEqual([]);
});
