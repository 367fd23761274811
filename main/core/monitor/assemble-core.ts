/**
 * Builds the running pieces from the host's seams: the settings (never fatal), the app's
 * documents, the engine tuned by the settings, the job store restored from the job cache, the
 * submission ledger, and the typical durations learned from the cached jobs.
 */
import type { ConfigIssue } from '../config/config-issues';
import type { ConfigLoad } from '../config/config-file';
import { defaultConfigDocument } from '../config/settings';
import { sanitizeText } from '../cidx/sanitize';
import { PollingEngine } from '../engine/engine';
import { createJobStore } from '../jobs/job-store';
import { withActiveJobs } from '../jobs/job-snapshot';
import { createProgressHistory } from '../jobs/progress-history';
import { createSubmissionLedger } from '../jobs/submission-ledger';
import { createTypicalDurations } from '../jobs/typical-durations';
import { errorMessage } from '../text/error-message';
import type { CoreContext } from './core-context';
import type { CoreDocuments } from './core-documents';
import { openCoreDocuments, openViewerDocuments } from './core-documents';
import { JobViewCache } from './job-view-cache';
import { intervalsFrom } from './settings-commands';
import type { MonitorDeps } from './monitor-types';

async function loadConfig(deps: MonitorDeps): Promise<ConfigLoad> {
  try {
    return await deps.config.load();
  } catch (error) {
    // ConfigFile never throws; another host store might. Run on defaults, show why, save nothing.
    const why = error instanceof Error ? sanitizeText(error.message) : 'unknown error';
    return {
      document: defaultConfigDocument(),
      readOnly: true,
      issues: [{ kind: 'unreadable-file', message: `The settings could not be loaded (${why})` }],
    };
  }
}

export async function assembleCore(
  deps: MonitorDeps,
): Promise<{ ctx: CoreContext; documents: CoreDocuments }> {
  const { clock } = deps;
  const loaded = await loadConfig(deps);
  const issues: ConfigIssue[] = [...loaded.issues];
  const reportError = (error: unknown, context: string): void => {
    const detail = errorMessage(error);
    if (deps.logger) deps.logger.warn(`${context}: ${sanitizeText(detail)}`);
    else console.error(`[cidx tray] ${context}:`, sanitizeText(detail));
  };

  const open = deps.viewer ? openViewerDocuments : openCoreDocuments;
  const documents = open(
    deps.configDir,
    () => clock.now(),
    (issue) => issues.push(issue),
  );
  const store = createJobStore({ clock });
  // A corrupt cache was already moved aside by the document store (and reported): start empty.
  const restored = store.restore(withActiveJobs(documents.jobCache.read(), documents.activeJobs.read()));
  if (!restored.ok) issues.push({ kind: 'invalid-document', message: restored.error.message });
  const ledger = createSubmissionLedger(documents.submissions);
  if (ledger.loadError) issues.push({ kind: 'invalid-document', message: ledger.loadError.message });

  const engine = new PollingEngine({
    reportError,
    ...deps.engineOptions,
    clock,
    ...intervalsFrom(loaded.document.settings.polling),
  });

  const ctx: CoreContext = {
    deps,
    engine,
    store,
    history: createProgressHistory(),
    ledger,
    durations: createTypicalDurations(),
    views: new JobViewCache(),
    document: loaded.document,
    issues,
    apis: new Map(),
    identities: new Map(),
    reportError,
  };
  return { ctx, documents };
}
