import { realClock, type ServerClock } from './clock';
import type { Flavor, ScenarioDefinition } from './types';

/** Options of `startCidxServer`. Everything but the flavour has a faithful default. */
export interface CidxServerOptions {
  flavor: Flavor;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The double binds to loopback only. */
  host?: '127.0.0.1';
  /** `empty` (default), `demo`, or a scripted world. */
  scenario?: string | ScenarioDefinition;
  clock?: ServerClock;
  /** Access-token lifetime; the servers default to 10 minutes (cidx-api.md §1.2). */
  jwtLifetimeSeconds?: number;
  /** HEAD `max_concurrent_background_jobs` (cidx-api.md §4.2). Default 5. */
  workerPoolSize?: number;
  /** v5 `max_jobs_per_user`. Default 10. */
  maxActiveJobsPerUser?: number;
  /** Multiplies every job duration (scenario and sync timings, cancel latency). Default 1. */
  timeScale?: number;
  /** How long a running non-phase job stays `running` after a cancel (cidx-api.md §4.7). */
  cancelLatencyMs?: number;
  /** The real server pads failed logins to ~100 ms; off by default to keep tests fast. */
  loginPaddingMs?: number;
  /** Seed for the deterministic API keys and TOTP secret. */
  seed?: string;
  /** HEAD: give every user a deterministic API key at startup. Default true. */
  seedApiKeys?: boolean;
}

export interface ResolvedOptions {
  flavor: Flavor;
  port: number;
  host: '127.0.0.1';
  clock: ServerClock;
  jwtLifetimeSeconds: number;
  workerPoolSize: number;
  maxActiveJobsPerUser: number;
  timeScale: number;
  cancelLatencyMs: number;
  loginPaddingMs: number;
  seed: string;
  seedApiKeys: boolean;
}

export function resolveOptions(options: CidxServerOptions): ResolvedOptions {
  if (options.flavor !== 'head' && options.flavor !== 'v5')
    throw new Error(`unknown flavor ${String(options.flavor)}`);
  return {
    flavor: options.flavor,
    port: options.port ?? 0,
    host: '127.0.0.1',
    clock: options.clock ?? realClock,
    jwtLifetimeSeconds: options.jwtLifetimeSeconds ?? 600,
    workerPoolSize: options.workerPoolSize ?? 5,
    maxActiveJobsPerUser: options.maxActiveJobsPerUser ?? 10,
    timeScale: options.timeScale ?? 1,
    cancelLatencyMs: options.cancelLatencyMs ?? 300,
    loginPaddingMs: options.loginPaddingMs ?? 0,
    seed: options.seed ?? 'cidx-double',
    seedApiKeys: options.seedApiKeys ?? true,
  };
}
