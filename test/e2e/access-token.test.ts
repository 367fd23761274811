/**
 * Browser mode's address without its token, or with a wrong one (a tab kept from an earlier
 * start): the page says so and what to do in words, never "reconnecting…"; pasting the printed
 * address into the same tab then connects it without a reload.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { seriousAxeViolations } from './support/axe';
import { saveScreenshot } from './support/screenshots';
import { useWorld, type World } from './support/world';

let world: World;

useWorld({ user: 'alice' }, (running) => ({ world } = running));

const explanation = (page: Page) => page.getByRole('alert', { name: 'Open the address CIDX Tray printed' });

/**
 * Opens the address in a new tab with the page's clock under the test's control, and lets a
 * minute of page time pass: a page that retried would have opened more sockets and said
 * "reconnecting…" by then. Returns the words shown and how many sockets the page opened.
 */
async function openAndWaitAMinute(
  address: string,
): Promise<{ page: Page; words: string; sockets: number; problems: string[] }> {
  const page = await world.context.newPage();
  let sockets = 0;
  const problems: string[] = [];
  page.on('websocket', () => (sockets += 1));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.clock.install();
  await page.goto(address);
  await explanation(page).waitFor({ timeout: 10_000 });
  await page.clock.runFor(60_000);
  return { page, words: await page.locator('body').innerText(), sockets, problems };
}

it('an address without the token says so and what to do, not "reconnecting…"', async () => {
  const { page, words, sockets, problems } = await openAndWaitAMinute(`${world.mode.server.origin}/`);
  expect(sockets).toBe(0);
  expect(problems).toEqual([]);
  expect(words).toContain('This page was opened without its access token.');
  expect(words).toContain('Open the address CIDX Tray printed when it started');
  expect(words).not.toMatch(/reconnecting|Loading…/i);
  await page.close();
});

it('a wrong token says it was refused and what to do; pasting the printed address connects', async () => {
  const wrong = 'x'.repeat(world.mode.server.token.length);
  const { page, words, sockets, problems } = await openAndWaitAMinute(
    `${world.mode.server.origin}/#token=${wrong}`,
  );
  expect(sockets).toBe(1);
  expect(words).toContain('CIDX Tray did not accept this page’s access token');
  expect(words).toContain('Open the address CIDX Tray printed when it started');
  expect(words).not.toMatch(/reconnecting|Loading…/i);
  expect(words).not.toContain(wrong);
  expect(page.url()).not.toContain(wrong);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'token-refused');

  // Same tab, only the fragment changes: no reload, the page picks the token up and connects.
  await page.goto(world.mode.pageUrl);
  await page.getByRole('tab', { name: 'Jobs' }).waitFor({ timeout: 10_000 });
  expect(await explanation(page).count()).toBe(0);
  expect(page.url()).not.toContain('token=');
  expect(problems).toEqual([]);
  await page.close();
});
