import { describe, expect, it } from 'vitest';
import { isWithinQuietHours, quietStatus, showsDuringQuiet } from '../../../main/core/notify';

// Local times on purpose: quiet hours are the person's local evening.
const at = (hours: number, minutes = 0, day = 10) => new Date(2026, 10, day, hours, minutes).getTime();
const nightly = { enabled: true, start: '22:00', end: '07:00' };
const daytime = { enabled: true, start: '12:00', end: '13:30' };

describe('quiet hours', () => {
  it('handles a window across midnight', () => {
    expect(isWithinQuietHours(at(21, 59), nightly)).toBe(false);
    expect(isWithinQuietHours(at(22, 0), nightly)).toBe(true);
    expect(isWithinQuietHours(at(3, 0), nightly)).toBe(true);
    expect(isWithinQuietHours(at(7, 0), nightly)).toBe(false);
    expect(isWithinQuietHours(at(3, 0), { ...nightly, enabled: false })).toBe(false);
  });

  it('handles a window within a day, and treats start = end as empty', () => {
    expect(isWithinQuietHours(at(12, 30), daytime)).toBe(true);
    expect(isWithinQuietHours(at(13, 30), daytime)).toBe(false);
    expect(isWithinQuietHours(at(12, 0), { enabled: true, start: '12:00', end: '12:00' })).toBe(false);
  });

  it('says when quiet ends: the next local end time, or the pause, whichever is later', () => {
    expect(quietStatus(at(23), { quietHours: nightly, pausedUntil: null })).toEqual({
      quiet: true,
      reason: 'quiet-hours',
      until: at(7, 0, 11),
    });
    expect(quietStatus(at(2), { quietHours: nightly, pausedUntil: null })).toMatchObject({ until: at(7) });
    expect(quietStatus(at(15), { quietHours: nightly, pausedUntil: at(16) })).toEqual({
      quiet: true,
      reason: 'paused',
      until: at(16),
    });
    expect(quietStatus(at(15), { quietHours: nightly, pausedUntil: at(14) })).toEqual({ quiet: false });
  });

  it('lets failures through only when asked', () => {
    const quiet = quietStatus(at(23), { quietHours: nightly, pausedUntil: null });
    expect(showsDuringQuiet({ kind: 'failed' }, quiet, { failuresBreakThrough: true })).toBe(true);
    expect(showsDuringQuiet({ kind: 'failed' }, quiet, { failuresBreakThrough: false })).toBe(false);
    expect(showsDuringQuiet({ kind: 'finished' }, quiet, { failuresBreakThrough: true })).toBe(false);
    expect(showsDuringQuiet({ kind: 'finished' }, { quiet: false }, { failuresBreakThrough: false })).toBe(
      true,
    );
  });
});
