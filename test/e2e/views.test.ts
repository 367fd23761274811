/**
 * (f) Every view passes axe-core with no serious or critical violation, in light and dark, and
 * (screenshots) every view is pictured with live data in test-results/screenshots/.
 * The demo world: the double's lively scenario, watched as its admin (every user's jobs).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/chromium';
import { jobDetail, waitForDetailStatus } from './support/jobs';
import { saveScreenshot } from './support/screenshots';
import { startWorld, type World } from './support/world';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function showView(page: Page, name: 'Jobs' | 'Sync' | 'Servers' | 'Settings'): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect.poll(() => page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
}

describe('first run', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ browser, rendererDir: inject('rendererDir'), user: null });
  });
  afterAll(async () => world?.close());

  it('has no serious accessibility violation', async () => {
    await world.page.getByRole('form', { name: 'Add a server' }).waitFor();
    expect(await seriousAxeViolations(world.page)).toEqual([]);
    await world.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeViolations(world.page)).toEqual([]);
    await saveScreenshot(world.page, 'first-run-dark');
    expect(world.problems).toEqual([]);
  });
});

describe('the views with live jobs', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({
      browser,
      rendererDir: inject('rendererDir'),
      user: 'admin',
      showAllUsers: true,
      scenario: 'demo',
      // A quicker world: more jobs come and go while the pictures are taken.
      timeScale: 0.3,
    });
    // Live: some jobs running, some finished.
    const grid = world.page.getByRole('grid', { name: 'Jobs' });
    await grid
      .getByRole('row', { name: /, Running, / })
      .nth(1)
      .waitFor({ timeout: 15_000 });
  });
  afterAll(async () => world?.close());

  it('jobs list, light and dark', async () => {
    const { page } = world;
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'jobs-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'jobs-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('job detail with its progress chart', async () => {
    const { page } = world;
    // The golden refresh reports phases, so its chart has steps to draw.
    // HEAD never names the repository of a job the app did not submit (cidx-api.md §2.1).
    const row = page.getByRole('row', { name: /^Golden repository refresh, Running, / });
    await row.click();
    const detail = jobDetail(page, 'Golden repository refresh');
    await waitForDetailStatus(detail, 'Running');
    const bar = detail.getByRole('progressbar');
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(65);
    expect(await detail.locator('figcaption').innerText()).toMatch(/in [3-9]\d* observed steps/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'job-detail');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'job-detail-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('servers, sync and settings', async () => {
    const { page } = world;
    for (const view of ['Servers', 'Sync', 'Settings'] as const) {
      await showView(page, view);
      if (view === 'Sync') {
        const picker = page.getByRole('form', { name: 'Start a sync' }).getByLabel('Repository');
        await expect.poll(() => picker.isEnabled(), { timeout: 10_000 }).toBe(true);
      }
      if (view === 'Servers') await page.getByText('Online').first().waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await saveScreenshot(page, view.toLowerCase());
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(world.problems).toEqual([]);
  });
});
