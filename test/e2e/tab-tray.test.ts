/**
 * Issue 9, "the tab is a tray": in browser mode the page title carries the counts and the
 * favicon is the desktop tray's icon for the current state, served by the host; a failing job
 * turns it into the failed icon, as it turns the tray red.
 */
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { useWorld, type World } from './support/world';

const MIN = 60_000;

let world: World;

useWorld({ user: 'alice' }, (running) => ({ world } = running));

afterEach(() => expect(world.problems).toEqual([]));

const favicon = (page: Page) => page.locator('link[rel="icon"]').getAttribute('href');

/** What the page gets for its favicon's address: the status and type of a real request. */
const fetchFavicon = async (page: Page) => {
  // Resolved against the page's address here: the test's TypeScript has no DOM types.
  const href = new URL((await favicon(page)) ?? '', page.url()).href;
  return page.evaluate(async (address) => {
    const answer = await fetch(address);
    return {
      status: answer.status,
      type: answer.headers.get('content-type'),
      bytes: (await answer.arrayBuffer()).byteLength,
    };
  }, href);
};

it('says "CIDX Tray" with the idle icon while nothing runs', async () => {
  const { page } = world;
  await expect.poll(() => favicon(page), { timeout: 10_000 }).toBe('/tray-icons/idle@2x.png');
  expect(await page.title()).toBe('CIDX Tray');
  expect(await fetchFavicon(page)).toMatchObject({ status: 200, type: 'image/png' });
});

it('carries the counts in the title, and a failing job makes the favicon the failed icon', async () => {
  const { page, double } = world;
  double.control.addJob({
    owner: 'alice',
    operation: 'add_index_fts',
    repository: 'docs',
    runMs: 10 * MIN,
    phases: true,
  });
  double.control.addJob({ owner: 'alice', operation: 'reindex', repository: 'my-proj', runMs: 10 * MIN });
  await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('2 running — CIDX Tray');
  expect(await favicon(page)).toMatch(/^\/tray-icons\/running-\d+@2x\.png$/);
  expect(await fetchFavicon(page)).toMatchObject({ status: 200, type: 'image/png' });

  double.control.addJob({
    owner: 'alice',
    operation: 'sync_repository',
    repository: 'web-app',
    runMs: 1500,
    outcome: 'failed',
    error: 'Sync failed due to merge conflicts.',
  });
  await expect.poll(() => page.title(), { timeout: 15_000 }).toBe('2 running · 1 failed — CIDX Tray');
  expect(await favicon(page)).toBe('/tray-icons/failed@2x.png');
  const failed = await fetchFavicon(page);
  expect(failed).toMatchObject({ status: 200, type: 'image/png' });
  expect(failed.bytes).toBeGreaterThan(0);
});
