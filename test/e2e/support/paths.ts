/** Where the e2e run reads and writes, from the repository root. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Screenshots of every view, written by each run (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));
export const AXE_SCRIPT = fileURLToPath(
  new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url),
);
