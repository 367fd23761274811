/**
 * Case `snapshot`: the time of `core.snapshot()` with 1,000 and 10,000 tracked jobs, as a window
 * or a browser page joining (or resyncing) pays it. The jobs come from the core's own job cache
 * (`job-cache.json`), with a 200-entry submission ledger (`submissions.json`) whose entries mostly
 * name jobs retention already dropped, so nearly every job's ledger lookup misses, as in real use.
 * The core is built but not started: no poll runs between the calls.
 */
import { FakeCidxApi } from '../support/fake-cidx-api';
import { FakeClock } from '../support/fake-clock';
import type { CaseReport, CoreRow } from './core-report';
import { int, mb, median, ms } from './core-report';
import type { CachedJob } from './core-world';
import { cachedJob, createCoreRig, heapAfterGc, ledgerFor, patchBytes, readSnapshot } from './core-world';
import { seededRandom } from './load-driver';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const SERVERS = ['work', 'home', 'ci', 'lab'];
const SPAN_MS = 3 * 24 * 3_600_000;
const TARGET_JOBS = 10_000;
const TARGET_MS = 20;

/** ~Half finished (mostly completed, some failed, cancelled, partial), a quarter running, a quarter pending. */
function statusFor(random: () => number): string {
  const draw = random();
  if (draw < 0.5) {
    const outcome = random();
    return outcome < 0.8
      ? 'completed'
      : outcome < 0.92
        ? 'failed'
        : outcome < 0.97
          ? 'cancelled'
          : 'completed_partial';
  }
  return draw < 0.75 ? 'running' : 'pending';
}

export function snapshotJobs(size: number, now: number, seed = 11): CachedJob[] {
  const random = seededRandom(seed);
  const jobs: CachedJob[] = [];
  for (let index = 0; index < size; index += 1) {
    const serverId = SERVERS[index % SERVERS.length]!;
    const createdAt = now - SPAN_MS + Math.floor((index * SPAN_MS) / size);
    jobs.push(
      cachedJob(serverId, `job-${String(index).padStart(6, '0')}`, statusFor(random), createdAt, index, now),
    );
  }
  return jobs;
}

interface SizeResult {
  jobs: number;
  createMs: number;
  callsMs: number[];
  minMs: number;
  medianMs: number;
  snapshotBytes: number;
  heapAfterGcBytes: number | null;
}

async function measureSize(size: number, calls: number, gc: (() => void) | null): Promise<SizeResult> {
  const clock = new FakeClock(T0);
  const jobs = snapshotJobs(size, T0);
  const tracked = jobs.map((entry) => ({ serverId: entry.serverId, jobId: entry.job.id }));
  const createdAt = performance.now();
  const rig = await createCoreRig({
    clock,
    servers: SERVERS.map((id) => ({
      id,
      name: `CIDX ${id}`,
      url: `https://cidx-${id}.bench.invalid`,
      auth: { mode: 'password', username: 'alice' },
    })),
    // Keep every cached job (the default keeps 500 finished per server).
    settings: { retention: { maxFinishedPerServer: 100_000 } },
    seed: { jobs, ledger: ledgerFor(SERVERS, tracked, T0) },
    connect: () => new FakeCidxApi({ now: () => clock.now() }),
  });
  const createMs = performance.now() - createdAt;
  try {
    const callsMs: number[] = [];
    let snapshotBytes = 0;
    for (let call = 0; call < calls; call += 1) {
      const started = performance.now();
      const snapshot: unknown = rig.core.snapshot();
      callsMs.push(performance.now() - started);
      if (call === 0) {
        const seen = readSnapshot(snapshot).jobs;
        if (seen !== size) throw new Error(`the snapshot holds ${String(seen)} jobs, the cache ${size}`);
        snapshotBytes = patchBytes(snapshot);
      }
    }
    return {
      jobs: size,
      createMs,
      callsMs,
      minMs: Math.min(...callsMs),
      medianMs: median(callsMs) ?? NaN,
      snapshotBytes,
      heapAfterGcBytes: heapAfterGc(gc),
    };
  } finally {
    rig.close();
  }
}

export async function runSnapshotCase(
  options: { sizes: number[]; calls: number },
  gc: (() => void) | null,
  progress: (line: string) => void,
): Promise<CaseReport> {
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    progress(`snapshot: ${int(size)} jobs, ${options.calls} calls...`);
    results.push(await measureSize(size, options.calls, gc));
  }
  const rows: CoreRow[] = results.map((result) => {
    const judged = result.jobs >= TARGET_JOBS;
    return {
      case: 'snapshot',
      measure: `snapshot() at ${int(result.jobs)} jobs`,
      value: `min ${ms(result.minMs)}, median ${ms(result.medianMs)} (${result.callsMs.length} calls)`,
      target: judged ? `< ${TARGET_MS} ms at ${int(TARGET_JOBS)}` : null,
      met: judged ? result.medianMs < TARGET_MS : null,
    };
  });
  const details = [
    `${SERVERS.length} servers; jobs ~50 % finished, 25 % running, 25 % pending; 200-entry ledger, 90 % of it naming jobs not in the store.`,
    'The verdict uses the median call.',
    ...results.map(
      (result) =>
        `${int(result.jobs)} jobs: calls ${result.callsMs.map((value) => ms(value)).join(', ')}; ` +
        `snapshot JSON ${mb(result.snapshotBytes)}; core built in ${ms(result.createMs)}; heap after GC ${mb(result.heapAfterGcBytes)}`,
    ),
  ];
  return { id: 'snapshot', title: 'core.snapshot() over the job cache', rows, details, data: results };
}
