/**
 * Crash-safe file primitives shared by every JSON document we persist: a write either lands
 * whole or not at all, files are private to the user (0600), and a file we cannot read is moved
 * aside rather than overwritten, so nothing a person wrote is ever destroyed.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  readdirSync,
  statSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  chmodSync,
  unlinkSync,
  writeSync,
  copyFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Owner read/write only: these files hold server URLs, user names and (file store) secrets. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Reads a file as UTF-8, or null when it does not exist. Other I/O errors are thrown (bugs/permissions). */
export function readTextIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `.<name>.<pid>.<12 hex>.tmp`: the temp files `writeFileAtomic` writes, and nothing else. */
export const ATOMIC_TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/** A temp file younger than this may be a write in progress (another process: the CLI, the app). */
export const STALE_TEMP_FILE_AGE_MS = 60_000;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Makes a rename in `dir` durable: the new directory entry is on disk, not only the file's bytes.
 * Windows cannot open a directory for fsync (and journals renames itself); some filesystems
 * refuse fsync on a directory: the rename has still happened, so that is not an error.
 */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM on filesystems without directory fsync: best effort.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Removes the temp files a write killed midway left in `dir` (`kill -9`, a power cut between
 * writing and renaming): ours by name (`ATOMIC_TEMP_FILE`) and older than `maxAgeMs`, so a write
 * in progress in another process is left alone. Returns the names removed; never throws.
 */
export function removeStaleTempFiles(
  dir: string,
  now: number = Date.now(),
  maxAgeMs: number = STALE_TEMP_FILE_AGE_MS,
): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!ATOMIC_TEMP_FILE.test(name)) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (!stat.isFile() || now - stat.mtimeMs < maxAgeMs) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Gone meanwhile (another process cleaned it), or not ours to remove: leave it.
    }
  }
  return removed;
}

/** A write whose bytes are on disk under a temp name; `commit` puts it in place. */
export interface PreparedWrite {
  /** Renames the temp file over the target and flushes the directory: microseconds of work. */
  commit(): void;
  /** Removes the temp file; the target stays as it was. */
  abort(): void;
}

/**
 * The slow half of an atomic write, done ahead: `text` written to a temp file beside `path` and
 * flushed to disk. `commit` is only a rename, so a caller can do something irreversible (show a
 * banner) between the two and record it with almost no window for a crash in between.
 */
export function prepareFileAtomic(path: string, text: string): PreparedWrite {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tempPath = tempPathFor(path);
  let fd: number | null = null;
  const removeTemp = (): void => {
    try {
      unlinkSync(tempPath);
    } catch {
      // Already renamed or never created: nothing to clean.
    }
  };
  try {
    // 'wx': never follow or reuse an existing file at the temp name.
    fd = openSync(tempPath, 'wx', PRIVATE_FILE_MODE);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    // The umask cannot add bits, but an inherited ACL or odd umask could remove owner bits.
    chmodSync(tempPath, PRIVATE_FILE_MODE);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    removeTemp();
    throw error;
  }
  let settled = false;
  return {
    commit() {
      if (settled) return;
      settled = true;
      try {
        renameSync(tempPath, path);
      } catch (error) {
        removeTemp();
        throw error;
      }
      fsyncDirectory(dir);
    },
    abort() {
      if (settled) return;
      settled = true;
      removeTemp();
    },
  };
}

/**
 * Writes `text` to `path` atomically: a temp file in the same directory (same filesystem, so the
 * rename is atomic), flushed to disk, then renamed over the target, and the directory flushed so
 * the rename itself survives a power cut. The temp file is removed if anything fails; one left by
 * a process killed midway is removed by `removeStaleTempFiles` at the next start.
 */
export function writeFileAtomic(path: string, text: string): void {
  prepareFileAtomic(path, text).commit();
}

/** `2025-01-02T03-04-05-678Z`: sortable, and valid in Windows file names (no colons). */
function fileTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[:.]/g, '-');
}

/** A free name `<path>.corrupt-<timestamp>[-n]` next to `path`. */
function corruptBackupPath(path: string, epochMs: number): string {
  const base = `${path}.corrupt-${fileTimestamp(epochMs)}`;
  let candidate = base;
  for (let n = 1; existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * Keeps the unreadable file's exact bytes next to it and returns the backup's path.
 * `move` renames (the original path becomes free, so the next start sees a clean slate);
 * otherwise the file is copied (the caller is about to overwrite it with a repaired version).
 */
export function backupFile(path: string, epochMs: number, mode: 'move' | 'copy'): string {
  const backupPath = corruptBackupPath(path, epochMs);
  if (mode === 'move') renameSync(path, backupPath);
  else copyFileSync(path, backupPath);
  chmodSync(backupPath, PRIVATE_FILE_MODE);
  return backupPath;
}
