import { describe, expect, it } from 'vitest';
import { compareRows, type JobRow } from '../../../main/cli/commands/jobs';
import { aJob, aServer, T0 } from './fixtures';

const row = (id: string, status: string, createdAt: number): JobRow => ({
  server: aServer(),
  job: aJob({ id, status, createdAt }),
  repository: null,
});

describe('compareRows', () => {
  it('puts running jobs first, then pending ones, then the rest, each newest first', () => {
    const rows = [
      row('done-old', 'completed', T0),
      row('pending-old', 'pending', T0 + 1),
      row('running-old', 'running', T0 + 2),
      row('failed-new', 'failed', T0 + 9),
      row('running-new', 'running', T0 + 5),
      row('preparing', 'resolving_prerequisites', T0 + 8),
      row('odd-status', 'frobnicating', T0 + 10),
    ];
    expect(rows.sort(compareRows).map((r) => r.job.id)).toEqual([
      'running-new',
      'running-old',
      'preparing',
      'pending-old',
      'odd-status',
      'failed-new',
      'done-old',
    ]);
  });

  it('treats equal rows as equal, so sorting is stable', () => {
    expect(compareRows(row('a', 'failed', T0), row('b', 'cancelled', T0))).toBe(0);
  });
});
