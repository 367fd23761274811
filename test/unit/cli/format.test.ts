import { describe, expect, it } from 'vitest';
import {
  elapsedOf,
  formatAge,
  formatDuration,
  operationLabel,
  statusLabel,
} from '../../../main/cli/output/format';
import { aJob, T0 } from './fixtures';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5_000, '0s'],
    [1_499, '1s'],
    [59_000, '59s'],
    [60_000, '1m 00s'],
    [61_000, '1m 01s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h 00m'],
    [47 * 3_600_000 + 59 * 60_000, '47h 59m'],
    [48 * 3_600_000, '2d 0h'],
    [75 * 3_600_000, '3d 3h'],
  ])('%i ms is "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  it('says how long ago, or never', () => {
    expect(formatAge(T0 - 12_000, T0)).toBe('12s ago');
    expect(formatAge(T0 - 180_000, T0)).toBe('3m 00s ago');
    expect(formatAge(null, T0)).toBe('never');
  });
});

describe('statusLabel and operationLabel', () => {
  it('gives known statuses a symbol and a word, and passes unknown ones through', () => {
    expect(statusLabel('completed')).toBe('✓ completed');
    expect(statusLabel('failed')).toBe('✗ failed');
    expect(statusLabel('completed_partial')).toBe('◐ partial');
    expect(statusLabel('resolving_prerequisites')).toBe('… preparing');
    expect(statusLabel('frobnicating')).toBe('frobnicating');
  });

  it('turns operation types into words', () => {
    expect(operationLabel('sync_repository')).toBe('sync repository');
    expect(operationLabel('global_repo_refresh')).toBe('global repo refresh');
    expect(operationLabel('x')).toBe('x');
  });
});

describe('elapsedOf', () => {
  it('measures a running job up to now and a finished one up to its end', () => {
    expect(elapsedOf(aJob({ startedAt: T0 }), T0 + 7_000)).toBe(7_000);
    expect(elapsedOf(aJob({ startedAt: T0, completedAt: T0 + 3_000 }), T0 + 60_000)).toBe(3_000);
  });

  it('knows nothing about a job that never started (HEAD tracker quirk)', () => {
    expect(elapsedOf(aJob({ startedAt: null }), T0)).toBeNull();
  });
});
