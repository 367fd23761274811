/**
 * Operations and repositories in words, for notifications, tooltips and the CLI
 * (operation types: cidx-api.md §2.8; unknown values are shown as readable text).
 */
import type { Job } from '../cidx/job';
import { repositoryClue } from './repository-clues';
import type { SubmissionRecord } from './submission-ledger';
import { refreshAliasOf } from './retry';

const NAMES: Record<string, string> = {
  sync_repository: 'Sync',
  global_repo_refresh: 'Golden repository refresh',
  refresh_golden_repo: 'Golden repository refresh',
  add_golden_repo: 'Adding golden repository',
  remove_golden_repo: 'Removing golden repository',
  activate_repository: 'Activation',
  activate_composite_repository: 'Activation',
  deactivate_repository: 'Deactivation',
  reindex: 'Re-index',
  change_branch: 'Branch change',
  provider_index_add: 'Index build',
  provider_temporal_index_rebuild: 'Temporal index rebuild',
  data_retention_cleanup: 'Data retention cleanup',
};

export function operationInWords(operationType: string): string {
  const known = NAMES[operationType];
  if (known) return known;
  if (operationType.startsWith('add_index_')) return 'Index build';
  const words = operationType.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Job';
}

/**
 * The repository a job concerns: the ledger knows what this app submitted; otherwise whatever
 * the job reveals in its result or error text (§2.1). The one derivation: views, notifications,
 * the tray and the CLI all ask here, so they never name a job differently.
 */
export function repositoryOf(
  job: Pick<Job, 'operationType' | 'result' | 'error'>,
  entry?: SubmissionRecord,
): string | null {
  if (entry) return entry.operation === 'sync' ? entry.repository : entry.alias;
  // A refresh's alias carries HEAD's "-global" suffix, which the person never typed.
  const isRefresh = job.operationType === 'global_repo_refresh' || job.operationType === 'refresh_golden_repo';
  return (isRefresh ? refreshAliasOf(job) : null) ?? repositoryClue(job);
}
