/**
 * The persisted set of notified keys: exactly-once across restarts and network flaps
 * (design.md). Bounded in size and pruned by age. The default age outlives HEAD's 30-day job
 * retention (cidx-api.md §4.5), so no ending the server still remembers can notify twice.
 */
import { z } from 'zod';
import type { DocumentStore } from '../config/stores';
import type { DocumentError } from '../jobs/persisted-document';
import { loadDocument } from '../jobs/persisted-document';
import type { NotificationIntent } from './intent';
import { notificationIntentSchema } from './intent';

export const notificationLedgerDocumentSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ key: z.string().min(1), at: z.number() })),
  /** Intents quiet hours hold back, so a restart overnight does not lose them. */
  held: z.array(notificationIntentSchema).default([]),
});
export type NotificationLedgerDocument = z.infer<typeof notificationLedgerDocumentSchema>;

export const emptyNotificationLedger = (): NotificationLedgerDocument => ({
  version: 1,
  entries: [],
  held: [],
});

export type NotificationLedgerDocumentInput = z.input<typeof notificationLedgerDocumentSchema>;

export interface NotificationLedgerOptions {
  maxEntries: number;
  maxAgeMs: number;
  /** Held intents kept; beyond that the oldest go (the digest only counts them anyway). */
  maxHeld: number;
}

export const DEFAULT_NOTIFICATION_LEDGER: NotificationLedgerOptions = {
  maxEntries: 5_000,
  maxAgeMs: 35 * 24 * 60 * 60 * 1000,
  maxHeld: 500,
};

export interface NotificationLedger {
  has(key: string): boolean;
  /** Records keys as notified and persists at once. */
  add(keys: readonly string[], at: number): void;
  /** Drops entries older than the maximum age; persists when something was dropped. */
  prune(now: number): void;
  size(): number;
  held(): NotificationIntent[];
  /** Replaces the held intents and persists them. */
  setHeld(intents: readonly NotificationIntent[]): void;
  /** Set when the stored ledger was unreadable and the ledger started empty. */
  readonly loadError: DocumentError | null;
}

export function createNotificationLedger(
  store: DocumentStore<NotificationLedgerDocumentInput>,
  options: Partial<NotificationLedgerOptions> = {},
): NotificationLedger {
  const { maxEntries, maxAgeMs, maxHeld } = { ...DEFAULT_NOTIFICATION_LEDGER, ...options };
  const loaded = loadDocument(
    store as DocumentStore<unknown>,
    notificationLedgerDocumentSchema,
    emptyNotificationLedger,
    'notification ledger',
  );
  // Kept in time order so trimming from the front drops the oldest.
  const entries = new Map<string, number>();
  for (const entry of [...loaded.value.entries].sort((a, b) => a.at - b.at)) entries.set(entry.key, entry.at);

  let held: NotificationIntent[] = loaded.value.held.slice(-maxHeld);

  const persist = (): void =>
    store.write({ version: 1, entries: [...entries].map(([key, at]) => ({ key, at })), held });

  return {
    has: (key) => entries.has(key),
    add(keys, at) {
      for (const key of keys) {
        entries.delete(key);
        entries.set(key, at);
      }
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      persist();
    },
    prune(now) {
      let dropped = false;
      for (const [key, at] of entries) {
        if (now - at <= maxAgeMs) break;
        entries.delete(key);
        dropped = true;
      }
      if (dropped) persist();
    },
    size: () => entries.size,
    held: () => [...held],
    setHeld(intents) {
      if (intents.length === 0 && held.length === 0) return;
      held = intents.slice(-maxHeld);
      persist();
    },
    loadError: loaded.error,
  };
}
