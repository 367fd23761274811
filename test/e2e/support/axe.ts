/**
 * axe-core in the page. The page's CSP (`script-src 'self'`) rightly refuses an injected
 * <script>, so axe's source is evaluated through the DevTools protocol instead, which CSP does
 * not govern; the page under test keeps its real policy.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { AXE_SCRIPT } from './paths';

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | null = null;

/** Runs in the page (a string: the node project has no DOM types, and the page needs none). */
const RUN_AXE = `
(async () => {
  const result = await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
})()
`;

/** Serious and critical violations of WCAG 2.x A/AA and best practices on the current page. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(AXE_SCRIPT, 'utf8');
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(axeSource);
  const findings = (await page.evaluate(RUN_AXE)) as AxeFinding[];
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
