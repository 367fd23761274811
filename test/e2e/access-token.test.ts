/**
 * Browser mode's address without its token, or with a wrong one (a tab kept from an earlier
 * start): the page says so and what to do in words, never "reconnecting…"; pasting the printed
 * address into the same tab then connects it without a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';
import { startWorld, type World } from './support/world';

let browser: Browser;
let world: World;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startWorld({ browser, rendererDir: inject('rendererDir'), user: 'alice' });
});

afterAll(async () => {
  await world?.close();
  await browser?.close();
});

const explanation = (page: Page) => page.getByRole('alert', { name: 'Open the address CIDX Tray printed' });

/** The page's words over a while: it must not drift into "reconnecting…" as retries would. */
async function wordsAfterSettling(page: Page): Promise<string> {
  await explanation(page).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  return page.locator('body').innerText();
}

it('an address without the token says so and what to do, not "reconnecting…"', async () => {
  const page = await world.context.newPage();
  await page.goto(`${world.mode.server.origin}/`);
  const words = await wordsAfterSettling(page);
  expect(words).toContain('This page was opened without its access token.');
  expect(words).toContain('Open the address CIDX Tray printed when it started');
  expect(words).not.toMatch(/reconnecting|Loading…/i);
  await page.close();
});

it('a wrong token says it was refused and what to do; pasting the printed address connects', async () => {
  const page = await world.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const wrong = 'x'.repeat(world.mode.server.token.length);
  await page.goto(`${world.mode.server.origin}/#token=${wrong}`);
  const words = await wordsAfterSettling(page);
  expect(words).toContain('CIDX Tray did not accept this page’s access token');
  expect(words).toContain('Open the address CIDX Tray printed when it started');
  expect(words).not.toMatch(/reconnecting|Loading…/i);
  expect(words).not.toContain(wrong);
  expect(page.url()).not.toContain(wrong);
  await saveScreenshot(page, 'token-refused');

  // Same tab, only the fragment changes: no reload, the page picks the token up and connects.
  await page.goto(world.mode.pageUrl);
  await page.getByRole('tab', { name: 'Jobs' }).waitFor({ timeout: 10_000 });
  expect(await explanation(page).count()).toBe(0);
  expect(page.url()).not.toContain('token=');
  expect(problems).toEqual([]);
  await page.close();
});
