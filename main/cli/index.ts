/** Entry point of the `cidx-jobs` command line. */
import { processIo } from './io';
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2), processIo());
// Let pending output drain, then leave even if a socket is still open.
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
