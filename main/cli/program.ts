/**
 * The `cidx-jobs` commands and options (commander). Each action loads its command's module
 * and the context only when it runs: `--help` and a usage error load neither the settings,
 * the HTTP client nor zod, so they answer at once (npm run bench:cli).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { ACTIVE_STATUSES, TERMINAL_STATUSES } from '../core/cidx/job';
import type { Clock } from '../core/clock';
import type { CliContext } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { oneLineError } from './usage-error';

const positiveInt = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('must be a whole number of at least 1');
  return parsed;
};

const JOB_STATUSES: readonly string[] = [...ACTIVE_STATUSES, ...TERMINAL_STATUSES];

/**
 * The server answers an unknown status with an empty list (cidx-api.md §2.2), which would read
 * as "no such jobs": say which statuses exist instead. Case does not matter.
 */
const jobStatus = (value: string): string => {
  const status = value.trim().toLowerCase();
  if (!JOB_STATUSES.includes(status))
    throw new InvalidArgumentError(`"${value}" is not a job status (one of: ${JOB_STATUSES.join(', ')})`);
  return status;
};

export function buildProgram(
  io: CliIo,
  clock: Clock | undefined,
  setExit: (code: ExitCode) => void,
): Command {
  type Action<A extends unknown[]> = (ctx: CliContext, ...args: A) => Promise<ExitCode | void>;
  const run =
    <A extends unknown[]>(load: () => Promise<Action<A>>) =>
    async (...args: A) => {
      const [{ openCliContext }, action] = await Promise.all([import('./context'), load()]);
      const ctx = await openCliContext(io, clock);
      setExit((await action(ctx, ...args)) ?? EXIT.ok);
    };
  const jobs = () => import('./commands/jobs');
  const job = () => import('./commands/job');
  const servers = () => import('./commands/server');
  const submit = () => import('./commands/submit');
  const watch = () => import('./commands/watch');
  const repos = () => import('./commands/repos');
  const serverOption = () => new Option('-s, --server <name>', 'only this server (by name or id)');
  const program = new Command('cidx-jobs')
    .description('Watch, submit, cancel and retry CIDX server jobs')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line like every other error, not commander's message and a page of usage.
      outputError: (message, write) => write(`${oneLineError(message)}\n`),
    })
    .exitOverride();

  const server = program.command('server').description('configure the CIDX servers to watch');
  server
    .command('add <name> <url>')
    .description(
      'add a server; API key from CIDX_API_KEY, --api-key-stdin or a prompt; with --username, the password likewise (CIDX_PASSWORD)',
    )
    .option('-u, --username <username>', 'sign in with a username and password instead of an API key')
    .option('--api-key-stdin', 'read the API key from standard input')
    .option('--password-stdin', 'read the password from standard input')
    .option('--ca-file <path>', 'PEM file of an extra certificate authority (self-signed servers)')
    .option('--insecure', 'do not verify the TLS certificate (dangerous; reported everywhere)')
    .option('--all-users', "show every user's jobs (CIDX 11.x administrators)")
    .option('--system-jobs', "show the server's internal maintenance jobs")
    .option('--no-check', 'save without testing the connection')
    .action(run(async () => (await servers()).serverAdd));
  server
    .command('list')
    .description('list configured servers')
    .option('--check', 'test each connection and show the server version')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await servers()).serverList));
  server
    .command('remove <name>')
    .description('remove a server and its stored credentials')
    .action(run(async () => (await servers()).serverRemove));

  program
    .command('jobs')
    .description('list recent jobs, running first')
    .addOption(serverOption())
    .option('--status <status>', `only jobs with this status (${JOB_STATUSES.join(', ')})`, jobStatus)
    .option('-n, --limit <count>', 'at most this many jobs', positiveInt, 50)
    .option('--all-users', "include other users' jobs (administrators)")
    .option('--system', "include the server's internal jobs")
    .option('--json', 'machine-readable output')
    .action(run(async () => (await jobs()).listJobs));
  program
    .command('job <id>')
    .description('show one job: status, phase, ETA, error, result (an id prefix is enough)')
    .addOption(serverOption())
    .option('--json', 'machine-readable output')
    .action(run(async () => (await job()).showJob));
  program
    .command('watch [ids...]')
    .summary('live progress of jobs until they end')
    .description(
      'Live progress of the given jobs until each has ended. Without ids: the jobs pending or running ' +
        'when it starts, until each has ended (jobs started later are not followed); with --follow ' +
        'also the jobs started while watching, until Ctrl+C. Exit 1 when a followed job failed, ' +
        'was cancelled or completed partially.',
    )
    .addOption(serverOption())
    .option('-f, --follow', 'without ids: also follow jobs started while watching, until Ctrl+C')
    .option('--all-users', "include other users' jobs (administrators)")
    .option('--system', "include the server's internal jobs")
    .action(run(async () => (await watch()).watchCommand));
  program
    .command('sync <repository>')
    .description('submit a sync of an activated repository')
    .addOption(serverOption())
    .option('--force', "cancel this user's running syncs first (the server's force option)")
    .option('-w, --wait', 'follow the job until it ends')
    .action(run(async () => (await submit()).syncCommand));
  program
    .command('cancel <id>')
    .description('cancel a pending or running job')
    .addOption(serverOption())
    .action(run(async () => (await submit()).cancelCommand));
  program
    .command('retry <id>')
    .description(
      'resubmit a failed or cancelled job (the server has no retry: CIDX Tray remembers what was submitted)',
    )
    .addOption(serverOption())
    .option('-w, --wait', 'follow the new job until it ends')
    .action(run(async () => (await submit()).retryCommand));
  program
    .command('repos')
    .description('list activated repositories')
    .addOption(serverOption())
    .option('--json', 'machine-readable output')
    .action(run(async () => (await repos()).listRepos));
  return program;
}
