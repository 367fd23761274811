#!/usr/bin/env node
// The installed `cidx-jobs` command: runs the bundle made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/cidx-jobs.mjs', import.meta.url));
if (!existsSync(bundle)) {
  // A setup problem, not a bug: exit 3 like a missing settings file (70 is for bugs).
  const checkout = fileURLToPath(new URL('..', import.meta.url));
  console.error(
    `cidx-jobs: not built yet (${bundle} is missing); run \`npm run build\` in ${checkout} first.`,
  );
  process.exit(3);
}
await import(bundle);
