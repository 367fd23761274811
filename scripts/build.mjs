// `npm run build`: everything that runs outside the dev checkout's tsx, into out/ (or --out <dir>):
//   out/cli/cidx-jobs.mjs      the command line (bin/cidx-jobs.mjs runs it), its chunks beside it
//   out/electron/main.mjs      the Electron main process (package.json "main")
//   out/preload/index.cjs      the sandboxed preload (CommonJS: sandboxed preloads cannot be ESM)
//   out/renderer/index.html    the React window, relative asset paths (file:// and http://…/)
// The icons in assets/ need no build: the package ships them as they are (electron-builder.yml).
// Nothing is downloaded. Exits non-zero with one clear line per failure.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = resolve(root, outDirArgument(process.argv.slice(2)) ?? 'out');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Shipped from node_modules by electron-builder, so main imports them instead of bundling them.
const runtimeDependencies = Object.keys(packageJson.dependencies ?? {});
// Linked maps point at the sources in the checkout; they never embed them, so a map that
// slips into a package cannot leak anything (electron-builder.yml also leaves maps out).
const sourceMaps = { sourcemap: 'linked', sourcesContent: false };
// Bundled CommonJS code calls require(); an ES module has none unless we make one.
const requireShim =
  "import { createRequire as __cidxCreateRequire } from 'node:module';\n" +
  'const require = __cidxCreateRequire(import.meta.url);';
// Sandboxed preloads get a tiny require() (electron, events, timers, url) and must stay small:
// nothing from node_modules belongs in them (zod lives in main, behind the contract).
const PRELOAD_MAX_BYTES = 64 * 1024;

function outDirArgument(args) {
  const index = args.indexOf('--out');
  return index >= 0 ? args[index + 1] : undefined;
}

const fromRoot = (path) => join(root, path);
const inOut = (path) => join(outRoot, path);
const elapsed = (start) => `${Math.round(performance.now() - start)} ms`;

function skip(what, entry) {
  console.log(`build: skipped ${what}: ${entry} does not exist yet.`);
  rmSync(inOut(what), { recursive: true, force: true });
}

/**
 * `import { z } from 'zod'` hands the bundler zod's whole namespace as one value, so all of zod
 * (450 kB) is parsed at every start; `import * as z from 'zod'` (the same members) lets esbuild
 * keep only what the schemas use (about 100 kB, 30 ms less per `cidx-jobs jobs`). The sources
 * keep their form; the CLI bundle reads them in the other.
 */
const ZOD_NAMED_IMPORT = /^import \{ z \} from 'zod';$/m;
const zodNamespaceImports = {
  name: 'zod-namespace-imports',
  setup(build) {
    build.onLoad({ filter: /\/(main|preload)\/.*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(ZOD_NAMED_IMPORT, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

/**
 * commander loads node:child_process at start for subcommands that are programs of their own,
 * which cidx-jobs has none of: 5 ms of every start, `--help` included. It gets a stand-in that
 * loads the real module if it is ever used.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/')
        ? { path: 'commander-child-process', namespace: 'lazy-child-process' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

/**
 * The CLI starts a new process for every command, so its start is felt: one minified bundle
 * with its npm packages inside (no node_modules lookups), split so that each command's module
 * and what only it needs (the HTTP client, zod, the monitor for `watch`) are chunks loaded when
 * that command runs. `--help` loads commander and the program alone (npm run bench:cli).
 */
async function buildCli() {
  // Chunk names carry their content hash: the last build's chunks would pile up.
  rmSync(inOut('cli'), { recursive: true, force: true });
  await esbuild({
    entryPoints: { 'cidx-jobs': fromRoot('main/cli/index.ts') },
    outdir: inOut('cli'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: requireShim },
    plugins: [zodNamespaceImports, lazyChildProcessForCommander],
    ...sourceMaps,
    logLevel: 'warning',
  });
}

async function buildElectronMain() {
  const entry = 'main/electron/index.ts';
  if (!existsSync(fromRoot(entry))) return skip('electron', entry);
  rmSync(inOut('electron'), { recursive: true, force: true });
  await esbuild({
    entryPoints: [fromRoot(entry)],
    outfile: inOut('electron/main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22', // Electron 45's Node
    external: ['electron', ...runtimeDependencies],
    banner: { js: requireShim },
    ...sourceMaps,
    logLevel: 'warning',
  });
}

async function buildPreload() {
  const entry = 'preload/index.ts';
  if (!existsSync(fromRoot(entry))) return skip('preload', entry);
  rmSync(inOut('preload'), { recursive: true, force: true });
  const outfile = inOut('preload/index.cjs');
  const result = await esbuild({
    entryPoints: [fromRoot(entry)],
    outfile,
    bundle: true,
    // 'browser': a Node built-in imported by the preload fails the build instead of the window.
    platform: 'browser',
    format: 'cjs',
    target: 'es2023',
    external: ['electron'],
    metafile: true,
    ...sourceMaps,
    logLevel: 'warning',
  });
  const packaged = Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/'));
  if (packaged.length > 0) {
    throw new Error(
      `the preload bundles npm packages (${packaged.slice(0, 3).join(', ')}): ` +
        'import only preload/api.ts and preload/channels.ts (types from preload/contract.ts).',
    );
  }
  const size = statSync(outfile).size;
  if (size > PRELOAD_MAX_BYTES) {
    throw new Error(
      `the preload is ${size} bytes (limit ${PRELOAD_MAX_BYTES}); something heavy got bundled.`,
    );
  }
}

async function buildRenderer() {
  const entry = 'renderer/index.html';
  if (!existsSync(fromRoot(entry))) return skip('renderer', entry);
  // Imported lazily: vite is only loaded when there is a renderer to build.
  const { build: viteBuild } = await import('vite');
  await viteBuild({
    configFile: fromRoot('renderer/vite.config.ts'),
    root: fromRoot('renderer'),
    // Enforced here too, whatever the config says: Electron loads file://…/index.html.
    base: './',
    logLevel: 'warn',
    build: { outDir: inOut('renderer'), emptyOutDir: true },
  });
}

// [name, step, whether its tool prints its own errors (esbuild does; vite only summarises)]
const steps = [
  ['cli', buildCli, true],
  ['electron main', buildElectronMain, true],
  ['preload', buildPreload, true],
  ['renderer', buildRenderer, false],
];

/** What went wrong, once: esbuild has already printed its located errors; vite's message names
 * the file and the cause over several lines, printed here without the stack frames. */
function describeFailure(error, printedAlready) {
  if (printedAlready && Array.isArray(error?.errors) && error.errors.length > 0)
    return 'see the errors above.';
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at /.test(line))
    .join('\n');
}

const started = performance.now();
for (const [name, step, printsOwnErrors] of steps) {
  const stepStarted = performance.now();
  try {
    await step();
  } catch (error) {
    console.error(`build: the ${name} failed: ${describeFailure(error, printsOwnErrors)}`);
    process.exit(1);
  }
  if (process.env.CIDX_BUILD_VERBOSE) console.log(`build: ${name} in ${elapsed(stepStarted)}`);
}
console.log(`build: ${relative(root, outRoot) || '.'}/ ready in ${elapsed(started)}.`);
