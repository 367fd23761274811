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
 *
 * On disk (the app's file) it is a snapshot plus a journal (config/journal-file.ts): every
 * change is appended as one small entry, and the snapshot is rewritten only at start and every
 * `compactAfter` entries. Rewriting thousands of keys for each ending was most of what a busy
 * tray spent on disk. Entries carry a sequence number; the snapshot says the last one it holds,
 * so entries written before a snapshot are never applied twice.
 */
import { z } from 'zod';
import type { DocumentStore } from '../config/stores';
import type { DocumentError } from '../jobs/persisted-document';
import { loadDocument } from '../jobs/persisted-document';
import type { JournalFile } from '../config/journal-file';
import type { NotificationIntent } from './intent';
import { notificationIntentSchema } from './intent';

export const notificationLedgerDocumentSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ key: z.string().min(1), at: z.number() })),
  /** Intents quiet hours hold back, so a restart overnight does not lose them. */
  held: z.array(notificationIntentSchema).default([]),
  /** Accepted intents not yet delivered (a coalescing or digest window holds them). */
  pending: z.array(notificationIntentSchema).default([]),
  /** The last journal entry this snapshot includes. */
  seq: z.number().int().nonnegative().default(0),
});
export type NotificationLedgerDocument = z.infer<typeof notificationLedgerDocumentSchema>;

export const emptyNotificationLedger = (): NotificationLedgerDocument => ({
  version: 1,
  entries: [],
  held: [],
  pending: [],
  seq: 0,
});

export type NotificationLedgerDocumentInput = z.input<typeof notificationLedgerDocumentSchema>;

const keys = z.array(z.string().min(1));
const seq = z.number().int().positive();
/** One change, as the journal keeps it; replayed through the same code that made it. */
const ledgerChangeSchema = z.discriminatedUnion('op', [
  z.object({
    seq,
    op: z.literal('accept'),
    at: z.number(),
    shown: z.array(notificationIntentSchema),
    held: z.array(notificationIntentSchema),
  }),
  z.object({ seq, op: z.literal('add'), at: z.number(), keys }),
  z.object({ seq, op: z.literal('delivered'), keys }),
  z.object({ seq, op: z.literal('hold'), keys }),
  z.object({ seq, op: z.literal('set-held'), intents: z.array(notificationIntentSchema) }),
  z.object({ seq, op: z.literal('prune'), now: z.number() }),
]);
type LedgerChange = z.infer<typeof ledgerChangeSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Where the ledger lives: a document, and (the app's file) a journal of changes beside it. */
export interface NotificationLedgerStore extends DocumentStore<NotificationLedgerDocumentInput> {
  journal?: Pick<JournalFile, 'read' | 'append' | 'clear'>;
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
  /** Journal entries after which the snapshot is rewritten (and the journal emptied). */
  compactAfter: number;
}

export const DEFAULT_NOTIFICATION_LEDGER: NotificationLedgerOptions = {
  maxEntries: 5_000,
  maxAgeMs: 35 * 24 * 60 * 60 * 1000,
  maxHeld: 500,
  maxPending: 1_000,
  compactAfter: 1_000,
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
  /**
   * The host has these banners: they are no longer pending or held. One write (with a journal,
   * one append: what a kill between showing and marking has to land in).
   */
  delivered(keys: readonly string[]): void;
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
  /** Writes the snapshot now and empties the journal (at quit: the file then says it all). */
  compact(): void;
  /** Set when the stored ledger was unreadable and the ledger started empty. */
  readonly loadError: DocumentError | null;
}

export function createNotificationLedger(
  store: NotificationLedgerStore,
  options: Partial<NotificationLedgerOptions> = {},
): NotificationLedger {
  const { maxEntries, maxAgeMs, maxHeld, maxPending, compactAfter } = {
    ...DEFAULT_NOTIFICATION_LEDGER,
    ...options,
  };
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
  let lastSeq = loaded.value.seq;
  let journaled = 0;

  const documentOf = (): NotificationLedgerDocument => ({
    version: 1,
    entries: [...entries].map(([key, at]) => ({ key, at })),
    held,
    pending,
    seq: lastSeq,
  });

  function record(keys: readonly string[], at: number): void {
    for (const key of keys) {
      entries.delete(key);
      entries.set(key, at);
    }
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  /** Every change goes through here, live or replayed from the journal. */
  function apply(change: DistributiveOmit<LedgerChange, 'seq'>): boolean {
    switch (change.op) {
      case 'accept':
        record(
          [...change.shown, ...change.held].map((intent) => intent.key),
          change.at,
        );
        if (change.shown.length > 0) pending = [...pending, ...change.shown].slice(-maxPending);
        if (change.held.length > 0) held = [...held, ...change.held].slice(-maxHeld);
        return true;
      case 'add':
        record(change.keys, change.at);
        return true;
      case 'delivered': {
        const done = new Set(change.keys);
        const before = pending.length + held.length;
        pending = pending.filter((intent) => !done.has(intent.key));
        held = held.filter((intent) => !done.has(intent.key));
        return pending.length + held.length !== before;
      }
      case 'hold': {
        const moving = new Set(change.keys);
        const moved = pending.filter((intent) => moving.has(intent.key));
        if (moved.length === 0) return false;
        pending = pending.filter((intent) => !moving.has(intent.key));
        held = [...held, ...moved].slice(-maxHeld);
        return true;
      }
      case 'set-held':
        if (change.intents.length === 0 && held.length === 0) return false;
        held = change.intents.slice(-maxHeld);
        return true;
      case 'prune': {
        let dropped = false;
        for (const [key, at] of entries) {
          if (change.now - at <= maxAgeMs) break;
          entries.delete(key);
          dropped = true;
        }
        return dropped;
      }
    }
  }

  function compact(): void {
    store.write(documentOf());
    store.journal?.clear();
    journaled = 0;
  }

  /** Applies a change and keeps it: appended to the journal, or the whole document written. */
  function change(next: DistributiveOmit<LedgerChange, 'seq'>): void {
    if (!apply(next)) return;
    lastSeq += 1;
    if (!store.journal || journaled >= compactAfter) return compact();
    store.journal.append({ ...next, seq: lastSeq });
    journaled += 1;
  }

  // What happened since the snapshot: replayed in order, then folded into a fresh snapshot so
  // every run starts from one file. Entries the snapshot already holds are skipped.
  // A snapshot that could not be read starts empty (seq 0): the journal then brings back what
  // it can, rather than numbering new entries over old ones.
  if (store.journal) {
    const since = store.journal.read();
    for (const raw of since) {
      const parsed = ledgerChangeSchema.safeParse(raw);
      if (!parsed.success || parsed.data.seq <= lastSeq) continue;
      apply(parsed.data);
      lastSeq = parsed.data.seq;
    }
    if (since.length > 0 || loaded.error) compact();
  }

  return {
    has: (key) => entries.has(key),
    add: (keys, at) => change({ op: 'add', keys: [...keys], at }),
    accept({ shown, held: holding }, at) {
      if (shown.length === 0 && holding.length === 0) return;
      change({ op: 'accept', at, shown: [...shown], held: [...holding] });
    },
    delivered: (keys) => change({ op: 'delivered', keys: [...keys] }),
    pending: () => [...pending],
    hold: (keys) => change({ op: 'hold', keys: [...keys] }),
    prune: (now) => change({ op: 'prune', now }),
    size: () => entries.size,
    held: () => [...held],
    setHeld: (intents) => change({ op: 'set-held', intents: [...intents] }),
    compact() {
      if (journaled > 0) compact();
    },
    loadError: loaded.error,
  };
}
