/** A summary of nothing, with the given parts: for tests and benchmarks that need one by hand. */
import type { JobsSummary } from '../../preload/views';

export const jobsSummary = (parts: Partial<JobsSummary> = {}): JobsSummary => ({
  countsByStatus: {},
  total: 0,
  running: 0,
  pending: 0,
  progress: null,
  unacknowledgedFailures: 0,
  worst: 'idle',
  ...parts,
});
