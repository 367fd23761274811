/**
 * Packs the built app with electron-builder (`--linux dir`, a stand-in Electron folder: the real
 * one cannot be downloaded here) and inspects app.asar: the built app and its runtime
 * dependencies are in; sources, tests, dev dependencies and source maps are not.
 * Relies on `npm run build` having run (`npm test` runs it before vitest).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeElectronStandin, readFuses } from '../support/electron-standin/make-electron-standin';

const root = join(import.meta.dirname, '..', '..');
const fromRoot = (...parts: string[]) => join(root, ...parts);
const packageJson = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const RUNTIME_DEPENDENCIES = ['zod', 'electron-store', 'node-notifier', 'ws'];
const RUNTIME_IMAGE = /\.(png|ico|icns)$/;

let workDir: string;
let standinDir: string;
let unpackedDir: string;
let asarPath: string;
let entries: string[];

/** Every file below `dir`, as paths relative to `base` with forward slashes. */
function filesBelow(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

function requireBuilt(path: string): void {
  if (!existsSync(fromRoot(path))) {
    throw new Error(`${path} is missing: run \`npm run build\` first (\`npm test\` does).`);
  }
}

beforeAll(async () => {
  requireBuilt('out/electron/main.mjs');
  requireBuilt('out/preload/index.cjs');
  if (existsSync(fromRoot('renderer/index.html'))) requireBuilt('out/renderer/index.html');
  workDir = mkdtempSync(join(tmpdir(), 'cidx-package-'));
  const electronDist = (standinDir = makeElectronStandin(workDir));
  const output = join(workDir, 'release');
  const cli = fromRoot('node_modules', 'electron-builder', 'cli.js');
  const args = ['--config', 'electron-builder.yml', '--linux', 'dir', `-c.electronDist=${electronDist}`];
  args.push('-c.npmRebuild=false', `-c.directories.output=${output}`);
  const started = performance.now();
  try {
    await promisify(execFile)(process.execPath, [cli, ...args], { cwd: root, timeout: 90_000 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`electron-builder failed:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
  }
  unpackedDir = join(output, 'linux-unpacked');
  asarPath = join(unpackedDir, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.split('\\').join('/'));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (statSync(asarPath).size / 1024 / 1024).toFixed(1);
  console.log(`packed in ${seconds} s; app.asar is ${megabytes} MB, ${entries.length} entries`);
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const has = (path: string) => entries.includes(`/${path}`);
const read = (path: string) => extractFile(asarPath, path).toString('utf8');

describe('the packed app (app.asar)', () => {
  it('runs the built main, named by its package.json', () => {
    const packed = JSON.parse(read('package.json')) as typeof packageJson;
    expect(packed.main).toBe('out/electron/main.mjs');
    expect(has(packed.main)).toBe(true);
    expect(packed.devDependencies ?? {}).toEqual({});
  });

  it('holds the preload and, once the renderer exists, the built renderer', () => {
    expect(has('out/preload/index.cjs')).toBe(true);
    if (existsSync(fromRoot('renderer/index.html'))) {
      expect(has('out/renderer/index.html')).toBe(true);
      expect(read('out/renderer/index.html')).toContain('<div id="root">');
    }
  });

  it('ships every tray and app icon of assets/ unpacked, where notify-send can read them too', () => {
    const images = filesBelow(fromRoot('assets')).filter((path) => RUNTIME_IMAGE.test(path));
    expect(images).toContain('tray/idle.png');
    const unpacked = `${asarPath}.unpacked`;
    const missing = images.filter(
      (path) => !has(`assets/${path}`) || !existsSync(join(unpacked, 'assets', path)),
    );
    expect(missing).toEqual([]);
  });

  it('holds the runtime dependencies, and every package the built main imports', () => {
    for (const name of RUNTIME_DEPENDENCIES)
      expect(has(`node_modules/${name}/package.json`), name).toBe(true);
    const main = read('out/electron/main.mjs');
    const imported = [...main.matchAll(/^import [^;]*? from "([^".][^"]*)";$/gm)].map(
      (match) => match[1] ?? '',
    );
    const packages = imported.filter((name) => !name.startsWith('node:') && name !== 'electron');
    expect(packages).toContain('zod');
    expect(packages.filter((name) => !has(`node_modules/${packageName(name)}/package.json`))).toEqual([]);
  });

  it('holds no dev dependency (react and react-dom are bundled into the renderer)', () => {
    const devOnly = Object.keys(packageJson.devDependencies).filter(
      (name) => !(name in packageJson.dependencies),
    );
    expect(devOnly).toEqual(
      expect.arrayContaining(['vitest', 'typescript', 'react', 'electron', 'playwright-core']),
    );
    const shipped = devOnly.filter((name) => has(`node_modules/${name}`));
    expect(shipped).toEqual([]);
  });

  it('holds no sources, tests, CLI bundle or source maps', () => {
    const unwanted = entries.filter(
      (entry) =>
        /^\/(main|preload|renderer|test|scripts|bin|out\/cli)\//.test(entry) ||
        /\.(ts|tsx|mts|cts|map)$/.test(entry) ||
        /\.(test|spec)\.[cm]?js$/.test(entry),
    );
    expect(unwanted).toEqual([]);
  });
});

/** The `electronFuses:` block of electron-builder.yml, as written (flat `key: true|false` lines). */
function configuredFuses(): Record<string, boolean> {
  const yml = readFileSync(fromRoot('electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?: {2}\w+: \w+\n)+)/m.exec(yml);
  if (!block) throw new Error('electron-builder.yml has no electronFuses block');
  return Object.fromEntries(
    block[1]!
      .trim()
      .split('\n')
      .map((line) => {
        const [key, value] = line.trim().split(/:\s*/);
        if (value !== 'true' && value !== 'false') throw new Error(`electronFuses.${key}: not a boolean`);
        return [key!, value === 'true'];
      }),
  );
}

describe('Electron fuses of the packed binary', () => {
  const hardened = {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  };

  it('are configured in electron-builder.yml', () => {
    expect(configuredFuses()).toEqual(hardened);
  });

  it('are flipped by electron-builder in the packed executable (the stand-in carries a real fuse wire)', () => {
    // Before packing: Electron's defaults (run as Node, NODE_OPTIONS, --inspect all allowed).
    expect(readFuses(readFileSync(join(standinDir, 'electron')))).toMatchObject({
      runAsNode: true,
      enableNodeOptionsEnvironmentVariable: true,
      enableNodeCliInspectArguments: true,
      onlyLoadAppFromAsar: false,
    });
    const packed = readFuses(readFileSync(join(unpackedDir, 'cidx-tray')));
    expect(packed).toEqual({ ...hardened, loadBrowserProcessSpecificV8Snapshot: false });
  });
});
