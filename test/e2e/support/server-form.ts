/** Filling the server form the way a person does: by its labels. */
import type { Locator, Page } from 'playwright-core';

export function serverForm(page: Page, title = 'Add a server'): Locator {
  return page.getByRole('form', { name: title });
}

export async function fillServerForm(
  form: Locator,
  fields: { name: string; url: string; apiKey: string },
): Promise<void> {
  await form.getByLabel('Name', { exact: true }).fill(fields.name);
  await form.getByLabel('Server address').fill(fields.url);
  await form.getByRole('radio', { name: /API key/ }).check();
  await form.getByLabel('API key', { exact: true }).fill(fields.apiKey);
}
