/**
 * The one way a command fails: a sentence for the person and a documented exit code.
 * Commands throw it; the entry point prints `cidx-jobs: <message>` and exits with the code.
 */
import type { CidxFailure } from '../core/cidx/failure';
import { EXIT, exitCodeForFailure, type ExitCode } from './exit-codes';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static from(failure: CidxFailure, context?: string): CliError {
    const message = context ? `${context}: ${failure.message}` : failure.message;
    return new CliError(message, exitCodeForFailure(failure.kind));
  }

  static usage(message: string): CliError {
    return new CliError(message, EXIT.usage);
  }

  static config(message: string): CliError {
    return new CliError(message, EXIT.config);
  }
}

/** Unwraps a Result, turning a failure into the CliError the entry point reports. */
export function orFail<T>(
  result: { ok: true; value: T } | { ok: false; error: CidxFailure },
  context?: string,
): T {
  if (!result.ok) throw CliError.from(result.error, context);
  return result.value;
}
