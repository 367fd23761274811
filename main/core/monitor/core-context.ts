/**
 * The running pieces the monitor's modules share. One object, built once by `createMonitor`;
 * each module gets it instead of a dozen arguments.
 */
import type { CidxApi } from '../cidx/api';
import type { ConfigIssue } from '../config/config-issues';
import type { ConfigDocument } from '../config/settings';
import type { PollingEngine } from '../engine/engine';
import type { JobStore } from '../jobs/job-store';
import type { ProgressHistory } from '../jobs/progress-history';
import type { SubmissionLedger } from '../jobs/submission-ledger';
import type { TypicalDurations } from '../jobs/typical-durations';
import type { JobViewCache } from './job-view-cache';
import type { MonitorDeps } from './monitor-types';

/** Who is signed in on a server, learned from its probe. */
export interface Identity {
  username: string | null;
  role: string | null;
}

export interface CoreContext {
  deps: MonitorDeps;
  engine: PollingEngine;
  store: JobStore;
  history: ProgressHistory;
  ledger: SubmissionLedger;
  durations: TypicalDurations;
  /** The last view built of each job, reused while its record is unchanged. */
  views: JobViewCache;
  /** The settings document as last loaded or saved; replaced, never mutated. */
  document: ConfigDocument;
  issues: ConfigIssue[];
  /** Clients of the servers being polled (enabled ones), by server id. */
  apis: Map<string, CidxApi>;
  identities: Map<string, Identity>;
  reportError(error: unknown, context: string): void;
}
