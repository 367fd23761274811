/** The benchmark's verdicts and its side-by-side table. Pure: numbers in, text out. */
import type { BenchCase, PollerKind, RunResult } from './measure-run';

export interface CaseResult {
  benchCase: BenchCase;
  runs: RunResult[];
}

export interface TargetVerdict {
  target: string;
  poller: Exclude<PollerKind, 'naive'>;
  value: string;
  met: boolean;
}

const ENGINES = ['engine-default', 'engine-1s'] as const;

const runOf = (result: CaseResult | undefined, poller: PollerKind) =>
  result?.runs.find((run) => run.poller === poller);

const seconds = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** Requests of the naive poller divided by the engine's (Infinity when the engine spent none). */
function ratio(naive: RunResult, engine: RunResult): number {
  return engine.requestsPerMin === 0 ? Infinity : naive.requestsPerMin / engine.requestsPerMin;
}

/** A run counts toward a target only if it measured something and the engine reported no bug. */
const measured = (run: RunResult): boolean => run.requests > 0 && run.engineErrors === 0;

export function judgeTargets(results: readonly CaseResult[]): TargetVerdict[] {
  const byId = (id: BenchCase['id']) => results.find((result) => result.benchCase.id === id);
  const verdicts: TargetVerdict[] = [];
  for (const poller of ENGINES) {
    const idle = runOf(byId('idle'), poller);
    if (idle) {
      verdicts.push({
        target: 'idle: <= 6 requests/min per server',
        poller,
        value: `${idle.requestsPerMin} req/min`,
        met: measured(idle) && idle.requestsPerMin <= 6,
      });
    }
    // Never costlier than per-job polling wherever there is a job to poll (on an idle server the
    // naive poller knows no job and sends nothing, so idle has its own target above).
    for (const id of ['one-running', 'twenty-running', 'two-hundred-active'] as const) {
      const naiveRun = runOf(byId(id), 'naive');
      const engineRun = runOf(byId(id), poller);
      if (!naiveRun || !engineRun) continue;
      verdicts.push({
        target: `${byId(id)?.benchCase.title}: <= naive requests/min`,
        poller,
        value: `${engineRun.requestsPerMin} vs ${naiveRun.requestsPerMin} req/min`,
        met: measured(naiveRun) && measured(engineRun) && engineRun.requestsPerMin <= naiveRun.requestsPerMin,
      });
    }
    const twentyNaive = runOf(byId('twenty-running'), 'naive');
    const twenty = runOf(byId('twenty-running'), poller);
    if (twentyNaive && twenty) {
      const fewer = ratio(twentyNaive, twenty);
      verdicts.push({
        target: '20 running: >= 5x fewer requests than naive',
        poller,
        value: `${fewer.toFixed(1)}x`,
        met: measured(twentyNaive) && measured(twenty) && fewer >= 5,
      });
      const behind =
        twenty.detection.p95Ms === null || twentyNaive.detection.p95Ms === null
          ? null
          : twenty.detection.p95Ms - twentyNaive.detection.p95Ms;
      verdicts.push({
        target: '20 running: detection p95 <= naive p95 + 0.5 s',
        poller,
        value:
          behind === null
            ? 'no samples'
            : `${seconds(twenty.detection.p95Ms)} vs ${seconds(twentyNaive.detection.p95Ms)} (${behind >= 0 ? '+' : ''}${seconds(behind)})`,
        met: measured(twenty) && behind !== null && behind <= 500 && twenty.detection.missed === 0,
      });
    }
    const manyNaive = runOf(byId('two-hundred-active'), 'naive');
    const many = runOf(byId('two-hundred-active'), poller);
    if (manyNaive && many) {
      const fewer = ratio(manyNaive, many);
      verdicts.push({
        target: '200 active: >= 20x fewer requests than naive',
        poller,
        value: `${fewer.toFixed(1)}x`,
        met: measured(manyNaive) && measured(many) && fewer >= 20,
      });
      verdicts.push({
        target: '200 active: detection p95 < 3 s',
        poller,
        value: seconds(many.detection.p95Ms),
        met:
          measured(many) &&
          many.detection.p95Ms !== null &&
          many.detection.p95Ms < 3_000 &&
          many.detection.missed === 0,
      });
    }
  }
  return verdicts;
}

const POLLER_LABEL: Record<PollerKind, string> = {
  naive: 'naive 1 s GET/job',
  'engine-1s': 'engine, active 1 s',
  'engine-default': 'engine, defaults',
};

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, index) => cell.padEnd(widths[index] ?? 0))
    .join('  ')
    .trimEnd();
}

/** The top routes of a run, e.g. "GET /api/jobs 42, GET /api/jobs/{job_id} 30". */
function topRoutes(run: RunResult, count = 2): string {
  const entries = Object.entries(run.routesPerMin).slice(0, count);
  return entries.length === 0 ? '-' : entries.map(([route, perMin]) => `${route} ${perMin}`).join(', ');
}

export function renderTable(results: readonly CaseResult[], verdicts: readonly TargetVerdict[]): string {
  const header = [
    'case',
    'poller',
    'req/min',
    'vs naive',
    'detect p50',
    'p95',
    'seen/missed',
    'CPU ms/min',
    'heap KiB',
    'top routes (req/min)',
  ];
  const rows: string[][] = [];
  for (const { benchCase, runs } of results) {
    const naive = runOf({ benchCase, runs }, 'naive');
    for (const run of runs) {
      rows.push([
        benchCase.title,
        POLLER_LABEL[run.poller],
        run.requestsPerMin.toFixed(1),
        run.poller === 'naive' || !naive || naive.requestsPerMin === 0
          ? '-'
          : `${ratio(naive, run).toFixed(1)}x fewer`,
        seconds(run.detection.p50Ms),
        seconds(run.detection.p95Ms),
        `${run.detection.samples}/${run.detection.missed}`,
        String(run.cpuMsPerMin),
        run.heapRetainedKiB === null ? '-' : String(run.heapRetainedKiB),
        topRoutes(run),
      ]);
    }
  }
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]?.length ?? 0)),
  );
  const lines = [pad(header, widths), widths.map((width) => '-'.repeat(width)).join('  ')];
  let previousCase = '';
  for (const row of rows) {
    if (previousCase !== '' && row[0] !== previousCase) lines.push('');
    previousCase = row[0] ?? '';
    lines.push(pad(row, widths));
  }
  lines.push('', 'Targets:');
  for (const verdict of verdicts) {
    const label = `${verdict.target} [${POLLER_LABEL[verdict.poller]}]`;
    lines.push(`  ${verdict.met ? 'MET   ' : 'MISSED'}  ${label.padEnd(72)} ${verdict.value}`);
  }
  for (const { benchCase, runs } of results) {
    for (const run of runs) {
      // The naive poller knows no job on an idle server, so it rightly sends nothing there.
      const expectsRequests = run.poller !== 'naive' || benchCase.shape.active > 0;
      if (expectsRequests && run.requests === 0)
        lines.push(`  no requests measured: ${benchCase.title} [${POLLER_LABEL[run.poller]}]`);
      if (run.engineErrors > 0)
        lines.push(`  ${run.engineErrors} engine errors: ${benchCase.title} [${POLLER_LABEL[run.poller]}]`);
    }
  }
  return lines.join('\n');
}
