import type { ManualClock } from '../clock';
import type { CidxServerOptions, RunningCidxServer } from '../server';
import type { ScenarioDefinition } from '../types';
import type { ApiClient, ApiResponse } from './http-client';

/** What the contract test compares for one capture key. */
export interface Observed {
  status: number;
  headers: Record<string, string | null>;
  body: unknown;
}

export interface ReplayContext {
  api: ApiClient;
  server: RunningCidxServer;
  clock: ManualClock;
  /** Records the response that answers capture `key`. */
  record(key: string, response: ApiResponse): void;
  /** Records a non-response capture entry (e.g. `ghost_seq`) as raw JSON. */
  recordRaw(key: string, value: unknown): void;
}

/** How to reproduce one capture file against the double. */
export interface Replay {
  flavor: 'head' | 'v5';
  scenario: ScenarioDefinition;
  options?: Partial<CidxServerOptions>;
  /** Capture keys that are not responses of the server, or artefacts of the capture setup. */
  notReplayed?: Record<string, string>;
  run(ctx: ReplayContext): Promise<void>;
  /** Adapts a captured value where the replay had to differ on purpose (e.g. a user name). */
  rewriteCapture?(key: string, captured: unknown): unknown;
}

export function observe(response: ApiResponse): Observed {
  return {
    status: response.status,
    headers: {
      'www-authenticate': response.headers.get('www-authenticate'),
      'retry-after': response.headers.get('retry-after'),
    },
    body: response.body,
  };
}

/** The CLI's sync body (cidx-api.md §3.1). */
export const CLI_SYNC_BODY = {
  force_sync: false,
  incremental: true,
  pull_remote: true,
  ignore_patterns: null,
};

/** The repository probes both flavours' auth captures made, in this order. */
export async function recordRepoProbes(
  { api, record }: Pick<ReplayContext, 'api' | 'record'>,
  token: string,
): Promise<void> {
  record('repos_list', await api.get('/api/repos', token));
  record('repos_available', await api.get('/api/repos/available', token));
  record(
    'repos_sync_unknown',
    await api.request('POST', '/api/repos/sync', { token, body: { repository_alias: 'nope' } }),
  );
  record(
    'repositories_sync_unknown',
    await api.request('POST', '/api/repositories/nope/sync', { token, body: CLI_SYNC_BODY }),
  );
}
