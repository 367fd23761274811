/**
 * The persisted set of notified keys: exactly-once across restarts, crashes and network flaps
 * (design.md). Bounded in size and pruned by age. The default age outlives HEAD's 30-day job
 * retention (cidx-api.md §4.5), so no ending the server still remembers can notify twice.
 *
 * A key in `entries` was accepted: it never produces a second intent. Its intent is either
 * **pending** (in `pending`, or in `held` while quiet hours hold it back: accepted, not yet handed
 * to the host) or **delivered** (the host's deliver returned; the intent is gone from both lists).
 * A key and its pending intent are written in the same write, before anything is shown, so a
 * crash at any moment leaves each accepted ending either pending (shown at the next start) or
 * delivered: never lost. What "delivered" means is said in notification-center.ts.
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
  /** Accepted intents not yet delivered (a coalescing or digest window holds them). */
  pending: z.array(notificationIntentSchema).default([]),
});
export type NotificationLedgerDocument = z.infer<typeof notificationLedgerDocumentSchema>;

export const emptyNotificationLedger = (): NotificationLedgerDocument => ({
  version: 1,
  entries: [],
  held: [],
  pending: [],
});

export type NotificationLedgerDocumentInput = z.input<typeof notificationLedgerDocumentSchema>;

/**
 * A document store that can also write ahead: `prepare` puts the bytes on disk under a temp name,
 * `commit` renames them into place (core-documents.ts; atomic-file.ts `prepareFileAtomic`).
 * Without it, marking delivered is one ordinary write after the banner.
 */
export interface PreparingDocumentStore<T> extends DocumentStore<T> {
  prepare?(value: T): { commit(): void; abort(): void };
}

export interface NotificationLedgerOptions {
  maxEntries: number;
  maxAgeMs: number;
  /** Held intents kept; beyond that the oldest go (the digest only counts them anyway). */
  maxHeld: number;
  /**
   * Pending intents kept. Windows empty within seconds, so this bounds only a pathological pile
   * (a deliver that never returns); beyond it the oldest go.
   */
  maxPending: number;
}

export const DEFAULT_NOTIFICATION_LEDGER: NotificationLedgerOptions = {
  maxEntries: 5_000,
  maxAgeMs: 35 * 24 * 60 * 60 * 1000,
  maxHeld: 500,
  maxPending: 1_000,
};

export interface NotificationLedger {
  has(key: string): boolean;
  /** Records keys as notified and persists at once. */
  add(keys: readonly string[], at: number): void;
  /**
   * Accepts intents with one write: their keys are recorded (never notified again) and the
   * intents kept as pending (`shown`: a window will show them) or held (quiet hours), until
   * `delivered` says the host has them.
   */
  accept(
    intents: { shown: readonly NotificationIntent[]; held: readonly NotificationIntent[] },
    at: number,
  ): void;
  /** The host's deliver returned for these keys: they are no longer pending or held. One write. */
  delivered(keys: readonly string[]): void;
  /**
   * `delivered`, split around the banner: the write is prepared now (on disk under a temp name,
   * when the store can), and the returned function puts it in place, a rename, once the host's
   * deliver returned. A kill between the two then has microseconds to land in, not a file write.
   */
  prepareDelivered(keys: readonly string[]): () => void;
  /** Accepted, not yet delivered, not held (shown at the next start after a crash). */
  pending(): NotificationIntent[];
  /** Pending intents that quiet hours now hold back (a start during quiet hours). One write. */
  hold(keys: readonly string[]): void;
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
  store: PreparingDocumentStore<NotificationLedgerDocumentInput>,
  options: Partial<NotificationLedgerOptions> = {},
): NotificationLedger {
  const { maxEntries, maxAgeMs, maxHeld, maxPending } = { ...DEFAULT_NOTIFICATION_LEDGER, ...options };
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
  let pending: NotificationIntent[] = loaded.value.pending.slice(-maxPending);

  const documentOf = (): NotificationLedgerDocument => ({
    version: 1,
    entries: [...entries].map(([key, at]) => ({ key, at })),
    held,
    pending,
  });
  const persist = (): void => store.write(documentOf());

  function prepareDelivered(keys: readonly string[]): () => void {
    const done = new Set(keys);
    const nextPending = pending.filter((intent) => !done.has(intent.key));
    const nextHeld = held.filter((intent) => !done.has(intent.key));
    if (nextPending.length === pending.length && nextHeld.length === held.length) return () => {};
    const before = { pending, held };
    let prepared: { commit(): void; abort(): void } | null = null;
    if (store.prepare) {
      try {
        prepared = store.prepare({ ...documentOf(), pending: nextPending, held: nextHeld });
      } catch {
        prepared = null; // a full disk now: the ordinary write after the banner tries again
      }
    }
    return () => {
      if (pending !== before.pending || held !== before.held) {
        // Something was accepted meanwhile: the prepared bytes are out of date.
        prepared?.abort();
        pending = pending.filter((intent) => !done.has(intent.key));
        held = held.filter((intent) => !done.has(intent.key));
        return persist();
      }
      pending = nextPending;
      held = nextHeld;
      if (prepared) prepared.commit();
      else persist();
    };
  }

  function record(keys: readonly string[], at: number): void {
    for (const key of keys) {
      entries.delete(key);
      entries.set(key, at);
    }
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  return {
    has: (key) => entries.has(key),
    add(keys, at) {
      record(keys, at);
      persist();
    },
    accept({ shown, held: holding }, at) {
      if (shown.length === 0 && holding.length === 0) return;
      record(
        [...shown, ...holding].map((intent) => intent.key),
        at,
      );
      if (shown.length > 0) pending = [...pending, ...shown].slice(-maxPending);
      if (holding.length > 0) held = [...held, ...holding].slice(-maxHeld);
      persist();
    },
    delivered: (keys) => prepareDelivered(keys)(),
    prepareDelivered,
    pending: () => [...pending],
    hold(keys) {
      const moving = new Set(keys);
      const moved = pending.filter((intent) => moving.has(intent.key));
      if (moved.length === 0) return;
      pending = pending.filter((intent) => !moving.has(intent.key));
      held = [...held, ...moved].slice(-maxHeld);
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
