/** Screenshots of the views, kept by every run in test-results/screenshots/ (git-ignored). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './paths';

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Caret and animations off: the pictures stay the same from run to run where the data does.
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}
