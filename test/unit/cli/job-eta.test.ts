import { describe, expect, it } from 'vitest';
import { roughEtaMs } from '../../../main/cli/commands/job';
import { aJob, T0 } from './fixtures';

const refresh = (overrides: Parameters<typeof aJob>[0] = {}) =>
  aJob({ operationType: 'global_repo_refresh', startedAt: T0, ...overrides });

describe('roughEtaMs', () => {
  it('extrapolates linearly from the start for operations with real percentages', () => {
    // 25 % in 60 s: 75 % more takes 180 s.
    expect(roughEtaMs(refresh({ progress: 25 }), T0 + 60_000)).toBe(180_000);
    expect(roughEtaMs(refresh({ progress: 50 }), T0 + 60_000)).toBe(60_000);
    expect(roughEtaMs(aJob({ operationType: 'add_index_semantic', progress: 80 }), T0 + 80_000)).toBe(20_000);
  });

  it('gives no ETA for a sync, whose 25 % means nothing (cidx-api.md §4.6)', () => {
    expect(roughEtaMs(aJob({ operationType: 'sync_repository', progress: 25 }), T0 + 60_000)).toBeNull();
  });

  it('gives no ETA below 5 % or at 100 %, where the guess would be wild or pointless', () => {
    expect(roughEtaMs(refresh({ progress: 4 }), T0 + 60_000)).toBeNull();
    expect(roughEtaMs(refresh({ progress: 5 }), T0 + 60_000)).toBe(1_140_000);
    expect(roughEtaMs(refresh({ progress: 100 }), T0 + 60_000)).toBeNull();
  });

  it('gives no ETA for jobs that are not running or never started', () => {
    expect(roughEtaMs(refresh({ status: 'pending', progress: 50 }), T0 + 60_000)).toBeNull();
    expect(roughEtaMs(refresh({ status: 'completed', progress: 50 }), T0 + 60_000)).toBeNull();
    expect(roughEtaMs(refresh({ startedAt: null, progress: 50 }), T0 + 60_000)).toBeNull();
  });
});
