import { describe, expect, it } from 'vitest';
import type { NotificationLedgerDocument } from '../../../main/core/notify';
import { createNotificationLedger } from '../../../main/core/notify';
import { memoryStore } from '../jobs/helpers';

const DAY = 24 * 60 * 60 * 1000;

describe('notification ledger', () => {
  it('persists keys across a restart', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    createNotificationLedger(store).add(['work/j1/failed'], 1_000);
    const reopened = createNotificationLedger(store);
    expect(reopened.has('work/j1/failed')).toBe(true);
    expect(reopened.has('work/j1/completed')).toBe(false);
  });

  it('prunes entries by age and bounds its size, oldest first', () => {
    const store = memoryStore<NotificationLedgerDocument>();
    const ledger = createNotificationLedger(store, { maxEntries: 3, maxAgeMs: 10 * DAY });
    ledger.add(['a'], 0);
    ledger.add(['b'], 5 * DAY);
    ledger.prune(11 * DAY);
    expect(ledger.has('a')).toBe(false);
    expect(ledger.has('b')).toBe(true);
    ledger.add(['c', 'd', 'e'], 11 * DAY);
    expect(ledger.size()).toBe(3);
    expect(ledger.has('b')).toBe(false);
    expect((store.value as NotificationLedgerDocument).entries.map((e) => e.key)).toEqual(['c', 'd', 'e']);
  });

  it('starts empty with an error value when the document is corrupt', () => {
    const store = memoryStore<NotificationLedgerDocument>({ version: 1, entries: 'oops' });
    const ledger = createNotificationLedger(store);
    expect(ledger.size()).toBe(0);
    expect(ledger.loadError).toMatchObject({ kind: 'corrupt-document', document: 'notification ledger' });
    expect(ledger.loadError?.message).toMatch(/at entries/);
    // It keeps working, and the next write replaces the broken document.
    ledger.add(['k'], 1);
    expect(createNotificationLedger(store).has('k')).toBe(true);
  });
});
