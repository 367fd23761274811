/**
 * One end-to-end world: the CIDX double (HEAD) on 127.0.0.1, browser mode over a throw-away
 * settings folder with the real built renderer, and a Chromium page on it. Everything the page
 * complains about (uncaught errors, console errors, CSP refusals, dialogs) is recorded so tests
 * can assert there was none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../main/host/browser-mode';
import { writeSingleServerConfig } from '../../../scripts/demo/demo-config';
import type { NodeNotifierLike } from '../../../main/desktop-notifications/desktop-notifier';
import { startCidxServer, type RunningCidxServer } from '../../cidx-server/server';
import { launchChromium } from './chromium';
import { FAST_SETTINGS, writeSettingsOnly } from './config';

export const SERVER_NAME = 'Local CIDX';

export interface WorldOptions {
  browser: Browser;
  rendererDir: string;
  /** The user whose API key the app signs in with; null starts with no server (first run). */
  user: string | null;
  showAllUsers?: boolean;
  scenario?: 'empty' | 'demo';
  timeScale?: number;
  colorScheme?: 'light' | 'dark';
  /** Playwright's page clock, for tests that move the page's time (data age). */
  installClock?: boolean;
  viewport?: { width: number; height: number };
}

export interface World {
  double: RunningCidxServer;
  mode: BrowserMode;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors, console errors and CSP refusals seen in the page. */
  problems: string[];
  /** Messages of dialogs the page opened (there should be none). */
  dialogs: string[];
  /** URLs the page asked the host to open. */
  opened: string[];
  apiKeyOf(username: string): string;
  close(): Promise<void>;
}

/** Banners are the notifier tests' business: here they are only counted, never shown. */
const silentNotifier: NodeNotifierLike = { notify: () => undefined };

export async function startWorld(options: WorldOptions): Promise<World> {
  const double = await startCidxServer({
    flavor: 'head',
    port: 0,
    scenario: options.scenario ?? 'empty',
    timeScale: options.timeScale,
  });
  const configDir = mkdtempSync(join(tmpdir(), 'cidx-e2e-'));
  const apiKeyOf = (username: string): string => {
    const key = double.control.credentials().apiKeys.find((k) => k.username === username);
    if (!key) throw new Error(`the double has no API key for ${username}`);
    return key.apiKey;
  };
  const opened: string[] = [];
  let mode: BrowserMode | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await mode?.stop();
    await double.close();
    rmSync(configDir, { recursive: true, force: true });
  };
  try {
    if (options.user) {
      await writeSingleServerConfig({
        configDir,
        name: SERVER_NAME,
        url: double.url,
        credentials: { apiKey: apiKeyOf(options.user) },
        showAllUsers: options.showAllUsers,
        settings: FAST_SETTINGS,
      });
    } else {
      await writeSettingsOnly(configDir, FAST_SETTINGS);
    }
    mode = await startBrowserMode({
      configDir,
      env: { CIDX_TRAY_SECRET_STORE: 'file' },
      rendererDir: options.rendererDir,
      notifier: silentNotifier,
      openExternal: (url) => void opened.push(url),
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
    });
    context = await options.browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    if (options.installClock) await page.clock.install();
    await page.goto(mode.pageUrl);
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    return { double, mode, context, page, problems, dialogs, opened, apiKeyOf, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A test file's Chromium and world: launched and started before its tests (`started` hands
 * them over), closed after them. Hooks the file registers later run after these.
 */
export function useWorld(
  options: Omit<WorldOptions, 'browser' | 'rendererDir'>,
  started: (running: { browser: Browser; world: World }) => void,
): void {
  let browser: Browser | undefined;
  let world: World | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    world = await startWorld({ ...options, browser, rendererDir: inject('rendererDir') });
    started({ browser, world });
  });
  afterAll(async () => {
    await world?.close();
    await browser?.close();
  });
}
