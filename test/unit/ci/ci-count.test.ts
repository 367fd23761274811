/**
 * scripts/ci-count.mjs, the "N passed, N failed" line .ci/run prints from vitest's JSON report:
 * each failed test counts once, a file that failed to load counts as one failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/ci-count.mjs', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'cidx-ci-count-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';

/** One `testResults` entry as vitest 4's json reporter writes it (the fields that matter). */
function file(name: string, status: 'passed' | 'failed', tests: Status[], message = '') {
  return {
    name: `/repo/test/${name}`,
    status,
    message,
    assertionResults: tests.map((s, i) => ({ title: `test ${i}`, status: s, failureMessages: [] })),
  };
}

/** A report whose top-level counters are what vitest writes; the script must not trust them. */
function report(testResults: ReturnType<typeof file>[], counters: Record<string, number>) {
  return { numTotalTests: 0, success: false, ...counters, testResults };
}

function run(content: string): { stdout: string; status: number | null } {
  const reportPath = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(reportPath, content);
  const result = spawnSync(process.execPath, [script, reportPath], { encoding: 'utf8' });
  return { stdout: result.stdout.trim(), status: result.status };
}

function count(value: unknown): string {
  const { stdout, status } = run(JSON.stringify(value));
  expect(status).toBe(0);
  return stdout;
}

describe('ci-count', () => {
  it('reports a passing run', () => {
    const r = report(
      [file('a.test.ts', 'passed', ['passed', 'passed']), file('b.test.ts', 'passed', ['passed', 'skipped'])],
      { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 0 },
    );
    expect(count(r)).toBe('3 passed, 0 failed');
  });

  it('counts a failed test inside a file once, not again for its file and describe', () => {
    // vitest counts the file and its describe block as failed suites too: the old sum said 3.
    const r = report(
      [file('a.test.ts', 'failed', ['passed', 'failed']), file('b.test.ts', 'passed', ['passed'])],
      {
        numPassedTests: 2,
        numFailedTests: 1,
        numFailedTestSuites: 2,
      },
    );
    expect(count(r)).toBe('2 passed, 1 failed');
  });

  it('counts every failed test of a file', () => {
    const r = report([file('a.test.ts', 'failed', ['failed', 'passed', 'failed'])], {
      numPassedTests: 1,
      numFailedTests: 2,
      numFailedTestSuites: 1,
    });
    expect(count(r)).toBe('1 passed, 2 failed');
  });

  it('counts a file that failed to load as one failure', () => {
    const r = report(
      [
        file('a.test.ts', 'passed', ['passed']),
        file('broken.test.ts', 'failed', [], "Cannot find module './missing' imported from broken.test.ts"),
      ],
      { numPassedTests: 1, numFailedTests: 0, numFailedTestSuites: 1 },
    );
    expect(count(r)).toBe('1 passed, 1 failed');
  });

  it('counts a file whose hook failed after its tests passed as one failure', () => {
    const r = report([file('a.test.ts', 'failed', ['passed', 'passed'], 'afterAll: boom')], {
      numPassedTests: 2,
      numFailedTests: 0,
      numFailedTestSuites: 1,
    });
    expect(count(r)).toBe('2 passed, 1 failed');
  });

  it('adds up failed tests, load failures and passes across files', () => {
    const r = report(
      [
        file('a.test.ts', 'failed', ['passed', 'failed']),
        file('b.test.ts', 'failed', [], 'SyntaxError'),
        file('c.test.ts', 'passed', ['passed', 'passed', 'todo']),
      ],
      { numPassedTests: 3, numFailedTests: 1, numFailedTestSuites: 3 },
    );
    expect(count(r)).toBe('3 passed, 2 failed');
  });

  it('says one failure, not an empty pass, for a report it cannot read', () => {
    expect(run('{ not json')).toEqual({ stdout: '0 passed, 1 failed', status: 1 });
    expect(run(JSON.stringify({ numPassedTests: 5 }))).toEqual({ stdout: '0 passed, 1 failed', status: 1 });
  });
});
