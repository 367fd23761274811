/** Reading and driving the Jobs and Sync views the way a person does: by roles and names. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The id of the job open in the detail pane, or null when none is open (or still unknown). */
export async function openedJobId(page: Page): Promise<string | null> {
  const id = page.locator('.detail .detail__facts dd.mono');
  return (await id.count()) === 1 ? (await id.innerText()).trim() : null;
}

/** The detail pane of a job, named after it ("Sync: my-proj"). */
export function jobDetail(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The status word shown in a detail pane ("Running", "Completed"…). */
export async function detailStatus(detail: Locator): Promise<string> {
  const badge = detail.locator('.detail__facts .status');
  return (await badge.count()) === 1 ? (await badge.innerText()).replace(/^\S+\s+/, '') : '';
}

export async function waitForDetailStatus(detail: Locator, status: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => detailStatus(detail), { timeout, interval: 100 }).toBe(status);
}

/** The list row of one job (rows carry their job key, `<serverId>/<jobId>`). */
export function jobRow(page: Page, jobId: string): Locator {
  return page.locator(`[role="row"][data-job-key$="/${jobId}"]`);
}

/** Submits a sync from the Sync view; the window then opens the new job. Returns its id. */
export async function startSync(page: Page, repository: string): Promise<string> {
  const before = await openedJobId(page);
  await page.getByRole('tab', { name: 'Sync' }).click();
  const form = page.getByRole('form', { name: 'Start a sync' });
  const picker = form.getByLabel('Repository');
  await expect.poll(() => picker.isEnabled(), { timeout: 10_000 }).toBe(true);
  await picker.selectOption(repository);
  await form.getByRole('button', { name: 'Start sync' }).click();
  await expect
    .poll(() => openedJobId(page), { timeout: 10_000, interval: 50 })
    .toSatisfy((id: string | null) => id !== null && id !== before);
  expect(await page.getByRole('tab', { name: 'Jobs' }).getAttribute('aria-selected')).toBe('true');
  return (await openedJobId(page))!;
}
