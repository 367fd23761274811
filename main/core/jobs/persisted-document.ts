/**
 * Reading a persisted document through its schema. A document a person (or a crash) broke
 * becomes a clear error value and an empty state, never an exception (design.md, "Schemas at
 * every boundary").
 */
import type { z } from 'zod';
import type { DocumentStore } from '../config/stores';
import type { Result } from '../result';
import { err, ok } from '../result';
import { errorMessage } from '../text/error-message';

/** Why a persisted document could not be used; the app carries on with an empty state. */
export interface DocumentError {
  kind: 'corrupt-document';
  /** Which document, e.g. "submission ledger". */
  document: string;
  /** One sentence for a person, naming the first problem found. */
  message: string;
}

export interface LoadedDocument<T> {
  value: T;
  /** Set when the stored document was unreadable and `value` is the empty state instead. */
  error: DocumentError | null;
}

/**
 * Reads and validates a document. `null`/`undefined` (nothing stored yet) is the empty state
 * without an error; anything else that fails the schema is reported.
 */
export function loadDocument<S extends z.ZodType>(
  store: DocumentStore<unknown>,
  schema: S,
  empty: () => z.infer<S>,
  document: string,
): LoadedDocument<z.infer<S>> {
  let raw: unknown;
  try {
    raw = store.read();
  } catch (cause) {
    // A host store may throw on unparsable JSON; that is a broken document, not a bug of ours.
    return {
      value: empty(),
      error: corrupt(document, `it could not be read (${truncate(errorMessage(cause))})`),
    };
  }
  if (raw === null || raw === undefined) return { value: empty(), error: null };
  const parsed = parseDocument(raw, schema, document);
  return parsed.ok ? { value: parsed.value, error: null } : { value: empty(), error: parsed.error };
}

/** Validates an already-read value (e.g. a snapshot handed over by a host). */
export function parseDocument<S extends z.ZodType>(
  raw: unknown,
  schema: S,
  document: string,
): Result<z.infer<S>, DocumentError> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return err(corrupt(document, `it is not in the expected shape${where}: ${issue?.message ?? 'invalid'}`));
}

function corrupt(document: string, reason: string): DocumentError {
  return {
    kind: 'corrupt-document',
    document,
    message: `The ${document} was ignored because ${reason}.`,
  };
}

const truncate = (text: string): string => (text.length > 120 ? `${text.slice(0, 119)}…` : text);
