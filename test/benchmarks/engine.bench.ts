/**
 * `npm run bench:engine [-- --json] [-- --scale 0.3] [-- --cases idle,one-running]`
 *
 * The polling engine against the naive 1 s poller of the CIDX CLI and web UI (cidx-api.md §5),
 * on a HEAD double over real HTTP on 127.0.0.1, one run after another in this one process.
 * Prints a side-by-side table and the targets (or, with --json, one JSON object on stdout).
 * A figure printer, never a timed assertion (testing.md).
 */
import { DEFAULT_ENGINE_OPTIONS } from '../../main/core/engine/options';
import type { CaseResult } from './bench-report';
import { judgeTargets, renderTable } from './bench-report';
import type { BenchCase, PollerKind } from './measure-run';
import { findGc } from './gc';
import { measureRun } from './measure-run';

/**
 * Job lengths are chosen for enough endings per window to read a p95, while staying in the range
 * of real syncs (a git fetch and merge: seconds, cidx-api.md §3.4).
 */
const CASES: BenchCase[] = [
  {
    id: 'idle',
    title: 'idle (no jobs)',
    windowMs: 30_000,
    seed: 1,
    shape: { active: 0, workerPoolSize: 5, runMs: { min: 0, max: 0 } },
  },
  {
    id: 'one-running',
    title: '1 running job',
    windowMs: 12_000,
    seed: 2,
    shape: { active: 1, workerPoolSize: 5, runMs: { min: 2_000, max: 4_000 } },
  },
  {
    id: 'twenty-running',
    title: '20 running jobs',
    windowMs: 20_000,
    seed: 3,
    shape: { active: 20, workerPoolSize: 24, runMs: { min: 10_000, max: 20_000 } },
  },
  {
    id: 'two-hundred-active',
    title: '200 active (5 run)',
    windowMs: 12_000,
    seed: 4,
    shape: { active: 200, workerPoolSize: 5, runMs: { min: 3_000, max: 7_000 } },
  },
];

const POLLERS: PollerKind[] = ['naive', 'engine-1s', 'engine-default'];

/** The naive poller cannot poll anything on an idle server (it knows no job ids): a short look. */
const NAIVE_IDLE_WINDOW_MS = 5_000;

interface Args {
  json: boolean;
  scale: number;
  cases: Set<string> | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, scale: 1, cases: null };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--json') args.json = true;
    else if (arg === '--scale') args.scale = Number(argv[(index += 1)]);
    else if (arg === '--cases') args.cases = new Set((argv[(index += 1)] ?? '').split(','));
    else throw new Error(`unknown argument ${arg} (known: --json, --scale <factor>, --cases <ids>)`);
  }
  if (!(args.scale > 0)) throw new Error('--scale needs a positive number');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const gc = findGc();
  const cases = CASES.filter((benchCase) => args.cases === null || args.cases.has(benchCase.id));
  const results: CaseResult[] = [];
  const startedAt = Date.now();
  for (const benchCase of cases) {
    const runs = [];
    for (const poller of POLLERS) {
      const baseWindow =
        poller === 'naive' && benchCase.shape.active === 0 ? NAIVE_IDLE_WINDOW_MS : benchCase.windowMs;
      const scaled = { ...benchCase, windowMs: Math.round(baseWindow * args.scale) };
      process.stderr.write(`${benchCase.title}: ${poller} for ${scaled.windowMs / 1000} s...\n`);
      runs.push(await measureRun(scaled, poller, gc));
    }
    results.push({ benchCase, runs });
  }
  const verdicts = judgeTargets(results);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'engine',
        node: process.version,
        durationMs: Date.now() - startedAt,
        gcAvailable: gc !== null,
        engineDefaults: DEFAULT_ENGINE_OPTIONS,
        cases: results.map(({ benchCase, runs }) => ({ ...benchCase, runs })),
        targets: verdicts,
      })}\n`,
    );
    return;
  }
  const engine = `engine defaults: active ${DEFAULT_ENGINE_OPTIONS.activeIntervalMs} ms, idle ${DEFAULT_ENGINE_OPTIONS.idleIntervalMs} ms, ${DEFAULT_ENGINE_OPTIONS.maxRequestsPerTick} requests/tick max`;
  process.stdout.write(
    [
      `CIDX Tray engine benchmark: HEAD double over HTTP on 127.0.0.1, sync_repository jobs, ${engine}`,
      'CPU = whole process over the window (the poller plus the in-process double serving it);',
      'heap = what the poller retained at the end; detection = server completed_at -> poller noticed it.',
      ...(DEFAULT_ENGINE_OPTIONS.activeIntervalMs === 1_000
        ? ['The default active interval is 1 s, so the two engine rows differ only by run-to-run noise.']
        : []),
      '',
      renderTable(results, verdicts),
      '',
      `(${((Date.now() - startedAt) / 1000).toFixed(0)} s, node ${process.version})`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
