import { describe, expect, it } from 'vitest';
import type { SubmissionLedgerDocument, SubmissionRecord } from '../../../main/core/jobs';
import { createSubmissionLedger } from '../../../main/core/jobs';
import { memoryStore } from './helpers';

const sync = (jobId: string, submittedAt = 0): SubmissionRecord => ({
  serverId: 'work',
  jobId,
  operation: 'sync',
  repository: 'my-proj',
  options: { incremental: true },
  submittedAt,
});

describe('submission ledger', () => {
  it('persists entries and finds them again after a restart', () => {
    const store = memoryStore<SubmissionLedgerDocument>();
    createSubmissionLedger(store).record(sync('j1'));
    createSubmissionLedger(store).record({
      serverId: 'work',
      jobId: 'j2',
      operation: 'golden-refresh',
      alias: 'proj-golden',
      submittedAt: 1,
    });
    const reopened = createSubmissionLedger(store);
    expect(reopened.loadError).toBeNull();
    expect(reopened.get({ serverId: 'work', jobId: 'j1' })).toEqual(sync('j1'));
    expect(reopened.get({ serverId: 'work', jobId: 'j2' })).toMatchObject({ alias: 'proj-golden' });
    expect(reopened.get({ serverId: 'home', jobId: 'j1' })).toBeUndefined();
  });

  it('drops the oldest entries beyond its bound', () => {
    const store = memoryStore<SubmissionLedgerDocument>();
    const ledger = createSubmissionLedger(store, { maxEntries: 3 });
    for (let i = 0; i < 5; i += 1) ledger.record(sync(`j${i}`, i));
    expect(ledger.entries().map((e) => e.jobId)).toEqual(['j2', 'j3', 'j4']);
    expect((store.value as SubmissionLedgerDocument).entries).toHaveLength(3);
  });

  it('starts empty with an error value when the document is broken', () => {
    const store = memoryStore<SubmissionLedgerDocument>({
      version: 1,
      entries: [{ jobId: 'x', operation: 'teleport' }],
    });
    const ledger = createSubmissionLedger(store);
    expect(ledger.entries()).toEqual([]);
    expect(ledger.loadError?.kind).toBe('corrupt-document');
    expect(ledger.loadError?.message).toMatch(/submission ledger was ignored/);
  });

  it('turns a store that throws on read into an error value', () => {
    const ledger = createSubmissionLedger({
      read: () => {
        throw new SyntaxError('Unexpected token } in JSON');
      },
      write: () => undefined,
    });
    expect(ledger.loadError?.message).toMatch(/could not be read \(Unexpected token/);
  });
});

describe('submission ledger shared by two processes', () => {
  /** One document, reloadable, as two processes see the same file. */
  function sharedStore() {
    let document: unknown = undefined;
    return {
      read: () => document as SubmissionLedgerDocument,
      write: (value: SubmissionLedgerDocument) => {
        document = structuredClone(value);
      },
      reload: () => document as SubmissionLedgerDocument,
    };
  }

  it('keeps what the other process recorded when it records its own', () => {
    const file = sharedStore();
    const tray = createSubmissionLedger(file);
    const cli = createSubmissionLedger(file);
    cli.record(sync('from-cli'));
    tray.record(sync('from-tray'));
    const reopened = createSubmissionLedger(file);
    expect(
      reopened
        .entries()
        .map((e) => e.jobId)
        .sort(),
    ).toEqual(['from-cli', 'from-tray']);
  });

  it('counts every entry it learns (recorded here or taken in), so views know when to look again', () => {
    const file = sharedStore();
    let clock = 0;
    const tray = createSubmissionLedger(file, { now: () => clock });
    const before = tray.version();
    tray.record(sync('mine'));
    expect(tray.version()).toBe(before + 1);
    createSubmissionLedger(file).record(sync('from-cli'));
    tray.sync(); // recording looked at the file a moment ago: no second look yet
    expect(tray.version()).toBe(before + 1);
    clock += 1_000;
    tray.sync();
    expect(tray.version()).toBe(before + 2);
    createSubmissionLedger(file).record(sync('later'));
    tray.sync(); // within a second of the last look
    expect(tray.version()).toBe(before + 2);
    clock += 1_000;
    tray.sync();
    expect(tray.version()).toBe(before + 3);
    expect(tray.get({ serverId: 'work', jobId: 'later' })).toEqual(sync('later'));
  });

  it('finds an entry the other process recorded after this one started', () => {
    const file = sharedStore();
    const tray = createSubmissionLedger(file);
    createSubmissionLedger(file).record(sync('late'));
    expect(tray.get({ serverId: 'work', jobId: 'late' })).toEqual(sync('late'));
  });
});
