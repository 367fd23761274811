/**
 * What this app submitted, so retry can resubmit it: job records never name the repository
 * (cidx-api.md §2.1, §3.7; design.md, "Retry = resubmit"). The host records an entry right
 * after a submission returns its job id. Bounded: the oldest entries go first.
 */
import { z } from 'zod';
import type { DocumentStore } from '../config/stores';
import type { DocumentError } from './persisted-document';
import { loadDocument, parseDocument } from './persisted-document';
import type { JobRef } from './tracked-job';
import { jobRefKey } from './tracked-job';

const syncOptionsSchema = z.object({
  force: z.boolean().optional(),
  fullReindex: z.boolean().optional(),
  incremental: z.boolean().optional(),
  pullRemote: z.boolean().optional(),
});

const base = { serverId: z.string().min(1), jobId: z.string().min(1), submittedAt: z.number() };

export const submissionRecordSchema = z.discriminatedUnion('operation', [
  z.object({
    ...base,
    operation: z.literal('sync'),
    repository: z.string().min(1),
    options: syncOptionsSchema,
  }),
  /** `alias` is the bare golden alias, without `-global` (§3.5). */
  z.object({ ...base, operation: z.literal('golden-refresh'), alias: z.string().min(1) }),
]);
export type SubmissionRecord = z.infer<typeof submissionRecordSchema>;

export const submissionLedgerDocumentSchema = z.object({
  version: z.literal(1),
  entries: z.array(submissionRecordSchema),
});
export type SubmissionLedgerDocument = z.infer<typeof submissionLedgerDocumentSchema>;

export const emptySubmissionLedger = (): SubmissionLedgerDocument => ({ version: 1, entries: [] });

export const DEFAULT_SUBMISSION_LEDGER_SIZE = 2000;

export interface SubmissionLedger {
  record(entry: SubmissionRecord): void;
  /** From memory; a miss looks at the file only when it changed, and at most once per `recheckMs`. */
  get(ref: JobRef): SubmissionRecord | undefined;
  /** Takes in what another process recorded, now (before a retry, say). */
  refresh(): void;
  /** Looks for news in the file if `recheckMs` passed since the last look (one stat at most). */
  sync(): void;
  /** Grows whenever an entry is added (recorded here, or taken in from the file). */
  version(): number;
  entries(): SubmissionRecord[];
  /** Set when the stored ledger was unreadable and the ledger started empty. */
  readonly loadError: DocumentError | null;
}

/** A miss (a job submitted elsewhere, the common case) looks for news in the file at most this often. */
export const LEDGER_RECHECK_MS = 1_000;

export function createSubmissionLedger(
  store: DocumentStore<SubmissionLedgerDocument>,
  options: { maxEntries?: number; recheckMs?: number; now?: () => number } = {},
): SubmissionLedger {
  const maxEntries = options.maxEntries ?? DEFAULT_SUBMISSION_LEDGER_SIZE;
  const recheckMs = options.recheckMs ?? LEDGER_RECHECK_MS;
  const now = options.now ?? Date.now;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let version = 0;
  const loaded = loadDocument(
    store as DocumentStore<unknown>,
    submissionLedgerDocumentSchema,
    emptySubmissionLedger,
    'submission ledger',
  );
  // Insertion order = submission order, so trimming from the front drops the oldest.
  const byKey = new Map<string, SubmissionRecord>();
  for (const entry of loaded.value.entries) byKey.set(jobRefKey(entry), entry);
  trim();

  function trim(): void {
    while (byKey.size > maxEntries) byKey.delete(byKey.keys().next().value!);
  }

  /** Takes in what another process (the CLI, the tray app) recorded since we last looked. */
  function mergeFromStore(): void {
    checkedAt = now();
    if (!store.reload || store.changed?.() === false) return;
    const fresh = parseDocument(store.reload(), submissionLedgerDocumentSchema, 'submission ledger');
    if (!fresh.ok) return;
    for (const entry of fresh.value.entries) {
      const key = jobRefKey(entry);
      if (byKey.has(key)) continue;
      byKey.set(key, entry);
      version += 1;
    }
  }

  return {
    record(entry) {
      const parsed = submissionRecordSchema.parse(entry); // a bad entry here is a bug of the caller
      mergeFromStore();
      const key = jobRefKey(parsed);
      byKey.delete(key);
      byKey.set(key, parsed);
      version += 1;
      trim();
      store.write({ version: 1, entries: [...byKey.values()] });
    },
    get(ref) {
      const key = jobRefKey(ref);
      const known = byKey.get(key);
      if (known || now() - checkedAt < recheckMs) return known;
      // Most lookups miss (jobs submitted elsewhere): a snapshot of 10,000 jobs costs one stat.
      mergeFromStore();
      return byKey.get(key);
    },
    refresh: mergeFromStore,
    sync() {
      if (now() - checkedAt >= recheckMs) mergeFromStore();
    },
    version: () => version,
    entries: () => [...byKey.values()],
    loadError: loaded.error,
  };
}
