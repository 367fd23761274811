#!/usr/bin/env node
/**
 * Prints "N passed, N failed" from a vitest JSON report (`--reporter=json`), the line CI reads.
 * Usage: node scripts/ci-count.mjs <report.json>
 *
 * Failures are counted per file from `testResults`, so nothing is counted twice:
 * - every test (`assertionResults[]`) with status "failed" counts once;
 * - a file with status "failed" but no failed test (it failed to load, or a hook outside the
 *   tests threw: its `message` says why) counts as one failure, not as nothing.
 * An unreadable report is itself a failure: "0 passed, 1 failed".
 */
import { readFileSync } from 'node:fs';

/** @param {unknown} report @returns {{ passed: number, failed: number }} */
function count(report) {
  if (typeof report !== 'object' || report === null || !Array.isArray(report.testResults)) {
    throw new Error('not a vitest JSON report (no testResults)');
  }
  let passed = 0;
  let failed = 0;
  for (const file of report.testResults) {
    const tests = Array.isArray(file?.assertionResults) ? file.assertionResults : [];
    const failedTests = tests.filter((t) => t?.status === 'failed').length;
    passed += tests.filter((t) => t?.status === 'passed').length;
    failed += failedTests > 0 ? failedTests : file?.status === 'failed' ? 1 : 0;
  }
  return { passed, failed };
}

const file = process.argv[2];
try {
  if (!file) throw new Error('usage: node scripts/ci-count.mjs <report.json>');
  const { passed, failed } = count(JSON.parse(readFileSync(file, 'utf8')));
  console.log(`${passed} passed, ${failed} failed`);
} catch (error) {
  console.error(`ci-count: ${error instanceof Error ? error.message : String(error)}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}
