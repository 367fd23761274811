/**
 * The notification pipeline: policy -> ledger -> quiet hours -> coalescing/digest -> deliver.
 * `deliver` is the host's (node-notifier in the app, a recorder in tests).
 *
 * Exactly once, across crashes too (issue 8): an accepted intent is written to the ledger as
 * **pending** (its key and the intent itself, one write per engine tick) before any window holds
 * it, and marked **delivered** (one write per banner) only after the host's `deliver` returned.
 * Coalescing, digest and quiet-hours windows hold only what is also on disk, so a crash inside a
 * window loses nothing: the next start takes the pending intents back into their windows and
 * shows them once.
 *
 * What "delivered" means: the host handed the banner to the desktop's notification service and
 * released it (on Linux a notify-send process, started and held back until released: one write
 * to its pipe; on macOS and Windows node-notifier's helper, started and shown in one step). The
 * slow part, starting the banner's process, happens while a kill still leaves the intent pending
 * and nothing shown. Then the banner is released and "delivered" appended to the ledger's
 * journal (one write): a process killed between showing and marking has two system calls to be
 * killed in, not a file write or a process start (on macOS and Windows, the helper's start). If it still
 * happens, the banner is shown again at the next start: on purpose, because a duplicate is less
 * bad than a loss (a failure nobody hears about), and marking before showing would turn that
 * duplicate into a loss.
 * A `deliver` that throws counts as delivered too: the host reports its own failures, and a
 * broken notifier must not replay the same banners at every start.
 */
import type { Clock, TimerHandle } from '../clock';
import type { EngineEvent } from '../engine/events';
import type { DocumentError } from '../jobs/persisted-document';
import type { JobRef } from '../jobs/tracked-job';
import type { Batcher } from './batcher';
import { createBatcher } from './batcher';
import { summarizeIntents } from './coalesce';
import { buildDigest } from './digest';
import type { NotificationIntent, ReleaseBanner } from './intent';
import type { NotificationLedgerOptions, NotificationLedgerStore } from './notification-ledger';
import { createNotificationLedger } from './notification-ledger';
import type { PolicyContext } from './policy';
import { notificationIntents } from './policy';
import { quietStatus, showsDuringQuiet } from './quiet-hours';
import type { NotificationSettings } from './settings';

export type NotificationLookups = Omit<PolicyContext, 'settings' | 'alreadyNotified'>;

export interface NotificationCenterOptions {
  clock: Clock;
  /** With a journal (the app's file), marking delivered after a banner is one append. */
  ledgerStore: NotificationLedgerStore;
  settings: () => NotificationSettings;
  /** Shows the banner, or stages it and returns its release (see above). */
  deliver: (intent: NotificationIntent) => ReleaseBanner | void;
  /** Server names, signed-in users, roles and the submission ledger, for readable text. */
  lookups?: NotificationLookups;
  ledgerOptions?: Partial<NotificationLedgerOptions>;
  /**
   * True for a job the app followed at start because it had submitted it (the submission
   * ledger) without having seen it end: first seen already finished, it ended while the app was
   * not running, so its ending joins the "while you were away" digest.
   */
  endedWhileAway?(ref: JobRef): boolean;
}

export interface NotificationCenter {
  handle(event: EngineEvent): void;
  /** One engine tick: its intents are recorded in the ledger, as pending, with one write. */
  handleBatch(events: readonly EngineEvent[]): void;
  /** Shows what the coalescing and digest windows hold now (e.g. before quitting). */
  flush(): void;
  /** Re-checks quiet hours (after a settings change): releases the held digest when quiet ended. */
  tick(): void;
  /** How many intents quiet hours hold back. */
  heldCount(): number;
  /** Accepted intents not delivered yet (in a window or held by quiet hours). */
  pendingCount(): number;
  /** Set when the stored ledger was unreadable; notifications go on with an empty ledger. */
  readonly ledgerError: DocumentError | null;
  /**
   * Stops the timers and folds the ledger's journal into its file. What the windows still hold
   * stays pending on disk for the next start.
   */
  dispose(): void;
}

export function createNotificationCenter(options: NotificationCenterOptions): NotificationCenter {
  const { clock, settings, lookups = {} } = options;
  const ledger = createNotificationLedger(options.ledgerStore, options.ledgerOptions);

  /** Hands one banner to the host, then marks every ending it carries delivered. */
  function show(intent: NotificationIntent | null, members: readonly NotificationIntent[]): void {
    const release = intent ? options.deliver(intent) : undefined;
    try {
      // Nothing has shown yet if the host staged it: released, then marked, back to back.
      if (release) release();
    } finally {
      ledger.delivered(members.map((member) => member.key));
    }
  }

  const coalescer: Batcher<NotificationIntent> = createBatcher(
    clock,
    () => settings().coalesceWindowMs,
    (intents) => show(summarizeIntents(intents), intents),
  );
  const digest: Batcher<NotificationIntent> = createBatcher(
    clock,
    () => settings().digestWindowMs,
    (intents) => show(buildDigest(intents, 'away'), intents),
  );
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
    const released = held;
    held = [];
    show(buildDigest(released, 'quiet'), released);
  }

  function route(intent: NotificationIntent): void {
    if (intent.catchUp) digest.add(intent);
    else coalescer.add(intent);
  }

  // Accepted before a crash or quit, never delivered: back into their windows, shown once
  // (or held, like any other, when the app starts during quiet hours).
  const restartStatus = quietStatus(clock.now(), settings());
  const restored = ledger.pending();
  const holdNow = restored.filter((intent) => !showsDuringQuiet(intent, restartStatus, settings()));
  if (holdNow.length > 0) ledger.hold(holdNow.map((intent) => intent.key));
  let held: NotificationIntent[] = ledger.held();
  for (const intent of restored) if (!holdNow.includes(intent)) route(intent);
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
        intents.push(awayIfRecovered(event, intent));
      }
    }
    accept(intents, now, current);
  }

  /** A job followed from the submission ledger at start, first seen already ended: catch-up. */
  function awayIfRecovered(event: EngineEvent, intent: NotificationIntent): NotificationIntent {
    if (event.type !== 'job-added' || intent.catchUp || !options.endedWhileAway) return intent;
    return options.endedWhileAway({ serverId: event.serverId, jobId: event.job.id })
      ? { ...intent, catchUp: true }
      : intent;
  }

  /** Records the intents as pending (one ledger write), then batches or holds each. */
  function accept(intents: NotificationIntent[], now: number, current: NotificationSettings): void {
    if (intents.length === 0) return tick();
    const status = quietStatus(now, current);
    const holding = intents.filter((intent) => !showsDuringQuiet(intent, status, current));
    const shown = intents.filter((intent) => !holding.includes(intent));
    ledger.accept({ shown, held: holding }, now);
    for (const intent of shown) route(intent);
    if (holding.length > 0) held = [...held, ...holding];
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
    pendingCount: () => ledger.pending().length + held.length,
    ledgerError: ledger.loadError,
    dispose() {
      coalescer.dispose();
      digest.dispose();
      if (releaseTimer !== null) clock.clearTimeout(releaseTimer);
      releaseTimer = null;
      held = [];
      try {
        ledger.compact();
      } catch {
        // A full disk at quit: the journal still holds every change for the next start.
      }
    },
  };
}
