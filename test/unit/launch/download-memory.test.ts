/** npm start remembers a failed Electron download for a day instead of retrying at every start. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REMEMBER_FAILURE_MS,
  recentDownloadFailure,
  rememberDownloadFailure,
} from '../../../scripts/app-launch/download-memory';
import { useTempDir } from '../config/temp-dir';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('Electron download memory', () => {
  it('remembers a failure for a day, then forgets it', () => {
    const path = join(tempDir(), 'cache', 'electron-download.json');
    expect(recentDownloadFailure(path, NOW)).toBeNull();
    rememberDownloadFailure(path, { at: NOW, reason: 'getaddrinfo ENOTFOUND github.com' });
    expect(recentDownloadFailure(path, NOW + 60_000)).toEqual({
      at: NOW,
      reason: 'getaddrinfo ENOTFOUND github.com',
    });
    expect(recentDownloadFailure(path, NOW + REMEMBER_FAILURE_MS)).toBeNull();
  });

  it('treats a broken or foreign file as nothing remembered', () => {
    const path = join(tempDir(), 'electron-download.json');
    writeFileSync(path, '{ not json');
    expect(recentDownloadFailure(path, NOW)).toBeNull();
    writeFileSync(path, JSON.stringify({ at: 'yesterday' }));
    expect(recentDownloadFailure(path, NOW)).toBeNull();
    // A clock set back does not keep a failure "recent" forever.
    writeFileSync(path, JSON.stringify({ at: NOW + 10 * REMEMBER_FAILURE_MS, reason: 'x' }));
    expect(recentDownloadFailure(path, NOW)).toBeNull();
  });
});
