/**
 * `npm run demo:web`'s world in Chromium: the demo keeps its throw-away key in a file on purpose
 * (never in a person's keychain), so the Servers view shows no warning about a keychain it does
 * not use; the same host over a settings folder that asked for the file store still says the
 * file is unencrypted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { resolveConfigDir } from '../../main/core/config';
import { startBrowserMode, type BrowserMode } from '../../main/host/browser-mode';
import { startDemoWorld, type DemoWorld } from '../../scripts/demo/demo-world';
import { launchChromium } from './support/chromium';
import { startWorld, SERVER_NAME, type World } from './support/world';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };

let browser: Browser;
let demo: DemoWorld;
let demoMode: BrowserMode;

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startDemoWorld({ timeScale: 0.2 });
  // As scripts/demo/web-demo.ts does: the demo's environment over the person's.
  const env = { ...process.env, ...demo.env };
  demoMode = await startBrowserMode({
    configDir: resolveConfigDir({ env }),
    env,
    rendererDir: inject('rendererDir'),
    notifier: { notify: () => undefined },
    openExternal: () => undefined,
    logger: quiet,
  });
});

afterAll(async () => {
  await demoMode?.stop();
  await demo?.close();
  await browser?.close();
});

async function serverCardText(page: Page, name: string): Promise<string> {
  await page.getByRole('tab', { name: 'Servers' }).click();
  const card = page.getByRole('article', { name });
  await expect.poll(() => card.innerText(), { timeout: 10_000 }).toMatch(/Online/);
  return card.innerText();
}

it('demo mode shows no keychain warning', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(demoMode.pageUrl);
  const words = await serverCardText(page, 'Demo');
  expect(words).not.toMatch(/keychain|unencrypted/i);
  expect(await page.locator('.server-card .warning, article .warning').count()).toBe(0);
  await context.close();
});

it('outside the demo, a file store asked for is still called unencrypted', async () => {
  let world: World | undefined;
  try {
    world = await startWorld({ browser, rendererDir: inject('rendererDir'), user: 'alice' });
    const words = await serverCardText(world.page, SERVER_NAME);
    expect(words).toMatch(/credentials are stored unencrypted/);
    expect(words).not.toMatch(/No system keychain/);
  } finally {
    await world?.close();
  }
});
