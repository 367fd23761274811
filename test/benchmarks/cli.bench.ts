/**
 * `npm run bench:cli`: how long the built `cidx-jobs` takes from a cold process to its exit,
 * the wait a person feels at every command. The median of 10 runs each of `node -e 0` (what
 * any Node program pays), `cidx-jobs --help`, and `cidx-jobs jobs` against the CIDX double
 * with its demo world (one server, a local round trip). Figures, not a test; the targets from
 * issue 9 are printed beside them. Options: --runs N, --json, --bin <path> (time another
 * build of cidx-jobs, an older checkout's say, instead of this one's bin/cidx-jobs.mjs).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoWorld } from '../../scripts/demo/demo-world';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface BenchCase {
  name: string;
  args: string[];
  /** Seconds, when the issue set one. */
  targetS?: number;
}

interface CaseFigures {
  name: string;
  medianS: number;
  minS: number;
  maxS: number;
  targetS: number | null;
}

function binArg(args: string[]): string {
  const index = args.indexOf('--bin');
  if (index < 0) return resolve(ROOT, 'bin/cidx-jobs.mjs');
  const bin = args[index + 1];
  if (!bin || !existsSync(bin)) throw new Error('--bin needs the path of a cidx-jobs.mjs');
  return resolve(bin);
}

function runsArg(args: string[]): number {
  const index = args.indexOf('--runs');
  const runs = index >= 0 ? Number(args[index + 1]) : 10;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number of at least 1');
  return runs;
}

/** One cold process, spawn to exit, in seconds; a failing command is an error, not a figure. */
function timeOnce(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve(seconds);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function measure(benchCase: BenchCase, runs: number, env: NodeJS.ProcessEnv): Promise<CaseFigures> {
  // One run first, not counted: it fills the file cache, so every counted run starts alike.
  await timeOnce(benchCase.args, env);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) times.push(await timeOnce(benchCase.args, env));
  return {
    name: benchCase.name,
    medianS: median(times),
    minS: Math.min(...times),
    maxS: Math.max(...times),
    targetS: benchCase.targetS ?? null,
  };
}

function report(figures: readonly CaseFigures[], runs: number): string {
  const s = (value: number) => `${value.toFixed(3)} s`;
  const rows = figures.map((f) => [
    f.name,
    s(f.medianS),
    `${s(f.minS)} – ${s(f.maxS)}`,
    f.targetS === null ? '–' : `≤ ${f.targetS} s ${f.medianS <= f.targetS ? 'met' : 'NOT met'}`,
  ]);
  const header = ['command', `median of ${runs}`, 'range', 'target'];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

async function main(args: string[]): Promise<void> {
  const bin = binArg(args);
  if (!existsSync(resolve(dirname(bin), '../out/cli/cidx-jobs.mjs')))
    throw new Error('the CLI is not built: run `npm run build` first (npm run bench:cli does).');
  const runs = runsArg(args);
  const demo = await startDemoWorld();
  try {
    // The person's own environment (what their shell's node pays, NODE_EXTRA_CA_CERTS say),
    // but none of their CIDX_* settings: every run reads the demo's settings folder.
    const own = Object.entries(process.env).filter(([name]) => !name.startsWith('CIDX_'));
    const env = { ...Object.fromEntries(own), ...demo.env };
    const cases: BenchCase[] = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'cidx-jobs --help', args: [bin, '--help'], targetS: 0.2 },
      { name: 'cidx-jobs jobs (local double)', args: [bin, 'jobs'], targetS: 0.4 },
    ];
    const figures: CaseFigures[] = [];
    for (const benchCase of cases) figures.push(await measure(benchCase, runs, env));
    if (args.includes('--json')) console.log(JSON.stringify({ runs, figures }));
    else console.log(report(figures, runs));
  } finally {
    await demo.close();
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`bench:cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
