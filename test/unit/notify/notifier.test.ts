import { describe, expect, it } from 'vitest';
import type {
  NotificationIntent,
  NotificationLedgerDocument,
  NotificationSettingsInput,
} from '../../../main/core/notify';
import { createNotificationCenter, notificationSettingsSchema } from '../../../main/core/notify';
import type { MemoryStore } from '../jobs/helpers';
import { createFakeClock, finished, makeJob, makeServerState, memoryStore } from '../jobs/helpers';
import { addedEvent, finishEvent } from './events';

function setup(
  options: {
    store?: MemoryStore<NotificationLedgerDocument>;
    settings?: NotificationSettingsInput;
    clock?: ReturnType<typeof createFakeClock>;
  } = {},
) {
  const clock = options.clock ?? createFakeClock();
  const store = options.store ?? memoryStore<NotificationLedgerDocument>();
  let settings = notificationSettingsSchema.parse(options.settings ?? {});
  const delivered: NotificationIntent[] = [];
  const center = createNotificationCenter({
    clock,
    ledgerStore: store,
    settings: () => settings,
    deliver: (intent) => void delivered.push(intent),
    lookups: { serverName: () => 'Work server', signedInUser: () => 'alice' },
  });
  const setSettings = (input: NotificationSettingsInput) =>
    (settings = notificationSettingsSchema.parse(input));
  return { clock, store, center, delivered, setSettings };
}

describe('notification center', () => {
  it('delivers one notification after the coalescing window', () => {
    const { clock, center, delivered } = setup();
    center.handle(finishEvent('j1', 'completed'));
    expect(delivered).toEqual([]);
    clock.advanceSync(3_000);
    expect(delivered.map((i) => i.key)).toEqual(['work/j1/completed']);
  });

  it('is exactly once across a restart (new center, same ledger document)', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const first = setup({ store });
    first.center.handle(finishEvent('j1', 'failed'));
    first.clock.advanceSync(3_000);
    first.center.dispose();

    const second = setup({ store });
    second.center.handle(finishEvent('j1', 'failed'));
    second.center.handle(finishEvent('j1', 'failed', { catchUp: true }));
    second.clock.advanceSync(60_000);
    expect(first.delivered).toHaveLength(1);
    expect(second.delivered).toEqual([]);
  });

  it('does not notify again when a finished event is replayed after the server was offline', () => {
    const { clock, center, delivered } = setup();
    center.handle(finishEvent('j1', 'completed'));
    clock.advanceSync(3_000);
    center.handle({ type: 'server-state', serverId: 'work', state: makeServerState({ health: 'offline' }) });
    center.handle({ type: 'server-state', serverId: 'work', state: makeServerState({ health: 'online' }) });
    center.handle(finishEvent('j1', 'completed', { catchUp: true }));
    center.handle(addedEvent(finished(makeJob({ id: 'j1' }), 'completed'), true));
    clock.advanceSync(60_000);
    expect(delivered).toHaveLength(1);
  });

  it('turns a burst of 10 endings into one summary', () => {
    const { clock, center, delivered } = setup();
    for (let i = 0; i < 10; i += 1) center.handle(finishEvent(`j${i}`, i < 7 ? 'completed' : 'failed'));
    clock.advanceSync(3_000);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ kind: 'summary', title: '10 jobs finished' });
    expect(delivered[0]?.body).toMatch(/^3 failed, 7 completed\./);
  });

  it('gathers catch-up endings on start into one digest', () => {
    const { clock, center, delivered } = setup();
    center.handle(finishEvent('a', 'completed', { catchUp: true }));
    clock.advanceSync(4_000);
    center.handle(finishEvent('b', 'failed', { catchUp: true, serverId: 'home' }));
    center.handle(finishEvent('c', 'cancelled', { catchUp: true }));
    expect(delivered).toEqual([]);
    clock.advanceSync(6_000);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      kind: 'digest',
      title: 'While you were away: 3 jobs finished',
      body: '1 failed, 1 cancelled, 1 completed.\nFailed: Sync.',
    });
  });

  it('never notifies history', () => {
    const { clock, center, delivered, store } = setup();
    for (let i = 0; i < 30; i += 1) {
      center.handle(addedEvent(finished(makeJob({ id: `h${i}` }), i % 2 ? 'failed' : 'completed'), false));
    }
    clock.advanceSync(60_000);
    expect(delivered).toEqual([]);
    expect(store.writes).toBe(0);
  });

  it('holds quiet-hours notifications, lets failures through, and summarises at the end', () => {
    const clock = createFakeClock(new Date(2026, 10, 10, 23, 0).getTime());
    const { center, delivered } = setup({
      clock,
      settings: { quietHours: { enabled: true, start: '22:00', end: '07:00' } },
    });
    center.handle(finishEvent('a', 'completed'));
    center.handle(finishEvent('b', 'failed'));
    center.handle(finishEvent('c', 'cancelled'));
    clock.advanceSync(3_000);
    expect(delivered.map((i) => i.key)).toEqual(['work/b/failed']);
    expect(center.heldCount()).toBe(2);

    clock.advanceSyncTo(new Date(2026, 10, 11, 7, 0).getTime());
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toMatchObject({
      kind: 'digest',
      title: 'During quiet hours: 2 jobs finished',
      body: '1 cancelled, 1 completed.',
    });
    expect(center.heldCount()).toBe(0);
  });

  it('keeps what quiet hours held across a restart and summarises it after they end', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const quiet = { quietHours: { enabled: true, start: '22:00', end: '07:00' } };
    const night = setup({
      store,
      settings: quiet,
      clock: createFakeClock(new Date(2026, 10, 10, 23, 0).getTime()),
    });
    night.center.handle(finishEvent('a', 'completed'));
    night.center.handle(finishEvent('b', 'completed'));
    night.center.dispose();
    expect(night.delivered).toEqual([]);

    const morning = setup({
      store,
      settings: quiet,
      clock: createFakeClock(new Date(2026, 10, 11, 8, 0).getTime()),
    });
    expect(morning.center.heldCount()).toBe(2);
    morning.clock.advanceSync(0);
    expect(morning.delivered.map((i) => i.title)).toEqual(['During quiet hours: 2 jobs finished']);
    expect(morning.center.heldCount()).toBe(0);
    // Released once: a third start has nothing to show.
    const later = setup({
      store,
      settings: quiet,
      clock: createFakeClock(new Date(2026, 10, 11, 9, 0).getTime()),
    });
    later.clock.advanceSync(0);
    expect(later.delivered).toEqual([]);
  });

  it('holds failures too when they may not break through, and releases on a settings change', () => {
    const { clock, center, delivered, setSettings } = setup({
      settings: { pausedUntil: Date.UTC(2030, 0, 1), failuresBreakThrough: false },
    });
    center.handle(finishEvent('b', 'failed'));
    clock.advanceSync(3_000);
    expect(delivered).toEqual([]);
    setSettings({});
    center.tick();
    expect(delivered.map((i) => i.title)).toEqual(['During quiet hours: 1 job finished']);
  });

  it('goes on with an empty ledger and an error value when the ledger document is corrupt', () => {
    const store = memoryStore<NotificationLedgerDocument>({ version: 99, entries: [] });
    const { clock, center, delivered } = setup({ store });
    expect(center.ledgerError?.kind).toBe('corrupt-document');
    center.handle(finishEvent('j1', 'completed'));
    clock.advanceSync(3_000);
    expect(delivered).toHaveLength(1);
    expect((store.value as NotificationLedgerDocument).version).toBe(1);
  });

  it('flush delivers what the windows hold, and dispose leaves no timers behind', () => {
    const { clock, center, delivered } = setup();
    center.handle(finishEvent('a', 'completed'));
    center.handle(finishEvent('b', 'completed', { catchUp: true }));
    center.flush();
    expect(delivered.map((i) => i.kind)).toEqual(['finished', 'digest']);
    center.handle(finishEvent('c', 'completed'));
    center.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });
});
