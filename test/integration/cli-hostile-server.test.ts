/**
 * Issue 8 at the terminal: a hostile server's job list and job (every string field carrying
 * OSC 52, OSC 0, OSC 8, CSI 2J, BEL, U+202E, HTML and a megabyte of text) reaches the bytes
 * `cidx-jobs jobs` and `cidx-jobs job` print only as plain, bounded text; a job with progress
 * 150 or an invalid date does not make the rest of the list disappear.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { hostileJobBody } from '../support/hostile-text';
import { createCliSandbox, parseJson, type CliRun, type CliSandbox } from './cli-harness';

// Everything but the line break may not reach a terminal from server text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

let server: RunningCidxServer;
let box: CliSandbox;

afterEach(async () => {
  box.cleanup();
  await server.close();
});

const all = (run: CliRun) => run.stdout + run.stderr;

function expectTerminalSafe(run: CliRun): void {
  const bytes = all(run);
  expect(bytes).not.toMatch(CONTROL);
  expect(bytes).not.toMatch(BIDI);
  // What is left of a sequence whose ESC was dropped ('[31m', not '31m': "39h 31m ago" is a time).
  for (const debris of ['pwned title', 'evil.example', '52;c;', '[2J', '[1;1H', '[31m']) {
    expect(bytes).not.toContain(debris);
  }
  // A megabyte of server text never reaches the terminal.
  expect(bytes.length).toBeLessThan(64 * 1024);
}

const plainJob = (id: string, patch: Record<string, unknown> = {}) => ({
  job_id: id,
  operation_type: 'sync_repository',
  status: 'completed',
  created_at: '2026-11-28T09:40:00.000000+00:00',
  started_at: '2026-11-28T09:40:01.000000+00:00',
  completed_at: '2026-11-28T09:41:00.000000+00:00',
  progress: 100,
  result: null,
  error: null,
  username: 'alice',
  current_phase: null,
  phase_detail: null,
  ...patch,
});

describe.each(['head', 'v5'] as const)('cidx-jobs against a hostile %s server', (flavor) => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor, port: 0, timeScale: 0.2 });
    box = createCliSandbox();
    expect((await box.addServer('lab', server)).code).toBe(0);
    const jobs = [
      { ...hostileJobBody('hostile-1'), status: 'failed' },
      plainJob('aaaa1111-over', { status: 'running', progress: 150, completed_at: null }),
      plainJob('bbbb2222-under', { progress: -5 }),
      plainJob('cccc3333-bad-dates', { started_at: 'soon', completed_at: 'later' }),
      plainJob('dddd4444-no-created', { created_at: 'not a date' }),
      plainJob('eeee5555-fine'),
    ];
    server.control.addFault({
      kind: 'status',
      status: 200,
      method: 'GET',
      pattern: '^/api/jobs$',
      body: { jobs, total: jobs.length, limit: 50, offset: 0 },
    });
    server.control.addFault({
      kind: 'status',
      status: 200,
      method: 'GET',
      pattern: '^/api/jobs/hostile',
      body: { ...hostileJobBody('hostile-1'), status: 'failed' },
    });
  });

  it('`jobs` prints plain text, keeps every readable job and says how many were left out', async () => {
    const table = await box.run(['jobs', '--all-users']);
    expect(table.code).toBe(0);
    expectTerminalSafe(table);
    for (const id of ['hostile-', 'aaaa1111', 'bbbb2222', 'cccc3333', 'eeee5555']) {
      expect(table.stdout).toContain(id);
    }
    expect(table.stdout).not.toContain('dddd4444');
    expect(table.stdout).toMatch(/aaaa1111.*100%/);
    expect(table.stdout).toMatch(/bbbb2222.*\b0%/);
    expect(table.stderr).toContain('1 job on lab could not be read (left out).');

    const json = await box.run(['jobs', '--all-users', '--json']);
    expect(json.code).toBe(0);
    expectTerminalSafe(json);
    const rows =
      parseJson<{ id: string; error: string | null; progress: number; startedAt: number | null }[]>(json);
    const hostile = rows.find((row) => row.id.startsWith('hostile-1'))!;
    expect(hostile.id).toBe('hostile-1abcgnp.exe<img src=x onerror=alert(1)>');
    expect(hostile.error!.length).toBeLessThanOrEqual(4096);
    expect(rows.find((row) => row.id === 'cccc3333-bad-dates')?.startedAt).toBeNull();
  });

  it('`job` prints every field of the hostile job as plain, bounded text', async () => {
    const shown = await box.run(['job', 'hostile-1']);
    expect(shown.code).toBe(0);
    expectTerminalSafe(shown);
    expect(shown.stdout).toMatch(/^Job\s+hostile-1abcgnp\.exe<img src=x onerror=alert\(1\)>$/m);
    expect(shown.stdout).toMatch(/^Owner\s+malloryabcgnp\.exe/m);
    expect(shown.stdout).toMatch(/^Error\s+error textabcgnp\.exe<img src=x onerror=alert\(1\)>A+…$/m);
    for (const line of shown.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(4500);

    const json = await box.run(['job', 'hostile-1', '--json']);
    expect(json.code).toBe(0);
    expectTerminalSafe(json);
  });
});
