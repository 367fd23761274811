import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_KINDS, type FailureKind } from '../../../main/core/cidx/failure';
import { CliError, orFail } from '../../../main/cli/cli-error';
import { EXIT, exitCodeForFailure } from '../../../main/cli/exit-codes';

const expected: Record<FailureKind, number> = {
  offline: 5,
  timeout: 5,
  tls: 5,
  'bad-credentials': 4,
  'mfa-required': 4,
  'token-expired': 4,
  'token-revoked': 4,
  forbidden: 7,
  'not-found': 6,
  conflict: 7,
  'bad-request': 7,
  'rate-limited': 7,
  'server-error': 8,
  maintenance: 8,
  'unexpected-response': 8,
  'invalid-input': 2,
  'secrets-unavailable': 3,
};

describe('exit codes', () => {
  it.each([...FAILURE_KINDS])('maps the failure kind %s to its documented code', (kind) => {
    expect(exitCodeForFailure(kind)).toBe(expected[kind]);
  });

  it('keeps the documented numbers (the README table scripts rely on)', () => {
    expect(EXIT).toEqual({
      ok: 0,
      jobFailed: 1,
      usage: 2,
      config: 3,
      auth: 4,
      unreachable: 5,
      notFound: 6,
      refused: 7,
      serverError: 8,
      internal: 70,
      interrupted: 130,
    });
    // The README's exit-code table lists exactly these codes, no more and no fewer.
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('| exit code | meaning |');
    const table = readme.slice(start, readme.indexOf('\n\n', start));
    const documented = [...table.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(documented).toEqual(Object.values(EXIT));
  });

  it('builds a CliError from a failure with its context and code', () => {
    const error = CliError.from({ kind: 'not-found', message: 'No job abc.' }, 'Lookup');
    expect(error.message).toBe('Lookup: No job abc.');
    expect(error.exitCode).toBe(EXIT.notFound);
    expect(CliError.usage('bad').exitCode).toBe(EXIT.usage);
    expect(CliError.config('bad').exitCode).toBe(EXIT.config);
  });

  it('orFail unwraps values and throws failures as CliErrors', () => {
    expect(orFail({ ok: true, value: 42 })).toBe(42);
    let thrown: unknown;
    try {
      orFail({ ok: false, error: { kind: 'offline', message: 'Cannot reach it.' } }, 'Server "x" not added');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect(thrown).toMatchObject({
      exitCode: EXIT.unreachable,
      message: 'Server "x" not added: Cannot reach it.',
    });
  });
});
