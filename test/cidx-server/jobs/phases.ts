import type { PhaseStep } from '../types';

/** The indexer's own progress line format (cidx-api.md §4.6). */
const SEMANTIC_LINE = '45/120 files (37%) | 12.3 files/s | 210.4 KB/s | 8 threads | 📊 utils.py';

const semantic: PhaseStep[] = [
  { phase: 'semantic', detail: 'semantic: starting...', progress: 0 },
  { phase: 'semantic', detail: SEMANTIC_LINE, progress: 25 },
];
const fts: PhaseStep[] = [
  { phase: 'fts', detail: 'FTS: building index...', progress: 50 },
  { phase: 'fts', detail: 'FTS: complete', progress: 65 },
];
const temporal: PhaseStep[] = [{ phase: 'temporal', detail: 'temporal: indexing commits...', progress: 70 }];
const cow: PhaseStep[] = [
  { phase: 'cow', detail: 'Creating snapshot...', progress: 90 },
  { phase: 'cow', detail: 'Snapshot complete', progress: 98 },
];

/** HEAD jobs whose worker reports phases; everything else sits at 25 % (cidx-api.md §4.6). */
export function isPhaseAware(operation: string): boolean {
  return (
    operation.startsWith('add_index_') ||
    [
      'global_repo_refresh',
      'add_golden_repo',
      'reindex',
      'change_branch',
      'provider_index_add',
      'provider_temporal_index_rebuild',
    ].includes(operation)
  );
}

/** The phase plan the real worker of `operation` emits, with the doc's example strings. */
export function defaultPhases(operation: string, repository: string | null): PhaseStep[] {
  const alias = repository ?? 'repo';
  if (operation === 'global_repo_refresh') {
    return [
      ...semantic,
      ...fts,
      { phase: 'scip', detail: 'SCIP: generating code intelligence index...', progress: 80 },
      ...cow,
    ];
  }
  if (operation === 'add_golden_repo') {
    return [
      { phase: 'init', detail: 'init: initializing repository...', progress: 5 },
      { phase: 'init', detail: 'init: complete', progress: 10 },
      ...semantic,
      ...fts,
      ...cow,
    ];
  }
  if (operation.startsWith('add_index_')) {
    const types = operation.slice('add_index_'.length).split('_');
    const steps: PhaseStep[] = [];
    if (types.includes('semantic')) steps.push(...semantic);
    if (types.includes('fts')) steps.push(...fts);
    if (types.includes('temporal')) steps.push(...temporal);
    if (types.includes('scip') || steps.length === 0) {
      steps.push(
        { phase: 'scip', detail: 'SCIP: generating...', progress: 80 },
        { phase: 'scip', detail: 'SCIP: complete', progress: 95 },
      );
    }
    return steps;
  }
  if (operation === 'reindex') {
    return [
      {
        phase: 'semantic',
        detail: `Starting reindex for '${alias}' (types: ['semantic', 'fts'], clear: False)`,
        progress: 0,
      },
      { phase: 'semantic', detail: SEMANTIC_LINE, progress: 40 },
      { phase: 'complete', detail: 'Successfully reindexed all types: semantic, fts', progress: 100 },
    ];
  }
  if (operation === 'change_branch') {
    return [
      { phase: 'index', detail: 'branch change: rebuilding index on base clone...', progress: 20 },
      { phase: 'cow', detail: 'branch change: creating versioned snapshot...', progress: 60 },
      { phase: 'cleanup', detail: 'branch change: cleaning up FTS/HNSW branch data...', progress: 80 },
      { phase: 'swap', detail: 'branch change: activating new snapshot...', progress: 90 },
      { phase: 'complete', detail: "branch change: switched to 'develop'", progress: 100 },
    ];
  }
  if (operation.endsWith('_discovery')) {
    return [
      { phase: 'fetching', detail: 'Fetched 40/120 repos', progress: 33 },
      { phase: 'fetching', detail: 'Fetched 120/120 repos', progress: 100 },
    ];
  }
  return [...semantic, ...temporal];
}
