/**
 * (e) The server goes away: the window says so in words, shows how old its data is and calls
 * it stale once it is; when the server returns, the window shows it online and fresh again.
 * The page's clock is moved forward (Playwright's clock) so "stale" needs no two-minute wait.
 */
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { saveScreenshot } from './support/screenshots';
import { useWorld, SERVER_NAME, type World } from './support/world';

let world: World;

useWorld({ user: 'alice', installClock: true }, (running) => ({ world } = running));

const badge = (card: Locator) => card.locator('.server-card__header .status');

it('says the server is unreachable, marks old data stale, and recovers when it returns', async () => {
  const { page, double } = world;
  await page.getByRole('tab', { name: 'Servers' }).click();
  const card = page.getByRole('article', { name: SERVER_NAME });
  await expect.poll(() => badge(card).innerText(), { timeout: 10_000 }).toMatch(/Online/);

  // Every connection is dropped without an answer, as when the server process dies.
  double.control.addFault({ kind: 'reset' });
  await expect.poll(() => badge(card).innerText(), { timeout: 15_000 }).toMatch(/Offline/);
  const problem = card.locator('.failure');
  const words = await problem.innerText();
  expect(words).toMatch(/^Last problem: /);
  expect(words.length).toBeGreaterThan('Last problem: '.length + 10);
  expect(words).not.toMatch(/ECONNRESET|undefined|\[object/);

  // Three minutes later, nothing new has arrived: the data is called stale, in words.
  await page.clock.setSystemTime(Date.now() + 3 * 60_000);
  const headerAge = page.locator('.app__header .data-age');
  await expect.poll(() => headerAge.innerText(), { timeout: 10_000 }).toMatch(/\(stale\)$/);
  await expect
    .poll(() => card.locator('.data-age').innerText(), { timeout: 10_000 })
    .toMatch(/Polled \d+ min( \d+ s)? ago \(stale\)$/);
  await saveScreenshot(page, 'server-offline');
  // The Jobs view says so too, where a glance goes first (a banner per server in trouble).
  await page.getByRole('tab', { name: 'Jobs' }).click();
  await page.locator('.server-trouble').waitFor();
  await saveScreenshot(page, 'server-offline-jobs');
  await page.getByRole('tab', { name: 'Servers' }).click();

  // The server is back; the window says so without a restart.
  double.control.clearFaults();
  await page.clock.setSystemTime(Date.now());
  await expect.poll(() => badge(card).innerText(), { timeout: 15_000 }).toMatch(/Online/);
  await expect.poll(() => headerAge.innerText(), { timeout: 10_000 }).not.toMatch(/stale/);
  expect(await card.locator('.failure').count()).toBe(0);
  expect(world.problems).toEqual([]);
});
