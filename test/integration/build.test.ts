/**
 * `node scripts/build.mjs --out <dir>`: the outputs Electron, electron-builder and browser mode
 * rely on, built into a temporary folder so the out/ other tests read is never touched.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

let outDir: string;
let buildOutput: string;
const built = (...parts: string[]) => join(outDir, ...parts);
const text = (...parts: string[]) => readFileSync(built(...parts), 'utf8');

/** The package a bare import names: `@scope/name/sub` -> `@scope/name`, `node:fs` -> `fs`. */
function packageOf(specifier: string): string {
  const parts = specifier.replace(/^node:/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every module a bundle still imports at run time (static and dynamic ES imports, require). */
function importsOf(code: string): string[] {
  const found = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']([^"']+)["']/g)];
  return [...new Set(found.map((match) => match[1] ?? ''))];
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'cidx-build-'));
  const result = await run(process.execPath, ['scripts/build.mjs', '--out', outDir], {
    cwd: root,
    timeout: 60_000,
  });
  buildOutput = result.stdout;
}, 90_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
  it('says where it built and how long it took', () => {
    expect(buildOutput).toMatch(/ready in \d+ ms/);
    expect(buildOutput).not.toContain('skipped');
  });

  it('builds the Electron main as an ES module that imports only what the package ships', () => {
    const code = text('electron', 'main.mjs');
    const shipped = new Set(['electron', ...builtinModules, ...Object.keys(packageJson.dependencies)]);
    const bare = importsOf(code).filter((specifier) => !specifier.startsWith('.'));
    expect(bare).toContain('electron');
    expect(bare.filter((specifier) => !shipped.has(packageOf(specifier)))).toEqual([]);
  });

  it('keeps test code, such as the CIDX server double, out of the Electron main', () => {
    const map = JSON.parse(text('electron', 'main.mjs.map')) as { sources: string[] };
    const inputs = map.sources.map((source) =>
      relative(root, resolve(built('electron'), source))
        .split(sep)
        .join('/'),
    );
    expect(inputs).toContain('main/electron/index.ts');
    expect(inputs.filter((input) => input.startsWith('test/'))).toEqual([]);
  });

  it('builds a small CommonJS preload that bundles nothing from npm', () => {
    const code = text('preload', 'index.cjs');
    expect(importsOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain('node_modules');
    expect(statSync(built('preload', 'index.cjs')).size).toBeLessThan(64 * 1024);
  });

  it('writes source maps that point at the sources instead of embedding them', () => {
    for (const map of ['electron/main.mjs.map', 'preload/index.cjs.map', 'cli/cidx-jobs.mjs.map']) {
      const parsed = JSON.parse(text(map)) as { sources: string[]; sourcesContent?: unknown };
      expect(parsed.sources.length, map).toBeGreaterThan(0);
      expect(parsed.sourcesContent, map).toBeUndefined();
    }
  });

  it('builds the renderer with relative asset paths (file:// in Electron, / in browser mode)', () => {
    const html = text('renderer', 'index.html');
    // Inline data: URLs (an empty favicon, say) load nothing; every file reference must be relative.
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
      .map((match) => match[1] ?? '')
      .filter((reference) => !reference.startsWith('data:'));
    expect(references.filter((reference) => reference.endsWith('.js')).length).toBeGreaterThan(0);
    expect(references.filter((reference) => !reference.startsWith('./'))).toEqual([]);
    for (const reference of references)
      expect(existsSync(built('renderer', reference)), reference).toBe(true);
  });

  it('fails with a clear line and a non-zero exit when a step fails', async () => {
    const failing = run(process.execPath, ['scripts/build.mjs', '--out', '/proc/cidx-cannot-write-here'], {
      cwd: root,
      timeout: 60_000,
    });
    await expect(failing).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/build: the cli failed/),
    });
  });
});
