#!/usr/bin/env node
// The installed `cidx-jobs` command: runs the bundle made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cidx-jobs.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error('cidx-jobs: not built yet; run `npm run build` in the CIDX Tray folder first.');
  process.exit(70);
}
await import(bundle);
