import { describe, expect, it } from 'vitest';
import {
  elapsedOf,
  formatAge,
  formatDuration,
  operationLabel,
  plainText,
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

describe('plainText', () => {
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

  it('drops colour and cursor escape sequences whole, without debris', () => {
    const text = plainText('\u001b[31mRED\u001b[0m and \u001b[2J\u001b[1;1Hcleared');
    expect(text).toBe('RED and cleared');
    expect(text).not.toMatch(CONTROL);
  });

  it('drops OSC sequences (window titles, hyperlinks) and C1 CSI', () => {
    expect(plainText('a\u001b]0;pwned title\u0007b')).toBe('ab');
    expect(plainText('see \u001b]8;;https://evil.example\u001b\\here\u001b]8;;\u001b\\')).toBe('see here');
    expect(plainText('x\u009b31my')).toBe('xy');
  });

  it('removes other control characters and folds line breaks into spaces', () => {
    const text = plainText('one\r\ntwo \u0007\u0000three\u007f\tfour\nfive');
    expect(text).toBe('one two three four five');
    expect(text).not.toMatch(CONTROL);
  });

  it('cuts very long text with an ellipsis at the limit', () => {
    const text = plainText('x'.repeat(10_000));
    expect([...text]).toHaveLength(500);
    expect(text.endsWith('…')).toBe(true);
    expect(plainText('y'.repeat(50), 10)).toBe(`${'y'.repeat(9)}…`);
    expect(plainText('short', 10)).toBe('short');
  });

  it('keeps ordinary text, punctuation and non-ASCII letters', () => {
    expect(plainText("Repository 'café-app' failed: git [exit 128] — ✗")).toBe(
      "Repository 'café-app' failed: git [exit 128] — ✗",
    );
  });
});
