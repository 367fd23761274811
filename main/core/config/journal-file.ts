/**
 * An append-only journal beside a JSON document: one JSON object per line. A document that
 * changes a little, often (the notification ledger: a few keys per job ending, in a file of
 * thousands) is written as its snapshot now and then and as small appended entries in between,
 * so a change costs its own size, not the document's.
 *
 * An entry is one `write` on a file opened for appending, so a process killed at any moment
 * leaves it whole or absent; a line cut short by a power cut is left out when read. Entries are
 * flushed to disk (fdatasync) like the atomic files are.
 */
import { closeSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, readTextIfExists } from './atomic-file';

export interface JournalFile {
  /** Every whole entry, in order; lines that are not JSON (a torn last line) are left out. */
  read(): unknown[];
  /** Appends one entry with a single write. */
  append(entry: object): void;
  /** Empties the journal (its entries are in a snapshot now). */
  clear(): void;
  close(): void;
}

export function openJournalFile(path: string): JournalFile {
  let fd: number | null = null;
  const open = (): number => {
    if (fd === null) {
      mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
      fd = openSync(path, 'a', PRIVATE_FILE_MODE);
    }
    return fd;
  };
  return {
    read() {
      const text = readTextIfExists(path);
      if (!text) return [];
      const entries: unknown[] = [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          entries.push(JSON.parse(line));
        } catch {
          // A line a power cut left half-written: it never took effect.
        }
      }
      return entries;
    },
    append(entry) {
      const handle = open();
      writeSync(handle, `${JSON.stringify(entry)}\n`);
      fdatasyncSync(handle);
    },
    clear() {
      const handle = open();
      ftruncateSync(handle, 0);
      fdatasyncSync(handle);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
