/**
 * Runs one `cidx-jobs` invocation and returns its exit code. Errors become one line on stderr;
 * anything unexpected is a bug and says so, without a stack trace full of internals.
 */
import { CommanderError } from 'commander';
import type { Clock } from '../core/clock';
import { SecretStoreReadError } from '../core/config/secret-stores/secret-store-error';
import { CliError } from './cli-error';
import { EXIT, type ExitCode } from './exit-codes';
import { println, type CliIo } from './io';
import { buildProgram } from './program';

export async function runCli(argv: readonly string[], io: CliIo, clock?: Clock): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(io, clock, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CliError) {
      println(io.stderr, `cidx-jobs: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof SecretStoreReadError) {
      // A store that cannot be read refuses writes too (nothing it holds is lost): not a bug.
      println(io.stderr, `cidx-jobs: ${error.message}; nothing was changed.`);
      return EXIT.config;
    }
    if (error instanceof CommanderError) {
      // Help and version end "successfully"; commander has already printed the rest.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    println(
      io.stderr,
      `cidx-jobs: internal error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return EXIT.internal;
  }
}
