/**
 * One measured run: a fresh HEAD double, a steady load, one poller (naive, or the engine with
 * given options), then requests, detection latency, CPU and retained heap over a fixed window.
 * Runs are sequential, so the process CPU of a window belongs to that poller (and to the double
 * serving it, which runs in the same process).
 */
import type { Job } from '../../main/core/cidx/job';
import { isTerminal } from '../../main/core/cidx/job';
import { PollingEngine } from '../../main/core/engine/engine';
import type { EngineOptions } from '../../main/core/engine/options';
import { DEFAULT_ENGINE_OPTIONS } from '../../main/core/engine/options';
import { startCidxServer } from '../cidx-server/server';
import type { RunningCidxServer } from '../cidx-server/server';
import { clientFor } from '../support/engine-harness';
import type { LoadShape } from './load-driver';
import { LoadDriver, seededRandom } from './load-driver';
import { NAIVE_INTERVAL_MS, NaivePoller } from './naive-poller';

export type PollerKind = 'naive' | 'engine-1s' | 'engine-default';

export const POLLER_OPTIONS: Record<Exclude<PollerKind, 'naive'>, Partial<EngineOptions>> = {
  'engine-1s': { activeIntervalMs: 1_000 },
  'engine-default': {},
};

export interface BenchCase {
  id: 'idle' | 'one-running' | 'twenty-running' | 'two-hundred-active';
  title: string;
  shape: LoadShape;
  windowMs: number;
  seed: number;
}

export interface Detection {
  /** Server endings inside the sampled span that this poller reported. */
  samples: number;
  /** Server endings inside the sampled span that it never reported. */
  missed: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface RunResult {
  poller: PollerKind;
  windowMs: number;
  requests: number;
  requestsPerMin: number;
  /** Requests per minute by `METHOD /route`, largest first. */
  routesPerMin: Record<string, number>;
  detection: Detection;
  /** Process CPU (user + system) over the window, per minute: the poller plus the double serving it. */
  cpuMsPerMin: number;
  /** Heap the poller held at the end (measured with the poller alive, then released); null without gc. */
  heapRetainedKiB: number | null;
  /** Bugs the engine reported through reportError (should be 0). */
  engineErrors: number;
}

/** The double's clock: `completed_at` is written with it (test/cidx-server/clock.ts). */
const serverNow = (): number => performance.timeOrigin + performance.now();
const SETTLE_MS = 300;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  // Nearest rank: with few samples, p95 is an observed value, not an interpolation.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? null;
}

interface ActivePoller {
  /** Resolves when the poller has had its first look at the server. */
  ready: Promise<void>;
  /** Time a fresh ending takes to be noticed at worst, at this poller's cadence. */
  cadenceMs: number;
  stop(): void;
}

function startPoller(
  kind: PollerKind,
  server: RunningCidxServer,
  driver: LoadDriver,
  onFinished: (job: Job) => void,
  errors: unknown[],
): ActivePoller {
  const api = clientFor(server, { auth: 'api-key' });
  if (kind === 'naive') {
    const naive = new NaivePoller(api, onFinished);
    // It knows every job from its submission on: those submitted before it started, and the rest.
    for (const jobId of driver.jobIds) naive.track(jobId);
    driver.onSubmit((jobId) => naive.track(jobId));
    naive.start();
    return { ready: sleep(NAIVE_INTERVAL_MS), cadenceMs: NAIVE_INTERVAL_MS, stop: () => naive.stop() };
  }
  const engine = new PollingEngine({ ...POLLER_OPTIONS[kind], reportError: (error) => errors.push(error) });
  const ready = new Promise<void>((resolve) => {
    engine.on((event) => {
      if (event.type === 'job-finished') onFinished(event.job);
      if (event.type === 'server-state' && event.state.health === 'online') resolve();
    });
  });
  engine.addServer({ id: 'bench', api });
  engine.start();
  const cadenceMs = POLLER_OPTIONS[kind].activeIntervalMs ?? DEFAULT_ENGINE_OPTIONS.activeIntervalMs;
  return { ready, cadenceMs, stop: () => engine.stop() };
}

export async function measureRun(
  benchCase: BenchCase,
  kind: PollerKind,
  gc: (() => void) | null,
): Promise<RunResult> {
  const server = await startCidxServer({
    flavor: 'head',
    port: 0,
    workerPoolSize: benchCase.shape.workerPoolSize,
  });
  const driver = new LoadDriver(server.control, benchCase.shape, seededRandom(benchCase.seed));
  const detectedAt = new Map<string, number>();
  const errors: unknown[] = [];
  driver.start();
  let poller: ActivePoller | null = startPoller(
    kind,
    server,
    driver,
    (job) => {
      if (!detectedAt.has(job.id)) detectedAt.set(job.id, serverNow());
    },
    errors,
  );
  await poller.ready;
  // From here on every job is known to the poller: endings count toward detection latency.
  const sampleFrom = serverNow() + poller.cadenceMs;
  // Idle: start between two ticks, so a window of whole idle intervals counts each tick once.
  await sleep(benchCase.shape.active === 0 ? 1_000 : 2 * poller.cadenceMs);

  server.control.resetStats();
  const cpuBefore = process.cpuUsage();
  await sleep(benchCase.windowMs);
  const cpu = process.cpuUsage(cpuBefore);
  const stats = server.control.stats();
  const windowEnd = serverNow();
  driver.stop();

  let heapRetainedKiB: number | null = null;
  if (gc) {
    // Let answers in flight land first, so both readings see a quiet heap.
    await sleep(SETTLE_MS);
    gc();
    const withPoller = process.memoryUsage().heapUsed;
    poller.stop();
    poller = null;
    await sleep(SETTLE_MS);
    gc();
    heapRetainedKiB = Math.round((withPoller - process.memoryUsage().heapUsed) / 1024);
  } else {
    poller.stop();
  }

  // Endings close to the window's end may not be noticed yet: leave them out.
  const sampleUntil = windowEnd - (kind === 'naive' ? NAIVE_INTERVAL_MS : 2_000) - 500;
  const latencies: number[] = [];
  let missed = 0;
  for (const jobId of driver.jobIds) {
    const job = server.control.job(jobId);
    if (!job || !isTerminal(String(job.status)) || typeof job.completed_at !== 'string') continue;
    const completedAt = Date.parse(job.completed_at);
    if (completedAt < sampleFrom || completedAt > sampleUntil) continue;
    const seen = detectedAt.get(jobId);
    if (seen === undefined) missed += 1;
    else latencies.push(seen - completedAt);
  }
  await server.close();
  latencies.sort((a, b) => a - b);

  const perMinute = (count: number) => Math.round((count * 60_000 * 10) / benchCase.windowMs) / 10;
  return {
    poller: kind,
    windowMs: benchCase.windowMs,
    requests: stats.total,
    requestsPerMin: perMinute(stats.total),
    routesPerMin: Object.fromEntries(
      Object.entries(stats.byRoute)
        .sort(([, a], [, b]) => b - a)
        .map(([route, count]) => [route, perMinute(count)]),
    ),
    detection: {
      samples: latencies.length,
      missed,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies.at(-1) ?? null,
    },
    cpuMsPerMin: Math.round(((cpu.user + cpu.system) / 1000) * (60_000 / benchCase.windowMs)),
    heapRetainedKiB,
    engineErrors: errors.length,
  };
}
