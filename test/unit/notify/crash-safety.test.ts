/**
 * Issue 8, "exactly once, for real": what the notification center promises when the process
 * dies at any moment. Every accepted intent is on disk as pending before a window holds it and
 * stays pending until the host's deliver returned; the next start shows what is pending once.
 */
import { describe, expect, it } from 'vitest';
import type {
  NotificationIntent,
  NotificationLedgerDocument,
  NotificationSettingsInput,
} from '../../../main/core/notify';
import {
  createNotificationCenter,
  createNotificationLedger,
  notificationSettingsSchema,
} from '../../../main/core/notify';
import type { JobRef } from '../../../main/core/jobs/tracked-job';
import type { MemoryStore } from '../jobs/helpers';
import { createFakeClock, finished, makeJob, memoryStore } from '../jobs/helpers';
import { addedEvent, finishEvent } from './events';

/** One run of the app: a center over the shared ledger document, with its own clock. */
function run(
  store: MemoryStore<NotificationLedgerDocument>,
  options: {
    settings?: NotificationSettingsInput;
    deliver?: (intent: NotificationIntent) => void;
    endedWhileAway?: (ref: JobRef) => boolean;
  } = {},
) {
  const clock = createFakeClock();
  const delivered: NotificationIntent[] = [];
  const settings = notificationSettingsSchema.parse(options.settings ?? {});
  const center = createNotificationCenter({
    clock,
    ledgerStore: store,
    settings: () => settings,
    deliver: (intent) => {
      delivered.push(intent);
      options.deliver?.(intent);
    },
    lookups: { serverName: () => 'Work server', signedInUser: () => 'alice' },
    endedWhileAway: options.endedWhileAway,
  });
  return { clock, center, delivered };
}

const doc = (store: MemoryStore<NotificationLedgerDocument>) => store.value as NotificationLedgerDocument;

describe('notifications survive a crash', () => {
  it('writes an intent as pending before any window holds it', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const { center, delivered } = run(store);
    center.handle(finishEvent('j1', 'failed'));
    expect(delivered).toEqual([]);
    expect(doc(store).entries.map((entry) => entry.key)).toEqual(['work/j1/failed']);
    expect(doc(store).pending.map((intent) => intent.key)).toEqual(['work/j1/failed']);
    expect(center.pendingCount()).toBe(1);
  });

  it('marks it delivered once the host has it', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const { clock, center, delivered } = run(store);
    center.handle(finishEvent('j1', 'completed'));
    clock.advanceSync(3_000);
    expect(delivered).toHaveLength(1);
    expect(doc(store).pending).toEqual([]);
    expect(doc(store).entries.map((entry) => entry.key)).toEqual(['work/j1/completed']);
    expect(center.pendingCount()).toBe(0);
  });

  it('shows what a crash inside the coalescing window left pending, once, at the next start', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const before = run(store);
    before.center.handle(finishEvent('a', 'completed'));
    before.center.handle(finishEvent('b', 'failed'));
    // Killed: no flush, no dispose; the first run's timers die with it.
    const after = run(store);
    // The engine reports the same endings again after the restart: they are not new.
    after.center.handle(finishEvent('a', 'completed', { catchUp: true }));
    after.clock.advanceSync(60_000);
    expect(before.delivered).toEqual([]);
    expect(after.delivered).toHaveLength(1);
    expect(after.delivered[0]).toMatchObject({ kind: 'summary', title: '2 jobs finished' });
    expect(doc(store).pending).toEqual([]);

    const third = run(store);
    third.clock.advanceSync(60_000);
    expect(third.delivered).toEqual([]);
  });

  it('a crash inside the digest window: the catch-up endings join the next start’s digest', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const before = run(store);
    before.center.handle(finishEvent('a', 'completed', { catchUp: true }));
    const after = run(store);
    after.center.handle(finishEvent('b', 'failed', { catchUp: true }));
    after.clock.advanceSync(10_000);
    expect(after.delivered).toHaveLength(1);
    expect(after.delivered[0]).toMatchObject({
      kind: 'digest',
      title: 'While you were away: 2 jobs finished',
    });
  });

  it('a lone pending ending comes back as itself', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    run(store).center.handle(finishEvent('a', 'failed'));
    const after = run(store);
    after.clock.advanceSync(3_000);
    expect(after.delivered.map((intent) => intent.key)).toEqual(['work/a/failed']);
  });

  it('dying between showing and marking shows it again: a duplicate, never a loss', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    let dead = false;
    const write = store.write.bind(store);
    store.write = (value) => {
      if (dead) throw new Error('killed');
      write(value);
    };
    const before = run(store, { deliver: () => (dead = true) });
    before.center.handle(finishEvent('a', 'completed'));
    expect(() => before.clock.advanceSync(3_000)).toThrow('killed');
    expect(before.delivered).toHaveLength(1);

    dead = false;
    const after = run(store);
    after.clock.advanceSync(3_000);
    expect(after.delivered.map((intent) => intent.key)).toEqual(['work/a/completed']);
  });

  it('marks delivered with one journal append, after the banner', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const steps: string[] = [];
    const journaled = Object.assign(store, {
      journal: {
        read: () => [],
        append: (entry: object) => steps.push(`append ${(entry as { op: string }).op}`),
        clear: () => steps.push('clear'),
      },
    });
    const clock = createFakeClock();
    const center = createNotificationCenter({
      clock,
      ledgerStore: journaled,
      settings: () => notificationSettingsSchema.parse({}),
      deliver: (intent) => void steps.push(`deliver ${intent.key}`),
    });
    center.handle(finishEvent('a', 'completed'));
    clock.advanceSync(3_000);
    expect(steps).toEqual(['append accept', 'deliver work/a/completed', 'append delivered']);
    // The whole document is written only when the journal is folded in (here: at quit).
    expect(store.writes).toBe(0);
    center.dispose();
    expect(steps.at(-1)).toBe('clear');
    expect(doc(store)).toMatchObject({ seq: 2, pending: [], entries: [{ key: 'work/a/completed' }] });
  });

  it('the quiet-hours digest stays held until it was shown', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    store.value = {
      version: 1,
      entries: [{ key: 'work/a/completed', at: 0 }],
      held: [
        {
          key: 'work/a/completed',
          kind: 'finished',
          title: 'Sync completed',
          body: 'On Work server.',
          serverId: 'work',
          jobIds: ['a'],
          jobs: [{ serverId: 'work', jobId: 'a' }],
          actions: ['open'],
          urgency: 'normal',
          status: 'completed',
        },
      ],
    };
    let dead = false;
    const write = store.write.bind(store);
    store.write = (value) => {
      if (dead) throw new Error('killed');
      write(value);
    };
    const first = run(store, { deliver: () => (dead = true) });
    expect(() => first.clock.advanceSync(0)).toThrow('killed');
    expect(doc(store).held).toHaveLength(1);
    dead = false;
    const second = run(store);
    second.clock.advanceSync(0);
    expect(second.delivered.map((intent) => intent.title)).toEqual(['During quiet hours: 1 job finished']);
    expect(doc(store).held).toEqual([]);
  });

  it('a restart during quiet hours holds what was pending, like any other ending', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    run(store).center.handle(finishEvent('a', 'completed'));
    const clock = createFakeClock(new Date(2026, 10, 10, 23, 0).getTime());
    const delivered: NotificationIntent[] = [];
    const settings = notificationSettingsSchema.parse({
      quietHours: { enabled: true, start: '22:00', end: '07:00' },
    });
    const center = createNotificationCenter({
      clock,
      ledgerStore: store,
      settings: () => settings,
      deliver: (intent) => void delivered.push(intent),
    });
    expect(center.heldCount()).toBe(1);
    expect(doc(store).pending).toEqual([]);
    clock.advanceSync(60_000);
    expect(delivered).toEqual([]);
    clock.advanceSyncTo(new Date(2026, 10, 11, 7, 0).getTime());
    expect(delivered.map((intent) => intent.title)).toEqual(['During quiet hours: 1 job finished']);
    expect(doc(store).held).toEqual([]);
  });

  it('reads a ledger written before pending intents existed', () => {
    const store = memoryStore<NotificationLedgerDocument>({
      version: 1,
      entries: [{ key: 'work/a/completed', at: 1 }],
      held: [],
    });
    const ledger = createNotificationLedger(store);
    expect(ledger.loadError).toBeNull();
    expect(ledger.has('work/a/completed')).toBe(true);
    expect(ledger.pending()).toEqual([]);
  });

  it('a job followed from the submission ledger and first seen already ended goes to the digest', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const { clock, center, delivered } = run(store, {
      endedWhileAway: (ref) => ref.jobId === 'mine',
    });
    center.handle(addedEvent(finished(makeJob({ id: 'mine', username: 'alice' }), 'completed'), true));
    center.handle(addedEvent(finished(makeJob({ id: 'other', username: 'alice' }), 'failed'), true));
    clock.advanceSync(3_000);
    expect(delivered.map((intent) => intent.key)).toEqual(['work/other/failed']);
    clock.advanceSync(10_000);
    expect(delivered[1]).toMatchObject({ kind: 'digest', title: 'While you were away: 1 job finished' });
  });

  it('a staged banner is released, then marked delivered; a kill before the release leaves it pending', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const steps: string[] = [];
    const clock = createFakeClock();
    const settings = notificationSettingsSchema.parse({});
    const center = createNotificationCenter({
      clock,
      ledgerStore: store,
      settings: () => settings,
      deliver: (intent) => {
        steps.push(`staged ${intent.key}, pending ${doc(store).pending.length}`);
        return () => steps.push(`released, pending ${doc(store).pending.length}`);
      },
    });
    center.handle(finishEvent('j1', 'failed'));
    clock.advanceSync(settings.coalesceWindowMs);
    // Staged and released while still pending on disk: a kill up to the release shows nothing
    // (the staged process reads end-of-file) and the next start shows it.
    expect(steps).toEqual(['staged work/j1/failed, pending 1', 'released, pending 1']);
    expect(doc(store).pending).toEqual([]);
    expect(center.pendingCount()).toBe(0);
  });
});
