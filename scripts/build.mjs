// Builds what runs outside the dev checkout's tsx: the cidx-jobs command line, bundled into one
// ES module with its npm dependencies left as imports (they are installed beside it).
import { build } from 'esbuild';

await build({
  entryPoints: { 'cli/cidx-jobs': 'main/cli/index.ts' },
  outdir: 'out',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'info',
});
