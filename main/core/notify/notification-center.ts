/**
 * The notification pipeline: policy -> ledger -> quiet hours -> coalescing/digest -> deliver.
 * `deliver` is the host's (node-notifier in the app, a recorder in tests).
 *
 * A key is written to the ledger when its intent is accepted, before it is shown: a crash
 * inside the 3 s coalescing window loses that banner rather than risking a duplicate after the
 * restart (spam is the louder complaint, users.md). Intents held by quiet hours are persisted
 * with the ledger and released (as one digest) by the first check after quiet hours end.
 */
import type { Clock, TimerHandle } from '../clock';
import type { DocumentStore } from '../config/stores';
import type { EngineEvent } from '../engine/events';
import type { DocumentError } from '../jobs/persisted-document';
import { createCoalescer } from './coalesce';
import { buildDigest, createDigestCollector } from './digest';
import type { NotificationIntent } from './intent';
import type { NotificationLedgerDocumentInput, NotificationLedgerOptions } from './notification-ledger';
import { createNotificationLedger } from './notification-ledger';
import type { PolicyContext } from './policy';
import { notificationIntents } from './policy';
import { quietStatus, showsDuringQuiet } from './quiet-hours';
import type { NotificationSettings } from './settings';

export type NotificationLookups = Omit<PolicyContext, 'settings' | 'alreadyNotified'>;

export interface NotificationCenterOptions {
  clock: Clock;
  ledgerStore: DocumentStore<NotificationLedgerDocumentInput>;
  settings: () => NotificationSettings;
  deliver: (intent: NotificationIntent) => void;
  /** Server names, signed-in users, roles and the submission ledger, for readable text. */
  lookups?: NotificationLookups;
  ledgerOptions?: Partial<NotificationLedgerOptions>;
}

export interface NotificationCenter {
  handle(event: EngineEvent): void;
  /** One engine tick: its intents are recorded in the ledger with one write. */
  handleBatch(events: readonly EngineEvent[]): void;
  /** Shows what the coalescing and digest windows hold now (e.g. before quitting). */
  flush(): void;
  /** Re-checks quiet hours (after a settings change): releases the held digest when quiet ended. */
  tick(): void;
  /** How many intents quiet hours hold back. */
  heldCount(): number;
  /** Set when the stored ledger was unreadable; notifications go on with an empty ledger. */
  readonly ledgerError: DocumentError | null;
  dispose(): void;
}

export function createNotificationCenter(options: NotificationCenterOptions): NotificationCenter {
  const { clock, settings, deliver, lookups = {} } = options;
  const ledger = createNotificationLedger(options.ledgerStore, options.ledgerOptions);
  const coalescer = createCoalescer({ clock, windowMs: () => settings().coalesceWindowMs, deliver });
  const digest = createDigestCollector({ clock, windowMs: () => settings().digestWindowMs, deliver });
  let held: NotificationIntent[] = ledger.held();
  let releaseTimer: TimerHandle | null = null;

  function scheduleRelease(at: number): void {
    if (releaseTimer !== null) clock.clearTimeout(releaseTimer);
    releaseTimer = clock.setTimeout(tick, Math.max(0, at - clock.now()));
  }

  function tick(): void {
    if (held.length === 0) return;
    const status = quietStatus(clock.now(), settings());
    if (status.quiet) return scheduleRelease(status.until);
    if (releaseTimer !== null) clock.clearTimeout(releaseTimer);
    releaseTimer = null;
    const summary = buildDigest(held, 'quiet');
    held = [];
    ledger.setHeld(held);
    if (summary) deliver(summary);
  }

  function route(intent: NotificationIntent): void {
    if (intent.catchUp) digest.add(intent);
    else coalescer.add(intent);
  }

  // Intents held before a restart: released at once if quiet hours are over, else scheduled.
  if (held.length > 0) releaseTimer = clock.setTimeout(tick, 0);

  function handleBatch(events: readonly EngineEvent[]): void {
    const now = clock.now();
    const current = settings();
    ledger.prune(now);
    const context = { ...lookups, settings: current, alreadyNotified: (key: string) => ledger.has(key) };
    const intents: NotificationIntent[] = [];
    const keys = new Set<string>();
    for (const event of events) {
      for (const intent of notificationIntents(event, context)) {
        // The same ending twice in one batch (a list and a GET) is one notification.
        if (keys.has(intent.key)) continue;
        keys.add(intent.key);
        intents.push(intent);
      }
    }
    accept(intents, now, current);
  }

  /** Records the keys once (one ledger write), then shows, holds or batches each intent. */
  function accept(intents: NotificationIntent[], now: number, current: NotificationSettings): void {
    if (intents.length === 0) return tick();
    ledger.add(
      intents.map((intent) => intent.key),
      now,
    );
    const status = quietStatus(now, current);
    const holding = intents.filter((intent) => !showsDuringQuiet(intent, status, current));
    for (const intent of intents) if (!holding.includes(intent)) route(intent);
    if (holding.length > 0) {
      held = [...held, ...holding];
      ledger.setHeld(held);
    }
    if (status.quiet && held.length > 0) scheduleRelease(status.until);
    else tick();
  }

  return {
    handle: (event) => handleBatch([event]),
    handleBatch,
    flush() {
      coalescer.flush();
      digest.flush();
    },
    tick,
    heldCount: () => held.length,
    ledgerError: ledger.loadError,
    dispose() {
      coalescer.dispose();
      digest.dispose();
      if (releaseTimer !== null) clock.clearTimeout(releaseTimer);
      releaseTimer = null;
      held = [];
    },
  };
}
