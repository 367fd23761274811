/**
 * A secret store that could not be read (a file the process cannot open — EMFILE, EACCES, EIO —
 * or a keychain helper that would not run or answer). Distinct from "no such secret": a caller
 * must neither treat it as an absent key nor write over what it could not read.
 */
import type { DocumentIssue } from '../json-document-store';

export class SecretStoreReadError extends Error {
  override readonly name = 'SecretStoreReadError';

  constructor(
    /** Short and free of secrets: an errno code or the helper's first line of stderr. */
    readonly reason: string,
    /** The store, in words (its `describe().backend`). */
    readonly backend: string,
  ) {
    super(`Could not read the secret store (${reason})`);
  }
}

/** What `readSecretsDocument` needs of a `JsonDocumentStore` of secrets. */
export interface SecretsDocument<T> {
  read(): T;
  reload(): T;
  issues(): readonly DocumentIssue[];
}

/**
 * Reads a secrets file through its document store (`fresh`: from disk every time, as the file
 * the CLI shares; else cached). A file that could not be read throws `SecretStoreReadError`
 * instead of reading as empty, so no write can follow that would drop what it holds; and since
 * the store then holds only its default, the next read goes to disk again.
 */
export function readSecretsDocument<T>(
  document: SecretsDocument<T>,
  options: { fresh: boolean; path: string; backend: string; failedBefore: boolean },
): { value: T; failed: false } | { error: SecretStoreReadError; failed: true } {
  const before = document.issues().length;
  const value = options.fresh || options.failedBefore ? document.reload() : document.read();
  const unreadable = document
    .issues()
    .slice(before)
    .find((issue) => issue.kind === 'unreadable-file');
  if (!unreadable) return { value, failed: false };
  return {
    error: new SecretStoreReadError(`${unreadable.code ?? 'unreadable'}: ${options.path}`, options.backend),
    failed: true,
  };
}

/** The last problem worth a lasting warning: a file moved aside, not a read that failed once. */
export function lastDamage(issues: readonly DocumentIssue[]): DocumentIssue | undefined {
  return issues.filter((issue) => issue.kind !== 'unreadable-file').at(-1);
}

export function isSecretStoreReadError(error: unknown): error is SecretStoreReadError {
  return error instanceof SecretStoreReadError;
}

/** A short, secret-free reason for any error a secret store threw (its code, or its class). */
export function secretStoreErrorReason(error: unknown): string {
  if (error instanceof SecretStoreReadError) return error.reason;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,32}$/.test(code)) return code;
  return 'unexpected error';
}
