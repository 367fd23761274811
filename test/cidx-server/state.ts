import { ApiKeyStore } from './auth/api-keys';
import type { AuthDeps } from './auth/authenticate';
import { JwtSigner } from './auth/jwt';
import { LoginLimiter } from './auth/login-limiter';
import { RefreshTokenStore } from './auth/refresh-tokens';
import { UserDirectory } from './auth/users';
import type { ServerClock } from './clock';
import { JobRunner } from './jobs/job-runner';
import { JobStore } from './jobs/job-store';
import type { ResolvedOptions } from './options';
import { RepoRegistry } from './repos/repo-registry';
import { isoUtc } from './timestamps';
import type { Flavor, SyncBehaviour } from './types';

/** Everything one running double knows; route handlers read and change it. */
export interface ServerState {
  flavor: Flavor;
  options: ResolvedOptions;
  clock: ServerClock;
  users: UserDirectory;
  apiKeys: ApiKeyStore;
  jwt: JwtSigner;
  refreshTokens: RefreshTokenStore;
  loginLimiter: LoginLimiter;
  mfaTokens: Map<string, { username: string; expiresAt: number }>;
  jobs: JobStore;
  runner: JobRunner;
  repos: RepoRegistry;
  maintenance: { enabled: boolean; enteredAt: number | null };
  /** Reset by a simulated restart (health `started_at`, `uptime`). */
  startedAt: number;
  baseUrl: string;
  auth: AuthDeps;
}

export function createState(options: ResolvedOptions, defaultSync: SyncBehaviour): ServerState {
  const clock = options.clock;
  const now = clock.now();
  const seededAt = isoUtc(now);
  const jobs = new JobStore();
  const state: ServerState = {
    flavor: options.flavor,
    options,
    clock,
    users: new UserDirectory(options.flavor, options.seed, seededAt),
    apiKeys: new ApiKeyStore(),
    jwt: new JwtSigner(options.flavor),
    refreshTokens: new RefreshTokenStore(),
    loginLimiter: new LoginLimiter(),
    mfaTokens: new Map(),
    jobs,
    runner: new JobRunner({
      flavor: options.flavor,
      clock,
      store: jobs,
      workerPoolSize: options.workerPoolSize,
      timeScale: options.timeScale,
      cancelLatencyMs: options.cancelLatencyMs,
    }),
    repos: new RepoRegistry(defaultSync, seededAt),
    maintenance: { enabled: false, enteredAt: null },
    startedAt: now,
    baseUrl: '',
    auth: undefined as unknown as AuthDeps,
  };
  state.auth = {
    flavor: state.flavor,
    users: state.users,
    apiKeys: state.apiKeys,
    jwt: state.jwt,
    now: () => clock.now(),
    baseUrl: () => state.baseUrl,
  };
  if (options.flavor === 'head' && options.seedApiKeys) {
    for (const user of state.users.all()) state.apiKeys.seed(options.seed, user.username, seededAt);
  }
  return state;
}
