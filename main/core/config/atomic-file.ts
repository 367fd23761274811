/**
 * Crash-safe file primitives shared by every JSON document we persist: a write either lands
 * whole or not at all, files are private to the user (0600), and a file we cannot read is moved
 * aside rather than overwritten, so nothing a person wrote is ever destroyed.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
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

/**
 * Writes `text` to `path` atomically: a temp file in the same directory (same filesystem, so the
 * rename is atomic), flushed to disk, then renamed over the target. The temp file is removed if
 * anything fails, so no `.tmp` debris is left behind.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tempPath = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    // 'wx': never follow or reuse an existing file at the temp name.
    fd = openSync(tempPath, 'wx', PRIVATE_FILE_MODE);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    // The umask cannot add bits, but an inherited ACL or odd umask could remove owner bits.
    chmodSync(tempPath, PRIVATE_FILE_MODE);
    renameSync(tempPath, path);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tempPath);
    } catch {
      // Already renamed or never created: nothing to clean.
    }
    throw error;
  }
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
