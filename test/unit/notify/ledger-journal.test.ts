/**
 * The notification ledger on disk as the app keeps it: a snapshot (notifications.json) and a
 * journal of changes beside it (notifications.json.journal). A change costs one appended line;
 * a restart replays the journal once and folds it into the snapshot; a line cut short is left
 * out; entries the snapshot already holds are never applied twice.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATIONS_FILE_NAME, openCoreDocuments } from '../../../main/core/monitor/core-documents';
import type { NotificationIntent } from '../../../main/core/notify';
import { createNotificationLedger } from '../../../main/core/notify';

const intent = (key: string): NotificationIntent => ({
  key,
  kind: 'finished',
  title: key,
  body: '',
  serverId: 'work',
  jobIds: [],
  jobs: [],
  actions: ['open'],
  urgency: 'normal',
});

describe('the notification ledger file and its journal', () => {
  let dir: string;
  const snapshotPath = () => join(dir, NOTIFICATIONS_FILE_NAME);
  const journalPath = () => `${snapshotPath()}.journal`;
  const open = (options: { compactAfter?: number } = {}) =>
    createNotificationLedger(openCoreDocuments(dir, Date.now, () => {}).notifications, options);
  const journalLines = () => readFileSync(journalPath(), 'utf8').trim().split('\n').filter(Boolean);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cidx-ledger-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one line per change and leaves the snapshot alone until it compacts', () => {
    const ledger = open();
    ledger.accept({ shown: [intent('a'), intent('b')], held: [] }, 1);
    ledger.delivered(['a']);
    expect(journalLines().map((line) => (JSON.parse(line) as { op: string }).op)).toEqual([
      'accept',
      'delivered',
    ]);
    expect(() => statSync(snapshotPath())).toThrow();

    const reopened = open();
    expect(reopened.has('a') && reopened.has('b')).toBe(true);
    expect(reopened.pending().map((entry) => entry.key)).toEqual(['b']);
    // Folded into the snapshot at start: one file says it all, the journal is empty.
    expect(JSON.parse(readFileSync(snapshotPath(), 'utf8'))).toMatchObject({
      seq: 2,
      pending: [{ key: 'b' }],
    });
    expect(journalLines()).toEqual([]);
  });

  it('compacts after so many entries, and at quit', () => {
    const ledger = open({ compactAfter: 3 });
    for (const key of ['a', 'b', 'c', 'd']) ledger.add([key], 1);
    expect(journalLines()).toEqual([]);
    expect(JSON.parse(readFileSync(snapshotPath(), 'utf8')).entries).toHaveLength(4);
    ledger.add(['e'], 2);
    expect(journalLines()).toHaveLength(1);
    ledger.compact();
    expect(journalLines()).toEqual([]);
    expect(open().size()).toBe(5);
  });

  it('leaves out a line a power cut tore, and never applies an entry the snapshot holds', () => {
    const ledger = open();
    ledger.accept({ shown: [intent('a')], held: [] }, 1);
    const before = readFileSync(journalPath(), 'utf8');
    ledger.delivered(['a']);
    // A snapshot written, then killed before the journal was emptied: its entries replay as no-ops.
    writeFileSync(
      snapshotPath(),
      JSON.stringify({ version: 1, entries: [{ key: 'a', at: 1 }], held: [], pending: [], seq: 2 }),
    );
    writeFileSync(journalPath(), before);
    appendFileSync(journalPath(), '{"seq":3,"op":"accept","at":5,"shown":[{"key":"x"');
    const reopened = open();
    expect(reopened.pending()).toEqual([]);
    expect(reopened.has('x')).toBe(false);
    expect(reopened.has('a')).toBe(true);
  });

  it('rebuilds what it can from the journal when the snapshot is unreadable', () => {
    const ledger = open();
    ledger.accept({ shown: [intent('a')], held: [] }, 1);
    writeFileSync(snapshotPath(), '{ not json');
    // The store moves the broken file aside and says so; the journal brings the changes back.
    const reopened = open();
    expect(reopened.pending().map((entry) => entry.key)).toEqual(['a']);
    reopened.delivered(['a']);
    expect(open().pending()).toEqual([]);
  });
});
