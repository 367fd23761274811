/**
 * Finds the Electron executable through the `electron` package's own path export. That export
 * downloads the binary on first use, which fails on machines without access to Electron's
 * download host; it runs in a child process so a failed (or slow) download cannot take the
 * launcher down, and so its stack trace becomes one line of explanation.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

const PATH_MARKER = 'CIDX_ELECTRON_PATH=';
const printPath = `process.stdout.write('\\n${PATH_MARKER}' + require('electron') + '\\n')`;
/** A first download is ~100 MB; past this the network is not going to deliver it. */
const RESOLVE_TIMEOUT_MS = 10 * 60_000;

/** True when the `electron` package has not put its binary in place yet (a download is due). */
export function electronNeedsDownload(root: string, env: NodeJS.ProcessEnv): boolean {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return false;
  return !existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
}

/** The executable's path, or why there is none (completing "Electron …"; no stack traces). */
export function resolveElectronBinary(root: string, env: NodeJS.ProcessEnv): Promise<ElectronBinary> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', printPath], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RESOLVE_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ ok: false, reason: `could not be located: ${error.message}` }));
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(PATH_MARKER));
      if (code !== 0 || !line) {
        resolve({ ok: false, reason: `is not installed and could not be downloaded: ${firstError(stderr)}` });
        return;
      }
      const path = line.slice(PATH_MARKER.length).trim();
      resolve(existsSync(path) ? { ok: true, path } : { ok: false, reason: `has no binary at ${path}` });
    });
  });
}

/** The most specific error line: the download's own error comes before the package's advice. */
function firstError(stderr: string): string {
  const errors = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\w*Error\b/.test(line));
  const first = errors[0];
  if (!first) return 'no error message';
  return first.replace(/^\w*Error:\s*/, '');
}
