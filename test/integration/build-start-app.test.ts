/**
 * `npm start` where Electron cannot run (every machine of this kind): the launcher says why in
 * one sentence, opens browser mode on the same settings, and Ctrl+C stops everything it started
 * — browser mode and the demo server included. Electron is replaced through the `electron`
 * package's own override (ELECTRON_OVERRIDE_DIST_PATH): a stand-in that dies at once, or a
 * folder without a binary. Relies on `npm run build` having run (`npm test` runs it first).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeElectronStandin } from '../support/electron-standin/make-electron-standin';

const root = join(import.meta.dirname, '..', '..');
const PAGE_URL = /CIDX Tray \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\S*)/;
const DEMO_URL = /built-in demo server at (http:\/\/127\.0\.0\.1:\d+)/;

interface Launch {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

let workDir: string;
const launches: Launch[] = [];

function startApp(args: string[], env: Record<string, string>): Launch {
  // Its own process group, so a failing test can still stop everything the launcher started.
  const child = spawn(process.execPath, ['scripts/start-app.mjs', '--no-build', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
  });
  let output = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          waiters.delete(check);
          resolve(match);
        }
      };
      waiters.add(check);
      check();
      void exited.then(() => reject(new Error(`start-app ended before printing ${pattern}:\n${output}`)));
    });
  const launch = { child, output: () => output, waitFor, exited };
  launches.push(launch);
  return launch;
}

const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

beforeAll(() => {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build` first (`npm test` does).');
  }
  workDir = mkdtempSync(join(tmpdir(), 'cidx-start-app-'));
  return () => rmSync(workDir, { recursive: true, force: true });
});

afterEach(() => {
  for (const { child } of launches.splice(0)) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
});

describe('npm start where Electron cannot run', () => {
  it('says why, opens browser mode on the demo, and stops everything on Ctrl+C', async () => {
    const electronDist = makeElectronStandin(workDir);
    const app = startApp(['--demo'], { ELECTRON_OVERRIDE_DIST_PATH: electronDist });

    const [, pageUrl = ''] = await app.waitFor(PAGE_URL);
    const [, demoUrl = ''] = app.output().match(DEMO_URL) ?? [];
    expect(app.output()).toContain(
      'The desktop app cannot run here (Electron exited with code 1 within 5 s), so CIDX Tray opens in browser mode instead.',
    );
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await answers(demoUrl)).toBe(true);

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(130);
    expect(await answers(pageUrl)).toBe(false);
    expect(await answers(demoUrl)).toBe(false);
  }, 30_000);

  it('starts the demo when no server is configured, and names a missing Electron binary', async () => {
    const noBinary = mkdtempSync(join(workDir, 'no-electron-'));
    const configDir = mkdtempSync(join(workDir, 'config-'));
    const app = startApp([], { ELECTRON_OVERRIDE_DIST_PATH: noBinary, CIDX_TRAY_CONFIG_DIR: configDir });

    await app.waitFor(PAGE_URL);
    expect(app.output()).toContain(
      'No CIDX server is configured yet: CIDX Tray watches the built-in demo server',
    );
    expect(app.output()).toContain(`(Electron has no binary at ${join(noBinary, 'electron')})`);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(143);
  }, 30_000);
});
