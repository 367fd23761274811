/**
 * Case `tick`: the CPU the core spends on one poll round while 200 of its 10,000 jobs move.
 *
 * HEAD lists return at most 50 jobs a page (cidx-api.md §2.2; FakeCidxApi keeps that cap), so
 * 200 moving jobs that the lists actually return need several servers: 4 HEAD servers, each with
 * 50 running jobs whose progress changes every tick and 2,450 finished jobs of cached history
 * (10,000 tracked jobs in all). The fake servers hold the running jobs and the newest 50 finished
 * ones: exactly what a HEAD list window shows of a longer history, without sorting thousands of
 * rows inside the measured window. The core polls them through the `connect` seam, on a
 * FakeClock: one round = advancing the clock by the active interval (1 s), which runs each
 * server's tick, after which its patches have been delivered. CPU = process.cpuUsage (user +
 * system) from the advance to its end, less what the in-process fake servers spent building
 * their answers (each call's CPU is measured and taken away: the server's work is not the
 * core's). The first WARMUP_ROUNDS rounds are measured the same way and reported apart (JIT warm-up,
 * see below). Rounds in which the core writes its job cache (at most once a minute) or its active
 * jobs (within 5 s of a new one) are included, as they are part of what the core spends.
 */
import type { CidxApi } from '../../main/core/cidx/api';
import { FakeCidxApi } from '../support/fake-cidx-api';
import { FakeClock } from '../support/fake-clock';
import type { CaseReport } from './core-report';
import { int, mb, median, ms, percentile } from './core-report';
import type { CachedJob } from './core-world';
import {
  cachedJob,
  cpuMs,
  createCoreRig,
  heapAfterGc,
  ledgerFor,
  patchBytes,
  patchParts,
} from './core-world';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const SERVERS = ['tick-1', 'tick-2', 'tick-3', 'tick-4'];
const RUNNING_PER_SERVER = 50;
const JOBS_PER_SERVER = 2_500;
const HISTORY_SPAN_MS = 3 * 24 * 3_600_000;
const ACTIVE_INTERVAL_MS = 1_000;
/**
 * Rounds before the measured ones: under 7 minutes of a tray's life at the active cadence. V8
 * compiles hot functions on background threads, and process.cpuUsage counts those threads: over
 * the first few hundred rounds the compiles (pollOnce alone takes ~250 ms, several times over as
 * type feedback settles) add half again to the per-round figure, then stop. A tray runs for
 * hours, so the target is judged on the rounds after; the warm-up's own median is printed beside.
 */
const WARMUP_ROUNDS = 400;
const TARGET_MS = 5;

interface TickWorld {
  jobs: CachedJob[];
  running: Map<string, string[]>;
}

function tickWorld(): TickWorld {
  const jobs: CachedJob[] = [];
  const running = new Map<string, string[]>();
  for (const serverId of SERVERS) {
    const ids: string[] = [];
    for (let index = 0; index < JOBS_PER_SERVER; index += 1) {
      const id = `${serverId}-job-${String(index).padStart(5, '0')}`;
      const isRunning = index >= JOBS_PER_SERVER - RUNNING_PER_SERVER;
      // History spread over 3 days, the running jobs started in the last hour.
      const createdAt = isRunning
        ? T0 - 3_600_000 + index
        : T0 - HISTORY_SPAN_MS + Math.floor((index * (HISTORY_SPAN_MS - 3_600_000)) / JOBS_PER_SERVER);
      const outcome = index % 25 === 3 ? 'failed' : index % 40 === 7 ? 'cancelled' : 'completed';
      jobs.push(cachedJob(serverId, id, isRunning ? 'running' : outcome, createdAt, index, T0));
      if (isRunning) ids.push(id);
    }
    running.set(serverId, ids);
  }
  return { jobs, running };
}

/** CPU the fake servers spend answering (their methods compute synchronously, then resolve). */
function serverCpuMeter() {
  const meter = {
    ms: 0,
    wrap(api: FakeCidxApi): CidxApi {
      return new Proxy(api, {
        get(target, property, receiver) {
          const value: unknown = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const start = process.cpuUsage();
            try {
              return (value as (...given: unknown[]) => unknown).apply(target, args);
            } finally {
              meter.ms += cpuMs(process.cpuUsage(start));
            }
          };
        },
      });
    },
  };
  return meter;
}

interface RoundSample {
  cpuMs: number;
  wallMs: number;
  patches: number;
  patchBytes: number;
}

export async function runTickCase(
  options: { ticks: number },
  gc: (() => void) | null,
  progress: (line: string) => void,
): Promise<CaseReport> {
  progress(`tick: 10,000 jobs, 200 moving, ${WARMUP_ROUNDS} warm-up + ${options.ticks} measured rounds...`);
  const clock = new FakeClock(T0);
  const world = tickWorld();
  const serverCpu = serverCpuMeter();
  const apis = new Map<string, FakeCidxApi>();
  for (const serverId of SERVERS) {
    const api = new FakeCidxApi({ flavor: 'head', now: () => clock.now() });
    const serverJobs = world.jobs.filter((entry) => entry.serverId === serverId);
    // The newest 50 finished and the running ones: what HEAD's newest-first window shows.
    const finished = serverJobs.filter((entry) => entry.job.status !== 'running').slice(-50);
    for (const entry of [...finished, ...serverJobs.filter((e) => e.job.status === 'running')])
      api.addJob({ ...entry.job });
    apis.set(serverId, api);
  }
  const runningRefs = SERVERS.flatMap((serverId) =>
    (world.running.get(serverId) ?? []).map((jobId) => ({ serverId, jobId })),
  );
  const rig = await createCoreRig({
    clock,
    servers: SERVERS.map((id) => ({
      id,
      name: `CIDX ${id}`,
      url: `https://${id}.bench.invalid`,
      auth: { mode: 'password', username: 'alice' },
    })),
    settings: { retention: { maxFinishedPerServer: 100_000 } },
    seed: { jobs: world.jobs, ledger: ledgerFor(SERVERS, runningRefs, T0) },
    connect: (serverId) => serverCpu.wrap(apis.get(serverId)!),
    engineOptions: { random: () => 0.5 },
  });
  world.jobs.length = 0; // the core holds its own copy now

  let progressValue = 10;
  const moveJobs = (): void => {
    progressValue = progressValue >= 89 ? 10 : progressValue + 1;
    for (const serverId of SERVERS) {
      const api = apis.get(serverId)!;
      for (const jobId of world.running.get(serverId) ?? [])
        api.updateJob(jobId, { progress: progressValue });
    }
  };
  const listCalls = (): number => [...apis.values()].reduce((sum, api) => sum + api.calls.listJobs, 0);

  const samples: RoundSample[] = [];
  const warmupCpus: number[] = [];
  const serverMs: number[] = [];
  const kinds = new Map<string, number>();
  /** One round: the clock advanced by one interval, every server polled, its patches delivered. */
  const measureRound = async (): Promise<RoundSample & { kept: unknown[] }> => {
    moveJobs();
    const listsBefore = listCalls();
    rig.patches.kept = [];
    rig.patches.keep = true;
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    const serverBefore = serverCpu.ms;
    await clock.advance(ACTIVE_INTERVAL_MS);
    const cpu = cpuMs(process.cpuUsage(cpuStart)) - (serverCpu.ms - serverBefore);
    serverMs.push(serverCpu.ms - serverBefore);
    const wallMs = performance.now() - wallStart;
    rig.patches.keep = false;
    if (listCalls() - listsBefore < SERVERS.length)
      throw new Error('a round did not poll every server: the measurement would be of nothing');
    const kept = rig.patches.kept;
    rig.patches.kept = [];
    return { cpuMs: cpu, wallMs, patches: kept.length, patchBytes: 0, kept };
  };
  try {
    rig.core.start();
    for (let round = 0; round < WARMUP_ROUNDS; round += 1) warmupCpus.push((await measureRound()).cpuMs);
    serverMs.length = 0;
    for (let round = 0; round < options.ticks; round += 1) {
      const { kept, ...sample } = await measureRound();
      for (const patch of kept)
        for (const part of patchParts(patch)) kinds.set(part, (kinds.get(part) ?? 0) + 1);
      samples.push({ ...sample, patchBytes: kept.reduce<number>((sum, patch) => sum + patchBytes(patch), 0) });
    }
  } finally {
    rig.close();
  }
  const heap = heapAfterGc(gc);
  const cpus = samples.map((sample) => sample.cpuMs);
  const medianCpu = median(cpus);
  const p95Cpu = percentile(cpus, 0.95);
  const medianPatches = median(samples.map((sample) => sample.patches)) ?? 0;
  const medianBytes = median(samples.map((sample) => sample.patchBytes)) ?? 0;
  return {
    id: 'tick',
    title: 'CPU per poll round, 200 of 10,000 jobs moving',
    rows: [
      {
        case: 'tick',
        measure: 'core CPU per poll round (200 moving)',
        value: `median ${ms(medianCpu)}, p95 ${ms(p95Cpu)}, max ${ms(Math.max(...cpus))} (${samples.length} rounds)`,
        target: `< ${TARGET_MS} ms (median)`,
        met: medianCpu === null ? null : medianCpu < TARGET_MS,
      },
      {
        case: 'tick',
        measure: 'patches per poll round',
        value: `median ${int(medianPatches)} patches, ${int(medianBytes / 1024)} KiB of JSON`,
        target: null,
        met: null,
      },
    ],
    details: [
      `${SERVERS.length} HEAD servers x (${RUNNING_PER_SERVER} running + ${int(JOBS_PER_SERVER - RUNNING_PER_SERVER)} cached finished); a round = one tick per server (active interval 1 s, fake clock).`,
      `warm-up: median ${ms(median(warmupCpus))} CPU a round over the first ${WARMUP_ROUNDS} rounds (V8 still compiling on its background threads)`,
      `CPU per round (ms): ${cpus.map((value) => value.toFixed(1)).join(' ')}`,
      `the fake servers' own CPU, taken away: median ${ms(median(serverMs))} a round`,
      `wall per round: median ${ms(median(samples.map((sample) => sample.wallMs)))}; heap after GC at the end ${mb(heap)}`,
      `patch contents over all rounds: ${[...kinds].map(([kind, count]) => `${kind} ${int(count)}`).join(', ')}`,
    ],
    data: { samples, medianCpuMs: medianCpu, p95CpuMs: p95Cpu },
  };
}
