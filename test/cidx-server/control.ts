import { isManualClock, type ServerClock } from './clock';
import type { FaultBook, FaultInput, FaultRule } from './faults/fault-rules';
import { jobSnapshot } from './jobs/job-view';
import { scheduleScriptedJob } from './scenarios/apply';
import type { ServerState } from './state';
import type { RequestCounter, RequestStats } from './stats';
import type { Flavor, ScriptedJob, SyncBehaviour } from './types';

/** The seeded credentials a CLI or test may print or use. */
export interface SeededCredentials {
  users: { username: string; password: string; role: string; mfa: boolean }[];
  /** HEAD only: one seeded API key per user. */
  apiKeys: { username: string; apiKey: string }[];
  /** HEAD only: carol's TOTP secret (base32) and recovery codes. */
  mfa: { username: string; totpSecret: string; recoveryCodes: string[] }[];
}

export interface ControlState {
  flavor: Flavor;
  now: number;
  maintenanceMode: boolean;
  faults: FaultRule[];
  jobs: Record<string, unknown>[];
}

export interface NextSyncInput extends SyncBehaviour {
  owner?: string;
  count?: number;
}

/** In-process control of a running double; the HTTP control API is a thin layer over it. */
export interface CidxControl {
  readonly clock: ServerClock;
  addFault(fault: FaultInput): FaultRule;
  removeFault(id: string): boolean;
  /** Clears every fault and releases hung responses. */
  clearFaults(): void;
  /** Access tokens issued so far answer "Token has expired"; optionally refresh tokens too. */
  expireAllTokens(options?: { refreshTokens?: boolean }): void;
  /** Simulated restart with the flavour's persistence semantics (cidx-api.md §4.4). */
  restart(): void;
  /** Adds a scripted job (any owner); returns its id unless scheduled for later. */
  addJob(job: ScriptedJob): string | undefined;
  cancelJob(jobId: string): boolean;
  setMaintenanceMode(enabled: boolean): void;
  /** HEAD memory admission gate: hold memory-heavy jobs (syncs included) in pending. */
  setAdmissionBlocked(blocked: boolean): void;
  setNextSyncOutcome(repository: string, next: NextSyncInput): void;
  setRepoSyncDefaults(repository: string, behaviour: SyncBehaviour, owner?: string): number;
  stats(): RequestStats;
  resetStats(): void;
  state(): ControlState;
  job(jobId: string): Record<string, unknown> | undefined;
  credentials(): SeededCredentials;
  /** Only with a manual clock: moves time forward, firing due timers. */
  advanceClock(ms: number): void;
}

export interface ControlDeps {
  state: ServerState;
  faults: FaultBook;
  stats: RequestCounter;
  releaseHung(): void;
  scenarioTimers: Set<unknown>;
}

export function createControl(deps: ControlDeps): CidxControl {
  const { state, faults, stats } = deps;
  return {
    clock: state.clock,
    addFault: (fault) => faults.add(fault),
    removeFault: (id) => {
      const removed = faults.remove(id);
      deps.releaseHung();
      return removed;
    },
    clearFaults: () => {
      faults.clear();
      deps.releaseHung();
    },
    expireAllTokens: (options) => {
      state.jwt.expireAllIssued();
      if (options?.refreshTokens) state.refreshTokens.expireAll(state.clock.now());
    },
    restart: () => {
      state.runner.restart();
      state.loginLimiter.reset();
      state.mfaTokens.clear();
      state.startedAt = state.clock.now();
    },
    addJob: (job) => scheduleScriptedJob(state, job, deps.scenarioTimers)?.jobId,
    cancelJob: (jobId) => {
      const job = state.jobs.get(jobId);
      if (!job || (job.status !== 'pending' && job.status !== 'running')) return false;
      state.runner.cancel(job);
      return true;
    },
    setMaintenanceMode: (enabled) => {
      state.maintenance = { enabled, enteredAt: enabled ? state.clock.now() : null };
    },
    setAdmissionBlocked: (blocked) => state.runner.setAdmissionBlocked(blocked),
    setNextSyncOutcome: (repository, { owner, count, ...behaviour }) =>
      state.repos.queueNextSync(repository, behaviour, owner, count ?? 1),
    setRepoSyncDefaults: (repository, behaviour, owner) =>
      state.repos.setSyncDefaults(repository, behaviour, owner),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    state: () => ({
      flavor: state.flavor,
      now: state.clock.now(),
      maintenanceMode: state.maintenance.enabled,
      faults: faults.list(),
      jobs: state.jobs.newestFirst().map((job) => jobSnapshot(job, state.flavor)),
    }),
    job: (jobId) => {
      const job = state.jobs.get(jobId);
      return job ? jobSnapshot(job, state.flavor) : undefined;
    },
    credentials: () => credentialsOf(state),
    advanceClock: (ms) => {
      if (!isManualClock(state.clock))
        throw new Error('advanceClock needs a manual clock (createManualClock)');
      state.clock.advance(ms);
    },
  };
}

function credentialsOf(state: ServerState): SeededCredentials {
  const users = state.users.all();
  return {
    users: users.map((u) => ({
      username: u.username,
      password: u.password,
      role: u.role,
      mfa: !!u.totpSecret,
    })),
    apiKeys: users.flatMap((u) => {
      const key = state.apiKeys.listFor(u.username).find((k) => k.name === 'seeded');
      return key ? [{ username: u.username, apiKey: key.key }] : [];
    }),
    mfa: users.flatMap((u) =>
      u.totpSecret
        ? [{ username: u.username, totpSecret: u.totpSecret, recoveryCodes: u.recoveryCodes ?? [] }]
        : [],
    ),
  };
}
