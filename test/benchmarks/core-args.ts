/**
 * Options of `npm run bench:core`. Every case runs unless --cases names some; --quick shrinks the
 * long cases (fleet, churn) and the idle window so everything runs in a few minutes; an explicit
 * option always wins over --quick.
 */

export const CASE_IDS = ['snapshot', 'tick', 'idle-wire', 'tray', 'fleet', 'churn'] as const;
export type CaseId = (typeof CASE_IDS)[number];

export interface CoreBenchArgs {
  json: boolean;
  quick: boolean;
  cases: CaseId[];
  /** snapshot: store sizes, and snapshot() calls per size. */
  snapshotSizes: number[];
  snapshotCalls: number;
  /** tick: measured ticks (after the warm-up rounds, see core-tick.ts). */
  ticks: number;
  /** idle-wire: the measured window, s. */
  idleSeconds: number;
  /** fleet: the measured window, s. */
  fleetSeconds: number;
  /** churn: endings per run, the checkpoint spacing, a time cap per run (s, null = none), rates. */
  churnTotal: number;
  churnEvery: number;
  churnMaxSeconds: number | null;
  churnRates: number[];
}

/** A wrong or missing option: printed as is, with the usage. */
export class UsageError extends Error {}

export const USAGE = `npm run bench:core -- [options]
  --cases a,b           cases to run (${CASE_IDS.join(', ')}); default all
  --quick               short runs: fleet 20 s, churn 2,000 endings a run (every 100, at most 45 s
                        a run), idle window 20 s, 50 ticks
  --json                one JSON object on stdout instead of the tables
  --snapshot-sizes a,b  tracked jobs for the snapshot case (default 1000,10000)
  --snapshot-calls N    snapshot() calls per size (default 5, at least 5)
  --ticks N             measured ticks of the tick case, after 400 warm-up rounds
                        (default 200, at least 20)
  --idle-seconds N      idle-wire window (default 60)
  --fleet-seconds N     fleet window (default 180)
  --churn-total N       endings per churn run (default 100000)
  --churn-every N       endings between churn checkpoints (default 10000)
  --churn-max-seconds N stop a churn run after N s even if the total was not reached
  --churn-rates a,b     endings a second of the churn runs (default 8,45)`;

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} needs a positive number`);
  return value;
}

function list(name: string, raw: string | undefined): number[] {
  const values = (raw ?? '').split(',').map((part) => positive(name, part));
  if (values.length === 0) throw new UsageError(`${name} needs at least one number`);
  return values;
}

export function parseCoreBenchArgs(argv: readonly string[]): CoreBenchArgs {
  const given = new Map<string, string>();
  let json = false;
  let quick = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--quick') quick = true;
    else if (arg.startsWith('--') && arg.includes('=')) {
      const at = arg.indexOf('=');
      given.set(arg.slice(0, at), arg.slice(at + 1));
    } else if (arg.startsWith('--')) {
      const value = argv[index + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value\n${USAGE}`);
      given.set(arg, value);
      index += 1;
    } else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  const known = new Set([
    '--cases',
    '--snapshot-sizes',
    '--snapshot-calls',
    '--ticks',
    '--idle-seconds',
    '--fleet-seconds',
    '--churn-total',
    '--churn-every',
    '--churn-max-seconds',
    '--churn-rates',
  ]);
  for (const name of given.keys())
    if (!known.has(name)) throw new UsageError(`unknown option ${name}\n${USAGE}`);

  const number = (name: string, fallback: number): number =>
    given.has(name) ? positive(name, given.get(name)) : fallback;

  let cases: CaseId[] = [...CASE_IDS];
  if (given.has('--cases')) {
    const names = (given.get('--cases') ?? '').split(',').filter((name) => name !== '');
    const unknown = names.filter((name) => !(CASE_IDS as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0)
      throw new UsageError(`unknown case ${unknown.join(', ') || '(none)'} (known: ${CASE_IDS.join(', ')})`);
    cases = CASE_IDS.filter((id) => names.includes(id));
  }
  const churnTotal = Math.round(number('--churn-total', quick ? 2_000 : 100_000));
  const args: CoreBenchArgs = {
    json,
    quick,
    cases,
    snapshotSizes: given.has('--snapshot-sizes')
      ? list('--snapshot-sizes', given.get('--snapshot-sizes')).map(Math.round)
      : [1_000, 10_000],
    snapshotCalls: Math.max(5, Math.round(number('--snapshot-calls', 5))),
    ticks: Math.max(20, Math.round(number('--ticks', quick ? 50 : 200))),
    idleSeconds: number('--idle-seconds', quick ? 20 : 60),
    fleetSeconds: number('--fleet-seconds', quick ? 20 : 180),
    churnTotal,
    churnEvery: Math.round(number('--churn-every', quick ? 100 : 10_000)),
    churnMaxSeconds: given.has('--churn-max-seconds')
      ? positive('--churn-max-seconds', given.get('--churn-max-seconds'))
      : quick
        ? 45
        : null,
    churnRates: given.has('--churn-rates') ? list('--churn-rates', given.get('--churn-rates')) : [8, 45],
  };
  return args;
}
