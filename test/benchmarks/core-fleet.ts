/**
 * Case `fleet`: a tray watching 10 busy servers for minutes. 10 HEAD doubles run in a process of
 * their own (core-doubles.ts), each with 1,000 finished jobs of history and 5 running + 20 pending
 * jobs (10-30 s runs, a fifth of them phase-aware golden refreshes) that keep finishing and being
 * replaced. HEAD's lists only ever show the newest 50 jobs (cidx-api.md §2.2), so a tray knows an
 * older history from its own job cache: the cache is seeded with each double's history, as a
 * tray that has been running for a while would hold it, and retention keeps 1,000 finished jobs
 * per server. The core runs in this process over HTTP with its default settings otherwise.
 *
 * Figures: process CPU over the window as a share of one core (this process runs only the core
 * and a sleeping benchmark), also per 30 s slice; heap used after a full GC at the end with the
 * core alive; requests per minute per server from the doubles' own statistics. Then, the core
 * stopped, the transport floor: the same routes at the same rates sent by bare node:http and
 * parsed, nothing else (transport-floor.ts), so the core's own share is the difference.
 */
import { systemClock } from '../../main/core/clock';
import { DoublesProcess, LIST_ROUTE, cachedFromWire } from './core-doubles-client';
import type { CaseReport } from './core-report';
import { int, mb, pct } from './core-report';
import { apiKeyServer, cpuMs, createCoreRig, heapAfterGc, readSnapshot, sleep } from './core-world';
import { measureTransportFloor } from './transport-floor';

const SERVERS = 10;
const HISTORY = 1_000;
const TARGET_CPU = 0.01;
const TARGET_HEAP_BYTES = 60 * 1024 * 1024;
const SLICE_MS = 30_000;
const FLOOR_SECONDS = 60;
/** The double's stats key of a job GET (the list's is LIST_ROUTE). */
const GET_ROUTE = 'GET /api/jobs/{job_id}';

export async function runFleetCase(
  options: { seconds: number; quick: boolean },
  gc: (() => void) | null,
  progress: (line: string) => void,
): Promise<CaseReport> {
  const windowMs = Math.round(options.seconds * 1000);
  const warmupMs = options.quick ? 8_000 : 15_000;
  progress(
    `fleet: ${SERVERS} HEAD doubles x ${int(HISTORY)} jobs, ${warmupMs / 1000} s warm-up, ${windowMs / 1000} s window...`,
  );
  const heapBaseline = heapAfterGc(gc);
  const doubles = await DoublesProcess.start({
    servers: SERVERS,
    workerPoolSize: 5,
    history: HISTORY,
    historySpanMs: 3 * 24 * 3_600_000,
    seed: 7,
  });
  try {
    const ids = doubles.doubles.map((_, index) => `cidx-${index + 1}`);
    const history = await doubles.history();
    const jobs = history.flatMap((rows, index) => rows.map((row) => cachedFromWire(ids[index]!, row)));
    history.length = 0;
    await doubles.startLoad({
      active: 25,
      runMs: { min: 10_000, max: 30_000 },
      refreshShare: 0.2,
      checkEveryMs: 100,
      seed: 3,
    });
    const rig = await createCoreRig({
      clock: systemClock,
      servers: doubles.doubles.map((info, index) => apiKeyServer(ids[index]!, info.url)),
      apiKeys: Object.fromEntries(doubles.doubles.map((info, index) => [ids[index]!, info.apiKey])),
      settings: { retention: { maxFinishedPerServer: HISTORY } },
      seed: { jobs },
    });
    const seeded = jobs.length;
    jobs.length = 0;
    try {
      rig.core.start();
      await sleep(warmupMs);
      const before = await doubles.counts(0);
      await doubles.resetStats();
      const patchesBefore = rig.patches.count;
      const notificationsBefore = rig.notifications.calls;
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      // The window in slices, so a trend (compiles settling, a leak) shows in the details.
      const slices: number[] = [];
      for (let left = windowMs; left > 0; left -= SLICE_MS) {
        const sliceStart = process.cpuUsage();
        const sliceWall = performance.now();
        await sleep(Math.min(SLICE_MS, left));
        slices.push(cpuMs(process.cpuUsage(sliceStart)) / (performance.now() - sliceWall));
      }
      const cpu = cpuMs(process.cpuUsage(cpuStart));
      const wallMs = performance.now() - wallStart;
      const patches = rig.patches.count - patchesBefore;
      const notifications = rig.notifications.calls - notificationsBefore;
      const stats = await doubles.stats();
      const after = await doubles.counts(0);
      const heap = heapAfterGc(gc);
      const tracked = readSnapshot(rig.core.snapshot()).jobs;

      const minutes = wallMs / 60_000;
      const requests = stats.reduce((sum, entry) => sum + entry.total, 0);
      const perServerPerMin = requests / SERVERS / minutes;
      const routes = new Map<string, number>();
      for (const entry of stats)
        for (const [route, count] of Object.entries(entry.byRoute))
          routes.set(route, (routes.get(route) ?? 0) + count);
      const topRoutes = [...routes]
        .sort(([, a], [, b]) => b - a)
        .slice(0, 3)
        .map(([route, count]) => `${route} ${(count / SERVERS / minutes).toFixed(1)}`)
        .join(', ');
      const endings =
        after.reduce((sum, entry) => sum + entry.ended, 0) -
        before.reduce((sum, entry) => sum + entry.ended, 0);
      const share = cpu / wallMs;
      // The same requests with nothing behind them, the core stopped (see transport-floor.ts).
      rig.close();
      const floorSeconds = Math.min(options.seconds, FLOOR_SECONDS);
      progress(`fleet: the transport floor, the same requests by bare node:http for ${floorSeconds} s...`);
      const floor = await measureTransportFloor(
        doubles.doubles.map((info) => ({ url: info.url, apiKey: info.apiKey })),
        {
          listsPerMinute: (routes.get(LIST_ROUTE) ?? 0) / SERVERS / minutes,
          getsPerMinute: (routes.get(GET_ROUTE) ?? 0) / SERVERS / minutes,
        },
        floorSeconds,
      );
      return {
        id: 'fleet',
        title: `${SERVERS} servers x ${int(HISTORY)} jobs`,
        rows: [
          {
            case: 'fleet',
            measure: `core CPU, ${SERVERS} servers x ${int(HISTORY)} jobs`,
            value: `${pct(share)} of one core (${int(cpu)} ms CPU in ${(wallMs / 1000).toFixed(0)} s)`,
            target: `< ${pct(TARGET_CPU, 0)} of a core`,
            met: requests > 0 ? share < TARGET_CPU : null,
          },
          {
            case: 'fleet',
            measure: 'transport floor: the same requests, bare node:http',
            value: `${pct(floor.share)} of one core (${int(floor.requests)} requests in ${floorSeconds} s)`,
            target: null,
            met: null,
          },
          {
            case: 'fleet',
            measure: "the core's own work above the floor",
            value: `${pct(Math.max(0, share - floor.share))} of one core`,
            target: null,
            met: null,
          },
          {
            case: 'fleet',
            measure: 'heap used after GC at the end',
            value: heap === null ? 'no gc available' : `${mb(heap)} (${mb(heapBaseline)} before the core)`,
            target: `< ${mb(TARGET_HEAP_BYTES)}`,
            met: heap === null ? null : heap < TARGET_HEAP_BYTES,
          },
          {
            case: 'fleet',
            measure: 'requests per minute per server',
            value: `${perServerPerMin.toFixed(1)} req/min (${topRoutes})`,
            target: null,
            met: null,
          },
        ],
        details: [
          `job cache seeded with ${int(seeded)} jobs; the core tracked ${tracked === null ? '?' : int(tracked)} at the end`,
          `CPU per ${SLICE_MS / 1000} s of the window: ${slices.map((slice) => pct(slice)).join(', ')}`,
          `in the window: ${int(endings)} endings on the servers, ${int(notifications)} notifications, ${int(patches)} patches (${int(patches / minutes)}/min)`,
          ...(rig.warnings.length > 0
            ? [`core warnings: ${rig.warnings.length}, first: ${rig.warnings[0]}`]
            : []),
        ],
        data: {
          windowMs: wallMs,
          cpuMs: cpu,
          cpuShare: share,
          cpuShareBySlice: slices,
          transportFloorShare: floor.share,
          heapAfterGcBytes: heap,
          heapBaselineBytes: heapBaseline,
          requestsPerMinutePerServer: perServerPerMin,
          routesPerMinutePerServer: Object.fromEntries(
            [...routes].map(([route, count]) => [route, count / SERVERS / minutes]),
          ),
          endings,
          notifications,
          patches,
          trackedJobs: tracked,
        },
      };
    } finally {
      rig.close();
    }
  } finally {
    await doubles.close();
  }
}
