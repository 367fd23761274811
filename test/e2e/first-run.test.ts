/**
 * (a) A first start with no server: the window explains the app, a connection test with a wrong
 * key says what is wrong in words, the right key connects, and the added server shows online
 * with its version.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { saveScreenshot } from './support/screenshots';
import { fillServerForm, serverForm } from './support/server-form';
import { SERVER_NAME, startWorld, type World } from './support/world';

let browser: Browser;
let world: World;

beforeAll(async () => {
  browser = await launchChromium();
  world = await startWorld({ browser, rendererDir: inject('rendererDir'), user: null });
});

afterAll(async () => {
  await world?.close();
  await browser?.close();
});

it('explains the app on first run, then adds a server after a failed and a good connection test', async () => {
  const { page, double } = world;
  await expect(page.getByRole('heading', { name: 'Welcome to CIDX Tray' }).isVisible()).resolves.toBe(true);
  const intro = await page.locator('.first-run').innerText();
  expect(intro).toMatch(/watches the background jobs of your CIDX servers/);
  expect(intro).toMatch(/API key/);
  // No tabs yet: there is nothing to show but the form.
  expect(await page.getByRole('tablist', { name: 'Views' }).count()).toBe(0);
  await saveScreenshot(page, 'first-run');

  const form = serverForm(page);
  await fillServerForm(form, { name: SERVER_NAME, url: double.url, apiKey: 'cidx_sk_not-a-real-key' });
  await form.getByRole('button', { name: 'Test connection' }).click();
  const failure = form.getByRole('alert');
  await failure.waitFor();
  const failureText = await failure.innerText();
  expect(failureText).toMatch(/^Connection test failed:/);
  expect(failureText).toMatch(/API key|credentials|sign/i);
  // Never echo the secret back.
  expect(failureText).not.toContain('cidx_sk_not-a-real-key');

  await form.getByLabel('API key', { exact: true }).fill(world.apiKeyOf('alice'));
  await form.getByRole('button', { name: 'Test connection' }).click();
  const connected = form.getByRole('status').filter({ hasText: 'Connected:' });
  await connected.waitFor();
  expect(await connected.innerText()).toMatch(/^Connected: CIDX 11 \(HEAD\) version \d+\.\d+/);
  expect(await form.getByRole('alert').count()).toBe(0);

  await form.getByRole('button', { name: 'Add server' }).click();
  const tabs = page.getByRole('tablist', { name: 'Views' });
  await tabs.waitFor();
  await tabs.getByRole('tab', { name: 'Servers' }).click();
  const card = page.getByRole('article', { name: SERVER_NAME });
  await card.getByText('Online').waitFor();
  const facts = await card.innerText();
  expect(facts).toContain(double.url);
  expect(facts).toMatch(/CIDX 11 \(HEAD\), version \d+\.\d+/);
  expect(world.problems).toEqual([]);
});

it('takes the access token out of the address once read: not in the address bar, not in history, and a reload reconnects', async () => {
  const { page, mode } = world;
  const { token } = mode.server;
  expect(page.url()).toBe(`${mode.server.origin}/`);
  expect(page.url()).not.toContain(token);
  expect(await page.evaluate('location.href')).not.toContain(token);
  await page.reload();
  await page.getByText('Loading…').waitFor({ state: 'detached' });
  await page.getByRole('tablist', { name: 'Views' }).waitFor();
  expect(page.url()).not.toContain(token);
  // The entry was replaced, not added: behind it is only the blank page the tab started with.
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  await page.goForward();
  expect(page.url()).toBe(`${mode.server.origin}/`);
  expect(world.problems).toEqual([]);
});
