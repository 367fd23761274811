/** ListItemMemo: an unchanged list item is not read again; anything else is. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../main/core/cidx/job';
import { normalizeJob } from '../../../main/core/cidx/job';
import { ListItemMemo } from '../../../main/core/cidx/list-item-memo';
import { jobSchema } from '../../../main/core/cidx/schemas';
import { jobBody } from './support';

/** The client's own reading (validate, then normalize), counted. */
function countingReader() {
  const reader = {
    calls: 0,
    read: (item: unknown): Job | null => {
      reader.calls += 1;
      const parsed = jobSchema.safeParse(item);
      return parsed.success ? normalizeJob(parsed.data) : null;
    },
  };
  return reader;
}

describe('ListItemMemo', () => {
  it('returns the same job for an item equal to the last one, without reading it again', () => {
    const memo = new ListItemMemo();
    const reader = countingReader();
    const first = memo.read(jobBody({ progress: 40, result: { user_alias: 'docs' } }), reader.read);
    // A fresh parse of the same JSON: equal by value, not by reference.
    const again = memo.read(jobBody({ progress: 40, result: { user_alias: 'docs' } }), reader.read);
    expect(first).not.toBeNull();
    expect(again).toBe(first);
    expect(reader.calls).toBe(1);
  });

  it('reads an item again when any value moved, nested ones included', () => {
    const memo = new ListItemMemo();
    const reader = countingReader();
    memo.read(jobBody({ progress: 40, result: { user_alias: 'docs' } }), reader.read);
    const progressed = memo.read(jobBody({ progress: 41, result: { user_alias: 'docs' } }), reader.read);
    const renamed = memo.read(jobBody({ progress: 41, result: { user_alias: 'api' } }), reader.read);
    expect(reader.calls).toBe(3);
    expect(progressed?.progress).toBe(41);
    expect(renamed?.result).toEqual({ user_alias: 'api' });
  });

  it('never keeps an unreadable item, so it is read (and can be reported) every time', () => {
    const memo = new ListItemMemo();
    const reader = countingReader();
    const broken = { ...jobBody(), created_at: 42 };
    expect(memo.read(broken, reader.read)).toBeNull();
    expect(memo.read({ ...broken }, reader.read)).toBeNull();
    expect(reader.calls).toBe(2);
    expect(memo.size).toBe(0);
  });

  it('reads an item without a string job id every time', () => {
    const memo = new ListItemMemo();
    const reader = countingReader();
    memo.read({ ...jobBody(), job_id: 7 }, reader.read);
    memo.read({ ...jobBody(), job_id: 7 }, reader.read);
    expect(reader.calls).toBe(2);
  });

  it('forgets the earliest reading first when full', () => {
    const memo = new ListItemMemo(2);
    const reader = countingReader();
    memo.read(jobBody({ job_id: 'a' }), reader.read);
    memo.read(jobBody({ job_id: 'b' }), reader.read);
    memo.read(jobBody({ job_id: 'a', progress: 30 }), reader.read); // a read again: now the latest
    memo.read(jobBody({ job_id: 'c' }), reader.read); // b goes
    expect(memo.size).toBe(2);
    const before = reader.calls;
    memo.read(jobBody({ job_id: 'a', progress: 30 }), reader.read);
    expect(reader.calls).toBe(before);
    memo.read(jobBody({ job_id: 'b' }), reader.read);
    expect(reader.calls).toBe(before + 1);
  });
});
