import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ATOMIC_TEMP_FILE,
  STALE_TEMP_FILE_AGE_MS,
  fsyncDirectory,
  prepareFileAtomic,
  removeStaleTempFiles,
  writeFileAtomic,
} from '../../../main/core/config/atomic-file';
import { openCoreDocuments } from '../../../main/core/monitor/core-documents';
import { useTempDir } from './temp-dir';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, fsyncSync: vi.fn(actual.fsyncSync), renameSync: vi.fn(actual.renameSync) };
});

/** A temp file as a write killed between open and rename leaves it, `ageMs` old. */
function debris(dir: string, name: string, ageMs: number): string {
  const path = join(dir, name);
  writeFileSync(path, '{"half":');
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(path, at, at);
  return path;
}

describe('atomic files', () => {
  const tempDir = useTempDir();

  it('names its temp files so that the cleanup recognises them, and leaves none behind', () => {
    const dir = tempDir();
    const target = join(dir, 'config.json');
    const rename = vi.mocked(fs.renameSync);
    rename.mockClear();
    writeFileAtomic(target, '{"a":1}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['config.json']);
    // The temp name writeFileAtomic really uses is what the cleanup matches.
    const temp = basename(String(rename.mock.calls[0]?.[0]));
    expect(temp.startsWith(`.config.json.${process.pid}.`)).toBe(true);
    expect(ATOMIC_TEMP_FILE.test(temp)).toBe(true);
  });

  it('flushes the directory after the rename, so the new entry survives a power cut', () => {
    const dir = tempDir();
    const fsync = vi.mocked(fs.fsyncSync);
    fsync.mockClear();
    writeFileAtomic(join(dir, 'notifications.json'), '{}\n');
    // The temp file's bytes, then the directory holding the renamed entry.
    expect(fsync).toHaveBeenCalledTimes(2);
  });

  it('does not fail a write on a filesystem that refuses to fsync a directory', () => {
    const dir = tempDir();
    const einval = Object.assign(new Error('EINVAL'), { code: 'EINVAL' });
    // The file's fsync goes through; the directory's is refused.
    vi.mocked(fs.fsyncSync)
      .mockImplementationOnce(() => {})
      .mockImplementationOnce(() => {
        throw einval;
      });
    expect(() => writeFileAtomic(join(dir, 'job-cache.json'), '{}\n')).not.toThrow();
    expect(() => fsyncDirectory(join(dir, 'missing'))).not.toThrow();
    expect(readFileSync(join(dir, 'job-cache.json'), 'utf8')).toBe('{}\n');
  });

  it('prepares a write ahead: the target changes only at commit, and abort leaves nothing', () => {
    const dir = tempDir();
    const target = join(dir, 'notifications.json');
    writeFileAtomic(target, 'old\n');
    const prepared = prepareFileAtomic(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).filter((name) => ATOMIC_TEMP_FILE.test(name))).toHaveLength(1);
    prepared.commit();
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['notifications.json']);

    const dropped = prepareFileAtomic(target, 'never\n');
    dropped.abort();
    dropped.commit(); // settled: a no-op
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['notifications.json']);
  });

  it('removes stale temp files of its own, keeps young ones and anything else', () => {
    const dir = tempDir();
    const stale = [
      debris(dir, '.config.json.4242.0123456789ab.tmp', STALE_TEMP_FILE_AGE_MS + 5_000),
      debris(dir, '.notifications.json.77.abcdefabcdef.tmp', 3_600_000),
      debris(dir, '.secrets.json.1.ffffffffffff.tmp', 2 * STALE_TEMP_FILE_AGE_MS),
    ];
    const young = debris(dir, '.submissions.json.4242.0123456789ab.tmp', 1_000);
    const others = [
      debris(dir, 'config.json', 3_600_000),
      debris(dir, 'config.json.corrupt-2025-01-02T03-04-05-678Z', 3_600_000),
      debris(dir, 'notes.tmp', 3_600_000),
      debris(dir, '.config.json.abc.0123456789ab.tmp', 3_600_000),
    ];
    const removed = removeStaleTempFiles(dir);
    expect(removed.sort()).toEqual(stale.map((path) => path.slice(dir.length + 1)).sort());
    for (const path of stale) expect(existsSync(path)).toBe(false);
    for (const path of [young, ...others]) expect(existsSync(path)).toBe(true);
  });

  it('is harmless on a folder that does not exist', () => {
    expect(removeStaleTempFiles(join(tempDir(), 'nowhere'))).toEqual([]);
  });

  it('the app cleans its settings folder when it opens its documents', () => {
    const dir = tempDir();
    const stale = debris(dir, '.job-cache.json.99.0123456789ab.tmp', 10 * STALE_TEMP_FILE_AGE_MS);
    const young = debris(dir, '.job-cache.json.98.0123456789ab.tmp', 0);
    openCoreDocuments(
      dir,
      () => 0,
      () => {},
    );
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(young)).toBe(true);
  });
});
