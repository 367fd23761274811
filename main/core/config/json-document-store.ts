/**
 * `DocumentStore<T>` over one JSON file with a zod schema: the ledgers, the job cache and the
 * file secret store use it. Built on node:fs rather than `conf` because conf discards an invalid
 * file (clearInvalidConfig) instead of keeping it, validates with JSON Schema rather than our zod
 * schemas, and ties migrations to the package version; we need backup-and-report on corruption.
 */
import { statSync } from 'node:fs';
import type { z } from 'zod';
import { backupFile, readTextIfExists, writeFileAtomic } from './atomic-file';
import { describeZodError } from './config-issues';
import type { DocumentStore } from './stores';

/** Why a document store started from its default. */
export interface DocumentIssue {
  kind: 'unreadable-file' | 'not-json' | 'invalid-document';
  message: string;
  backupPath?: string;
  /** The errno code of an unreadable file (EACCES, EMFILE, EIO...), when there was one. */
  code?: string;
}

export interface JsonDocumentStoreOptions<T> {
  path: string;
  schema: z.ZodType<T, unknown>;
  /** A fresh default each call (it may be mutated by the caller). */
  defaults: () => T;
  now?: () => number;
  /** Called once per problem found while reading (e.g. to log or show it). */
  onIssue?: (issue: DocumentIssue) => void;
  /**
   * Large documents the app builds itself (the job cache: megabytes at 10,000 jobs) skip the
   * schema on write and are written compact; what is read back is still validated.
   */
  trustedWrites?: boolean;
}

/** What tells one version of a file from the next without reading it. */
function fileSignature(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

export class JsonDocumentStore<T> implements DocumentStore<T> {
  private cached: { value: T } | null = null;
  private readonly found: DocumentIssue[] = [];
  /** The file as this store last read or wrote it. */
  private signature: string | null = null;

  constructor(private readonly options: JsonDocumentStoreOptions<T>) {}

  /** The document, read from disk once and then served from memory. */
  read(): T {
    if (!this.cached) {
      this.signature = fileSignature(this.options.path);
      this.cached = { value: this.load() };
    }
    return this.cached.value;
  }

  /** True when another process wrote the file since this store last read or wrote it (one stat). */
  changed(): boolean {
    return this.signature === null || fileSignature(this.options.path) !== this.signature;
  }

  /** Reads the file again (another process, e.g. the CLI, may have written it). */
  reload(): T {
    this.cached = null;
    return this.read();
  }

  /**
   * Validates (unless `trustedWrites`) and writes atomically (0600). An invalid value is a bug in the caller and throws,
   * as does an I/O failure (the interface has no error channel).
   */
  write(value: T): void {
    if (this.options.trustedWrites) {
      writeFileAtomic(this.options.path, `${JSON.stringify(value)}\n`);
      this.cached = { value };
    } else {
      const parsed = this.options.schema.safeParse(value);
      if (!parsed.success) {
        throw new Error(
          `refusing to write an invalid ${this.options.path}: ${describeZodError(parsed.error)}`,
        );
      }
      writeFileAtomic(this.options.path, `${JSON.stringify(parsed.data, null, 2)}\n`);
      this.cached = { value: parsed.data };
    }
    this.signature = fileSignature(this.options.path);
  }

  /** Problems met so far (empty when every read was clean). */
  issues(): readonly DocumentIssue[] {
    return this.found;
  }

  private load(): T {
    let text: string | null;
    try {
      text = readTextIfExists(this.options.path);
    } catch (error) {
      // Unreadable (permissions): serve the default but leave the file alone.
      const code = (error as NodeJS.ErrnoException).code;
      this.report({
        kind: 'unreadable-file',
        message: `Cannot read ${this.options.path}: ${(error as Error).message}`,
        ...(typeof code === 'string' ? { code } : {}),
      });
      return this.options.defaults();
    }
    if (text === null) return this.options.defaults();

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.startOver('not-json', `${this.options.path} is not valid JSON`);
    }
    const parsed = this.options.schema.safeParse(raw);
    if (!parsed.success) {
      return this.startOver(
        'invalid-document',
        `${this.options.path} is invalid (${describeZodError(parsed.error)})`,
      );
    }
    return parsed.data;
  }

  /** Moves the unusable file aside (bytes intact) and starts from the default. */
  private startOver(kind: DocumentIssue['kind'], what: string): T {
    const backupPath = backupFile(this.options.path, (this.options.now ?? Date.now)(), 'move');
    this.report({
      kind,
      message: `${what}; started empty and kept the original as ${backupPath}`,
      backupPath,
    });
    return this.options.defaults();
  }

  private report(issue: DocumentIssue): void {
    this.found.push(issue);
    this.options.onIssue?.(issue);
  }
}
