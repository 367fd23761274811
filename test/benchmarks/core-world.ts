/**
 * What every case of `npm run bench:core` builds on: a tray core over a throw-away config dir,
 * made through `createMonitor` (main/core/monitor; `createTrayCore` in main/core/service before
 * the rework) and its host seams only (clock, configDir, config, secrets, fetchFor,
 * deliverNotification, engineOptions, connect), with recorders on its public surface. The only file
 * of the benchmark that imports main/core/monitor.
 *
 * Patches are handled as `unknown`: the bench reads a few fields loosely (a summary, a kind) so a
 * new patch shape does not break it. Sizes are `JSON.stringify(patch)` lengths.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CidxApi } from '../../main/core/cidx/api';
import type { FetchLike } from '../../main/core/cidx/http';
import { nodeHostFetch } from '../../main/core/cidx/node-host-fetch';
import type { Clock } from '../../main/core/clock';
import type { AppSettingsInput, ServerConfigInput } from '../../main/core/config';
import {
  MemorySecretStore,
  appSettingsSchema,
  configDocumentPath,
  defaultConfigDocument,
  serverConfigSchema,
  setServerSecret,
} from '../../main/core/config';
import type { ConfigSeam, Monitor, MonitorDeps } from '../../main/core/monitor';
import { JOB_CACHE_FILE_NAME, SUBMISSIONS_FILE_NAME, createMonitor } from '../../main/core/monitor';
import { ok } from '../../main/core/result';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { findGc } from './gc';

/** heapUsed after a full collection (two passes: the second catches what finalizers freed). */
export function heapAfterGc(gc: (() => void) | null): number | null {
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

// ---- loose reading of patches, snapshots and notifications ---------------------------------

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a patch carries, in words: the `change.kind` of a one-change patch
 * (`{ version, change: { kind } }`), or the keys of a batch patch (`{ version, jobs, summary }`).
 */
export function patchParts(patch: unknown): string[] {
  if (!isObject(patch)) return ['?'];
  const change = patch.change;
  if (isObject(change) && typeof change.kind === 'string') return [change.kind];
  const keys = Object.keys(patch).filter((key) => key !== 'version' && patch[key] !== undefined);
  return keys.length > 0 ? keys : ['empty'];
}

/** The patch carries a summary (the old `summary-changed`, or a `summary` field). */
export const carriesSummary = (patch: unknown): boolean =>
  patchParts(patch).some((part) => part.toLowerCase().includes('summary'));

export interface Counts {
  running: number;
  pending: number;
}

function countsOf(summary: unknown): Counts | null {
  if (!isObject(summary)) return null;
  const { running, pending } = summary;
  return typeof running === 'number' && typeof pending === 'number' ? { running, pending } : null;
}

/** The running/pending counts of a summary a patch carries, if any. */
export function patchSummaryCounts(patch: unknown): Counts | null {
  if (!isObject(patch)) return null;
  return countsOf(patch.summary) ?? (isObject(patch.change) ? countsOf(patch.change.summary) : null);
}

/** `core.snapshot()` read loosely: its job count and its summary counts. */
export function readSnapshot(snapshot: unknown): { jobs: number | null; counts: Counts | null } {
  if (!isObject(snapshot)) return { jobs: null, counts: null };
  return {
    jobs: Array.isArray(snapshot.jobs) ? snapshot.jobs.length : null,
    counts: countsOf(snapshot.summary),
  };
}

/** The jobs a notification intent is about (`jobs: {serverId, jobId}[]`, else `jobIds`). */
export function notifiedJobs(intent: unknown): string[] {
  if (!isObject(intent)) return [];
  if (Array.isArray(intent.jobs)) {
    return intent.jobs.flatMap((job) =>
      isObject(job) && typeof job.jobId === 'string'
        ? [`${typeof job.serverId === 'string' ? job.serverId : ''}/${job.jobId}`]
        : [],
    );
  }
  const server = typeof intent.serverId === 'string' ? intent.serverId : '';
  return Array.isArray(intent.jobIds)
    ? intent.jobIds.filter((id): id is string => typeof id === 'string').map((id) => `${server}/${id}`)
    : [];
}

// ---- documents the core keeps beside config.json -------------------------------------------

/** One record of the job cache (main/core/jobs/job-snapshot.ts, `trackedJobSnapshotSchema`). */
export interface CachedJob {
  serverId: string;
  job: {
    id: string;
    operationType: string;
    status: string;
    createdAt: number;
    startedAt: number | null;
    completedAt: number | null;
    progress: number;
    result: unknown;
    error: string | null;
    username: string | null;
    phase: string | null;
    phaseDetail: string | null;
  };
  firstSeenAt: number;
  lastActivityAt: number;
  acknowledged: boolean;
}

/** One entry of the submission ledger (main/core/jobs/submission-ledger.ts). */
export type LedgerEntry =
  | {
      serverId: string;
      jobId: string;
      submittedAt: number;
      operation: 'sync';
      repository: string;
      options: Record<string, boolean>;
    }
  | { serverId: string; jobId: string; submittedAt: number; operation: 'golden-refresh'; alias: string };

export interface SeedDocuments {
  jobs?: CachedJob[];
  /** Last successful poll per server, as the job cache remembers it. */
  servers?: { serverId: string; lastSuccessAt: number | null }[];
  ledger?: LedgerEntry[];
}

/** Writes `job-cache.json` and `submissions.json` as the core itself writes them (version 1). */
export function writeSeedDocuments(dir: string, seed: SeedDocuments): void {
  if (seed.jobs) {
    const cache = { version: 1, jobs: seed.jobs, servers: seed.servers ?? [] };
    writeFileSync(configDocumentPath(dir, JOB_CACHE_FILE_NAME), `${JSON.stringify(cache)}\n`);
  }
  if (seed.ledger) {
    const ledger = { version: 1, entries: seed.ledger };
    writeFileSync(configDocumentPath(dir, SUBMISSIONS_FILE_NAME), `${JSON.stringify(ledger, null, 2)}\n`);
  }
}

const REPOS = ['my-proj', 'web-app', 'docs', 'infra', 'mobile-app', 'api', 'search', 'billing'];
export const repoName = (index: number): string => `${REPOS[index % REPOS.length]}-${index % 97}`;

/**
 * A finished, running or pending job of alice's as the cache holds it: syncs mostly, some
 * golden refreshes (phase-aware on HEAD), results and errors like the server's.
 */
export function cachedJob(
  serverId: string,
  id: string,
  status: string,
  createdAt: number,
  index: number,
  now: number,
): CachedJob {
  const refresh = index % 5 === 4;
  const startedAt = status === 'pending' ? null : createdAt + 2_000;
  const finished = status !== 'pending' && status !== 'running';
  const completedAt = finished ? createdAt + 2_000 + 5_000 + (index % 60) * 1_000 : null;
  const repository = repoName(index);
  return {
    serverId,
    job: {
      id,
      operationType: refresh ? 'global_repo_refresh' : 'sync_repository',
      status,
      createdAt,
      startedAt,
      completedAt,
      progress: status === 'completed' ? 100 : status === 'running' ? 10 + (index % 80) : 0,
      result:
        status === 'completed' && !refresh
          ? {
              success: true,
              message: `Successfully synced repository '${repository}' with golden repository`,
              repository_id: repository,
              changes_applied: true,
              files_changed: index % 13,
            }
          : null,
      error: status === 'failed' ? `Sync failed due to merge conflicts in repository '${repository}'` : null,
      username: 'alice',
      phase: status === 'running' && refresh ? 'semantic' : null,
      phaseDetail: status === 'running' && refresh ? `${index % 120}/120 files (${index % 100}%)` : null,
    },
    firstSeenAt: createdAt,
    lastActivityAt: completedAt ?? Math.min(now, createdAt + 3_000),
    acknowledged: true,
  };
}

/**
 * A 200-entry ledger the way real use leaves it: most entries are older submissions whose jobs
 * retention already dropped (so they are NOT in the store), a few are jobs still tracked.
 */
export function ledgerFor(
  servers: readonly string[],
  trackedIds: readonly { serverId: string; jobId: string }[],
  now: number,
  size = 200,
  trackedShare = 0.1,
): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const tracked = Math.min(trackedIds.length, Math.round(size * trackedShare));
  for (let index = 0; index < size; index += 1) {
    const ref =
      index < tracked
        ? trackedIds[Math.floor((index * trackedIds.length) / Math.max(1, tracked))]!
        : { serverId: servers[index % servers.length]!, jobId: `pruned-${String(index).padStart(6, '0')}` };
    const submittedAt = now - (size - index) * 60_000;
    entries.push(
      index % 5 === 4
        ? { ...ref, submittedAt, operation: 'golden-refresh', alias: repoName(index) }
        : { ...ref, submittedAt, operation: 'sync', repository: repoName(index), options: {} },
    );
  }
  return entries;
}

// ---- the core ---------------------------------------------------------------------------

/** A ConfigSeam over a document in memory: nothing else shares these settings. */
function memoryConfig(servers: ServerConfigInput[], settings: AppSettingsInput): ConfigSeam {
  let document = {
    ...defaultConfigDocument(),
    settings: appSettingsSchema.parse(settings),
    servers: servers.map((server) => serverConfigSchema.parse(server)),
  };
  return {
    load: async () => ({ document, issues: [], readOnly: false }),
    save: (next) => {
      document = next;
      return ok(next);
    },
  };
}

export interface PatchRecorder {
  count: number;
  /** Patches kept for sizing after a measurement (only while `keep` is on). */
  kept: unknown[];
  keep: boolean;
  /** Counts from the latest patch that carried a summary. */
  latestCounts: Counts | null;
}

export interface NotificationRecorder {
  calls: number;
  /**
   * The jobs named by the notifications since the last call, as serverId/jobId (a job twice if
   * notified twice). Nothing is kept past a drain: the churn case hands them to the doubles
   * process, so this process's heap is the core's.
   */
  drain(): string[];
}

export interface CoreRig {
  core: Monitor;
  dir: string;
  patches: PatchRecorder;
  notifications: NotificationRecorder;
  /** Problems the core logged (its reportError goes to the logger). */
  warnings: string[];
  /** Stops the core and removes the config dir. */
  close(): void;
}

export interface CoreRigOptions {
  clock: Clock;
  servers: ServerConfigInput[];
  settings?: AppSettingsInput;
  seed?: SeedDocuments;
  /** API keys by server id, for servers with `auth: { mode: 'api-key' }`. */
  apiKeys?: Record<string, string>;
  /** Omit to connect over HTTP (`connectServer` with Node's fetch), as the hosts do. */
  connect?: (serverId: string) => CidxApi;
  engineOptions?: MonitorDeps['engineOptions'];
}

export async function createCoreRig(options: CoreRigOptions): Promise<CoreRig> {
  const dir = mkdtempSync(join(tmpdir(), 'cidx-core-bench-'));
  const secrets = new MemorySecretStore();
  for (const [serverId, apiKey] of Object.entries(options.apiKeys ?? {}))
    await setServerSecret(secrets, serverId, 'apiKey', apiKey);
  if (options.seed) writeSeedDocuments(dir, options.seed);

  const patches: PatchRecorder = { count: 0, kept: [], keep: false, latestCounts: null };
  let notifiedSinceDrain: string[] = [];
  const notifications: NotificationRecorder = {
    calls: 0,
    drain() {
      const drained = notifiedSinceDrain;
      notifiedSinceDrain = [];
      return drained;
    },
  };
  const warnings: string[] = [];
  // What browser mode uses (no proxy set here: Node's own HTTP client).
  const sharedFetch: FetchLike = nodeHostFetch({}, process.env);
  const connect = options.connect;
  const core = await createMonitor({
    clock: options.clock,
    configDir: dir,
    config: memoryConfig(options.servers, options.settings ?? {}),
    secrets,
    fetchFor: () => sharedFetch,
    deliverNotification: (intent: unknown) => {
      notifications.calls += 1;
      notifiedSinceDrain.push(...notifiedJobs(intent));
    },
    logger: { debug: () => {}, info: () => {}, warn: (message) => warnings.push(message) },
    ...(options.engineOptions ? { engineOptions: options.engineOptions } : {}),
    ...(connect ? { connect: (server) => connect(server.id) } : {}),
  });
  const issues = core.configIssues();
  if (issues.length > 0) {
    core.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `the core refused the seeded documents: ${issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  core.subscribe((patch: unknown) => {
    patches.count += 1;
    if (patches.keep) patches.kept.push(patch);
    const counts = patchSummaryCounts(patch);
    if (counts) patches.latestCounts = counts;
  });
  let closed = false;
  return {
    core,
    dir,
    patches,
    notifications,
    warnings,
    close() {
      if (closed) return;
      closed = true;
      core.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server of the fleet, e.g. `{ id: 'cidx-3', url, auth: api-key }`. */
export function apiKeyServer(id: string, url: string): ServerConfigInput {
  return { id, name: `CIDX ${id}`, url, auth: { mode: 'api-key' } };
}

/** Bytes of the WebSocket message browser mode sends per patch (main/host/websocket-bridge.ts). */
export const wireBytes = (patch: unknown): number =>
  Buffer.byteLength(JSON.stringify({ type: 'event', channel: 'core:patch', payload: patch }));

export const patchBytes = (patch: unknown): number => JSON.stringify(patch).length;
