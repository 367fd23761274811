/**
 * The installed command as a person runs it: bin/cidx-jobs.mjs beside a built out/ (built into a
 * temporary folder, so the out/ other tests read is never touched). Its lazy chunks load from
 * there, with no node_modules beside them; `--help` and a usage error load no settings; `jobs`
 * answers from the double; a checkout that was never built says so with exit 3.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { createCliSandbox, type CliSandbox } from './cli-harness';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let server: RunningCidxServer;
let box: CliSandbox;

/** A folder holding bin/cidx-jobs.mjs and, when built, out/ (a link to the build). */
function installAt(folder: string, builtOut?: string): string {
  mkdirSync(join(folder, 'bin'), { recursive: true });
  copyFileSync(join(root, 'bin', 'cidx-jobs.mjs'), join(folder, 'bin', 'cidx-jobs.mjs'));
  if (builtOut) symlinkSync(builtOut, join(folder, 'out'));
  return join(folder, 'bin', 'cidx-jobs.mjs');
}

async function cidxJobs(bin: string, args: string[], configDir: string): Promise<ProcessRun> {
  // Only what the CLI needs: no CIDX_* of the person running the tests leaks in.
  const env = { PATH: process.env.PATH, CIDX_TRAY_CONFIG_DIR: configDir, CIDX_TRAY_SECRET_STORE: 'file' };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cidx-cli-built-'));
  await run(process.execPath, ['scripts/build.mjs', '--out', join(dir, 'build')], {
    cwd: root,
    timeout: 60_000,
  });
  server = await startCidxServer({ flavor: 'head', port: 0, scenario: 'demo' });
  box = createCliSandbox();
}, 90_000);

afterAll(async () => {
  box.cleanup();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built cidx-jobs', () => {
  it('answers --help and usage errors without reading the settings', async () => {
    const bin = installAt(join(dir, 'installed'), join(dir, 'build'));
    // A settings file that would print a warning to any command that reads it.
    const broken = mkdtempSync(join(dir, 'broken-settings-'));
    writeFileSync(join(broken, 'config.json'), '{ not json');

    const help = await cidxJobs(bin, ['--help'], broken);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: cidx-jobs [options] [command]');

    const typo = await cidxJobs(bin, ['jbos'], broken);
    expect(typo).toEqual({
      code: 2,
      stdout: '',
      stderr: "cidx-jobs: unknown command 'jbos'; did you mean jobs? (see cidx-jobs --help)\n",
    });
  });

  it('stops quietly, exit 0, when its reader stops reading (`| head`)', async () => {
    const bin = installAt(join(dir, 'piped'), join(dir, 'build'));
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before the first line: every write of the command meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('lists the jobs of a configured server', async () => {
    const bin = installAt(join(dir, 'listing'), join(dir, 'build'));
    expect((await box.addServer('demo', server)).code).toBe(0);
    const listed = await cidxJobs(bin, ['jobs', '--json'], box.dir);
    expect(listed.code, listed.stderr).toBe(0);
    const jobs = JSON.parse(listed.stdout) as { server: string; status: string }[];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.server === 'demo')).toBe(true);
  });

  it('says in one line, with exit 3, that a checkout was never built', async () => {
    const bin = installAt(join(dir, 'unbuilt'));
    const unbuilt = await cidxJobs(bin, ['jobs'], box.dir);
    expect(unbuilt.code).toBe(3);
    expect(unbuilt.stdout).toBe('');
    expect(unbuilt.stderr).toMatch(
      /^cidx-jobs: not built yet \(.*out\/cli\/cidx-jobs\.mjs is missing\); run `npm run build` in .*unbuilt\/ first\.\n$/,
    );
  });
});
