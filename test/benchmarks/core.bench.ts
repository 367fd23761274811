/**
 * `npm run bench:core [-- --quick] [-- --cases snapshot,tick] [-- --json]` (see core-args.ts)
 *
 * The product core (`createMonitor`; `createTrayCore` before the rework) at scale, through its
 * public surface only (`subscribe`, `snapshot`, `start`, `stop`) and the host seams, so the
 * figures stay comparable across a rework of its insides. Cases: `snapshot` (snapshot() at 1,000
 * and 10,000 jobs), `tick` (CPU per poll round with 200 of 10,000 jobs moving), `idle-wire` (what
 * an idle core sends a browser page), `fleet` (10 servers x 1,000 jobs for minutes: CPU, heap,
 * requests), `churn` (many short lifecycles: counts, notifications, heap). The doubles run in a
 * process of their own. Prints one table of figures against their targets, the machine first;
 * a figure printer, never a timed assertion.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { CaseId, CoreBenchArgs } from './core-args';
import { USAGE, UsageError, parseCoreBenchArgs } from './core-args';
import { runChurnCase } from './core-churn';
import { runFleetCase } from './core-fleet';
import { runIdleWireCase } from './core-idle-wire';
import type { CaseReport } from './core-report';
import { renderReport } from './core-report';
import { runSnapshotCase } from './core-snapshot';
import { runTickCase } from './core-tick';
import { runTrayCase } from './core-tray';
import { findGc } from './core-world';

interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** 1-minute load average at the start: other work on the machine skews every figure. */
  loadAverage: number;
}

function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    loadAverage: loadavg()[0] ?? 0,
  };
}

async function runCase(id: CaseId, args: CoreBenchArgs, gc: (() => void) | null): Promise<CaseReport> {
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  switch (id) {
    case 'snapshot':
      return runSnapshotCase({ sizes: args.snapshotSizes, calls: args.snapshotCalls }, gc, progress);
    case 'tick':
      return runTickCase({ ticks: args.ticks }, gc, progress);
    case 'idle-wire':
      return runIdleWireCase({ seconds: args.idleSeconds }, progress);
    case 'tray':
      return runTrayCase(progress);
    case 'fleet':
      return runFleetCase({ seconds: args.fleetSeconds, quick: args.quick }, gc, progress);
    case 'churn':
      return runChurnCase(
        {
          total: args.churnTotal,
          every: args.churnEvery,
          maxSeconds: args.churnMaxSeconds,
          rates: args.churnRates,
        },
        gc,
        progress,
      );
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const args = parseCoreBenchArgs(argv);
  const gc = findGc();
  const host = machine();
  const startedAt = Date.now();
  const header =
    `CIDX Tray core benchmark - ${host.cpus} CPUs (${host.cpuModel}), ${host.memoryGb} GB, ${host.platform}, ` +
    `node ${host.node}, load average ${host.loadAverage.toFixed(2)} at start${gc ? '' : ' (no gc: heap figures missing)'}`;
  if (!args.json) process.stdout.write(`${header}\n`);
  const reports: CaseReport[] = [];
  for (const id of args.cases) reports.push(await runCase(id, args, gc));
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'core',
        machine: host,
        gcAvailable: gc !== null,
        options: args,
        durationMs: Date.now() - startedAt,
        rows: reports.flatMap((report) => report.rows),
        cases: Object.fromEntries(reports.map((report) => [report.id, report.data])),
      })}\n`,
    );
    return;
  }
  process.stdout.write(`\n${renderReport(reports)}\n\n(${seconds} s${args.quick ? ', --quick' : ''})\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench:core: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `bench:core failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
