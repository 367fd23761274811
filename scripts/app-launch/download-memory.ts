/**
 * Remembers that Electron's binary could not be downloaded, for a day: without it every
 * `npm start` on a machine without access to Electron's download host would try (and wait)
 * again, and say "fetching it once" each time. Kept beside the checkout's other caches.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const REMEMBER_FAILURE_MS = 24 * 60 * 60 * 1000;

export interface DownloadFailure {
  at: number;
  reason: string;
}

/** `CIDX_TRAY_LAUNCH_CACHE` points it elsewhere (tests). */
export function downloadMemoryPath(root: string, env: NodeJS.ProcessEnv): string {
  return (
    env.CIDX_TRAY_LAUNCH_CACHE ?? join(root, 'node_modules', '.cache', 'cidx-tray', 'electron-download.json')
  );
}

/** The failure recorded within the last day, or null (none, expired, or an unreadable file). */
export function recentDownloadFailure(path: string, now: number): DownloadFailure | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DownloadFailure>;
    if (typeof value.at !== 'number' || typeof value.reason !== 'string') return null;
    return now - value.at < REMEMBER_FAILURE_MS && value.at <= now
      ? { at: value.at, reason: value.reason }
      : null;
  } catch {
    return null;
  }
}

export function rememberDownloadFailure(path: string, failure: DownloadFailure): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(failure)}\n`);
  } catch {
    // Only a convenience: the next start tries the download again.
  }
}
