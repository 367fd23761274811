/**
 * Case `churn`: many short job lifecycles through one HEAD double (5 workers, its own process),
 * once at about 8 endings a second and once at about 45: the driver keeps 5 running + 10 pending
 * jobs of alice's, each running 0.8-1.2x of 5 / rate seconds, and replaces every ending at once.
 * The core watches it over HTTP with its default settings (1 s active polls, full list every
 * 5th tick, 3 s notification coalescing), started a second after the load, as a tray opened on a
 * busy server; endings before its first look are history to it and are not counted.
 *
 * Every `--churn-every` server endings a checkpoint records the heap after a full GC, the core's
 * running/pending (from the latest summary its patches carried, else `snapshot().summary`)
 * against the server's, and the ending notifications delivered (`deliverNotification` calls,
 * deduplicated by job id) against the endings on the server. That ledger of endings and
 * notifications is kept in the doubles process (the notified ids are forwarded at every look),
 * so the heap measured here is the core's, not the benchmark's bookkeeping of every job. Counts
 * are also compared every 500 ms: equal when the core's pair matches one the server had within
 * the last full-list period (5 s). After the load stops and the last jobs end, the run waits a
 * full-list period plus the coalescing window before its final count.
 */
import { systemClock } from '../../main/core/clock';
import { DoublesProcess } from './core-doubles-client';
import type { CountsSample } from './core-doubles-protocol';
import type { CaseReport, CoreRow } from './core-report';
import { int, mb, renderColumns } from './core-report';
import type { Counts } from './core-world';
import { apiKeyServer, createCoreRig, heapAfterGc, readSnapshot, sleep } from './core-world';

const WORKERS = 5;
const PENDING = 10;
/** Active interval x full list every 5 ticks (the engine's defaults). */
const FULL_LIST_PERIOD_MS = 5_000;
const COALESCE_MS = 3_000;
/** An ending older than this should have been notified. */
const SETTLE_MS = FULL_LIST_PERIOD_MS + COALESCE_MS + 2_000;
const LOOK_EVERY_MS = 500;
const HEAP_TOLERANCE = 0.1;
const SERVER_ID = 'churn';

interface Checkpoint {
  endings: number;
  seconds: number;
  heapBytes: number | null;
  core: Counts | null;
  server: Counts;
  countsMatch: boolean;
  /** Of the counted endings, how many jobs were named by a notification. */
  notified: number;
  /** Jobs named by more than one notification. */
  duplicates: number;
  /** Endings older than SETTLE_MS never notified. */
  missed: number;
  final: boolean;
}

interface ChurnRun {
  rate: number;
  meanRunMs: number;
  /** Endings counted (after the core's first look), including the jobs left when the load stopped. */
  endings: number;
  seconds: number;
  /** While jobs were being replaced: the rate is measured over this. */
  loadSeconds: number;
  loadEndings: number;
  countSamples: number;
  countMatches: number;
  checkpoints: Checkpoint[];
  notifications: number;
  warnings: number;
}

const sameCounts = (a: Counts, b: Counts) => a.running === b.running && a.pending === b.pending;

async function churnRun(
  rate: number,
  options: { total: number; every: number; maxSeconds: number | null },
  gc: (() => void) | null,
  progress: (line: string) => void,
): Promise<ChurnRun> {
  const meanRunMs = Math.round((WORKERS * 1000) / rate);
  progress(
    `churn: ~${rate} endings/s (runs ${Math.round(meanRunMs * 0.8)}-${Math.round(meanRunMs * 1.2)} ms), up to ${int(options.total)} endings` +
      (options.maxSeconds === null ? '' : ` or ${options.maxSeconds} s`) +
      '...',
  );
  const doubles = await DoublesProcess.start({
    servers: 1,
    workerPoolSize: WORKERS,
    history: 0,
    historySpanMs: 0,
    seed: 5,
  });
  try {
    const double = doubles.doubles[0]!;
    // A tray opened on a busy server: the load runs first, so the core's first look finds work.
    await doubles.startLoad({
      active: WORKERS + PENDING,
      runMs: { min: meanRunMs * 0.8, max: meanRunMs * 1.2 },
      refreshShare: 0,
      checkEveryMs: 20,
      seed: rate,
    });
    await sleep(1_000);
    const rig = await createCoreRig({
      clock: systemClock,
      servers: [apiKeyServer(SERVER_ID, double.url)],
      apiKeys: { [SERVER_ID]: double.apiKey },
    });
    try {
      await doubles.resetStats();
      rig.core.start();
      await doubles.waitForLists(1, 10_000, 20);
      // Endings before the core's first look are history to it (never notified): not counted.
      const [base] = await doubles.counts(0);
      await doubles.trackEndings(0);
      rig.notifications.drain();
      const endedBefore = base?.ended ?? 0;
      const startedAt = Date.now();
      const prefix = `${SERVER_ID}/`;
      let samples: CountsSample[] = [];
      let latestServer: Counts = { running: 0, pending: 0 };
      let endings = 0;
      let countSamples = 0;
      let countMatches = 0;
      const checkpoints: Checkpoint[] = [];

      const coreCounts = (): Counts | null =>
        rig.patches.latestCounts ?? readSnapshot(rig.core.snapshot()).counts;

      const look = async (): Promise<void> => {
        const notified = rig.notifications.drain();
        await doubles.notified(
          0,
          notified.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
        );
        const [counts] = await doubles.counts(LOOK_EVERY_MS * 4);
        if (!counts) throw new Error('the doubles process reported no load');
        endings = counts.ended - endedBefore;
        latestServer = { running: counts.running, pending: counts.pending };
        const now = Date.now();
        const known = new Set(samples.map((sample) => sample.at));
        samples = [...samples, ...counts.samples.filter((sample) => !known.has(sample.at))].filter(
          (sample) => sample.at >= now - FULL_LIST_PERIOD_MS,
        );
      };
      const matchesNow = (): boolean => {
        const core = coreCounts();
        return core !== null && samples.some((sample) => sameCounts(sample, core));
      };
      const checkpoint = async (final: boolean): Promise<void> => {
        const now = Date.now();
        const core = coreCounts();
        const { notified, duplicates, missed } = await doubles.endings(0, now - SETTLE_MS);
        checkpoints.push({
          endings,
          seconds: (now - startedAt) / 1000,
          heapBytes: heapAfterGc(gc),
          core,
          server: latestServer,
          countsMatch: matchesNow(),
          notified,
          duplicates,
          missed,
          final,
        });
      };

      let nextCheckpoint = options.every;
      const deadline = options.maxSeconds === null ? Infinity : startedAt + options.maxSeconds * 1000;
      while (endings < options.total && Date.now() < deadline) {
        await sleep(LOOK_EVERY_MS);
        await look();
        countSamples += 1;
        if (matchesNow()) countMatches += 1;
        if (endings >= nextCheckpoint) {
          await checkpoint(false);
          while (nextCheckpoint <= endings) nextCheckpoint += options.every;
        }
      }
      await doubles.stopLoad();
      const loadSeconds = (Date.now() - startedAt) / 1000;
      const loadEndings = endings;
      // The last jobs run out; then the core gets a full-list period and the coalescing window.
      const drainDeadline = Date.now() + 30_000;
      do {
        await sleep(LOOK_EVERY_MS);
        await look();
      } while (latestServer.running + latestServer.pending > 0 && Date.now() < drainDeadline);
      await sleep(SETTLE_MS);
      await look();
      await checkpoint(true);
      return {
        rate,
        meanRunMs,
        endings,
        seconds: (Date.now() - startedAt) / 1000,
        loadSeconds,
        loadEndings,
        countSamples,
        countMatches,
        checkpoints,
        notifications: rig.notifications.calls,
        warnings: rig.warnings.length,
      };
    } finally {
      rig.close();
    }
  } finally {
    await doubles.close();
  }
}

function rowsFor(run: ChurnRun): CoreRow[] {
  const label = `~${run.rate}/s`;
  const final = run.checkpoints.at(-1);
  const steady = run.checkpoints.filter((checkpoint) => !checkpoint.final && checkpoint.heapBytes !== null);
  const first = steady[0]?.heapBytes ?? null;
  const later = steady.slice(1).map((checkpoint) => checkpoint.heapBytes ?? 0);
  const drift =
    first === null || later.length === 0
      ? null
      : Math.max(...later.map((heap) => Math.abs(heap - first) / first));
  const lastHeap = steady.at(-1)?.heapBytes ?? null;
  return [
    {
      case: 'churn',
      measure: `${label}: lifecycles`,
      value: `${int(run.endings)} endings, ${(run.loadEndings / Math.max(1, run.loadSeconds)).toFixed(1)}/s over ${run.loadSeconds.toFixed(0)} s of load (runs ~${run.meanRunMs} ms)`,
      target: null,
      met: null,
    },
    {
      case: 'churn',
      measure: `${label}: core running/pending = server's`,
      value: `${int(run.countMatches)} of ${int(run.countSamples)} looks (every 0.5 s) matched within 5 s`,
      target: 'all, within one full-list period',
      met: run.countSamples > 0 ? run.countMatches === run.countSamples : null,
    },
    {
      case: 'churn',
      measure: `${label}: ending notifications`,
      value: final
        ? `${int(final.notified)} of ${int(final.endings)} endings notified; ${int(final.duplicates)} jobs twice or more, ${int(final.missed)} never`
        : '-',
      target: 'every ending once',
      met: final ? final.endings > 0 && final.duplicates === 0 && final.missed === 0 : null,
    },
    {
      case: 'churn',
      measure: `${label}: heap after GC over the checkpoints`,
      value:
        drift === null
          ? `${steady.length} checkpoint(s): too few to compare${lastHeap === null ? '' : ` (${mb(lastHeap)})`}`
          : `first ${mb(first)}, last ${mb(lastHeap)}, at most ${(drift * 100).toFixed(1)} % off the first`,
      target: `flat within ${HEAP_TOLERANCE * 100} % after the first`,
      met: drift === null ? null : drift <= HEAP_TOLERANCE,
    },
  ];
}

function detailsFor(run: ChurnRun): string[] {
  const pair = (counts: Counts | null) => (counts === null ? '-' : `${counts.running}/${counts.pending}`);
  const table = renderColumns(
    ['endings', 'time', 'heap', 'core run/pend', 'server run/pend', 'match', 'notified', 'dup', 'missed'],
    run.checkpoints.map((checkpoint) => [
      `${int(checkpoint.endings)}${checkpoint.final ? ' (end)' : ''}`,
      `${checkpoint.seconds.toFixed(0)} s`,
      mb(checkpoint.heapBytes),
      pair(checkpoint.core),
      pair(checkpoint.server),
      checkpoint.countsMatch ? 'yes' : 'no',
      int(checkpoint.notified),
      int(checkpoint.duplicates),
      int(checkpoint.missed),
    ]),
  );
  return [
    `~${run.rate} endings/s: ${int(run.notifications)} deliverNotification calls${run.warnings > 0 ? `, ${run.warnings} core warnings` : ''}; "missed" = ended over ${SETTLE_MS / 1000} s before the checkpoint and never notified`,
    ...table.map((line) => `  ${line}`),
  ];
}

export async function runChurnCase(
  options: { total: number; every: number; maxSeconds: number | null; rates: number[] },
  gc: (() => void) | null,
  progress: (line: string) => void,
): Promise<CaseReport> {
  const runs: ChurnRun[] = [];
  for (const rate of options.rates) runs.push(await churnRun(rate, options, gc, progress));
  return {
    id: 'churn',
    title: `job lifecycles through one HEAD double (${WORKERS} workers), checkpoint every ${int(options.every)} endings`,
    rows: runs.flatMap(rowsFor),
    details: runs.flatMap(detailsFor),
    data: runs,
  };
}
