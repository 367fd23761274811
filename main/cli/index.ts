/** Entry point of the `cidx-jobs` command line. */
import { processIo } from './io';
import { runCli } from './run-cli';

// A reader that stopped reading (`cidx-jobs job 8b66 | head -3`) is not a failure: stop quietly,
// as a command killed by SIGPIPE would, instead of a stack trace for the EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

const code = await runCli(process.argv.slice(2), processIo());
// Leave as soon as what was printed is out: an idle keep-alive socket or a background task of
// Node's must not hold the answer back (npm run bench:cli).
const drained = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
