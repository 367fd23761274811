/**
 * Contract test: replays the requests behind every captured payload in
 * test/fixtures/cidx-captures/*.json (recorded from the real servers, see the README there)
 * against the double in the matching flavour, and compares status, the headers that matter,
 * and every body field (names, types, deterministic values).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../cidx-server/clock';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { compareHeaders, compareWithCapture } from '../cidx-server/testing/contract-compare';
import { observe, type Observed, type Replay } from '../cidx-server/testing/contract-replay-types';
import {
  headAfterRestart,
  headAuthHealthJobs,
  headMisc,
  headSyncPhaseFailCancel,
} from '../cidx-server/testing/contract-replays-head';
import { v5AuthJobs, v5SyncFlows } from '../cidx-server/testing/contract-replays-v5';
import { apiClient } from '../cidx-server/testing/http-client';

// In the repository, so a fresh clone runs the contract test with nothing beside it.
const capturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cidx-captures');

const REPLAYS: Record<string, Replay> = {
  'head_auth_health_jobs.json': headAuthHealthJobs,
  'head_sync_phase_fail_cancel.json': headSyncPhaseFailCancel,
  'head_after_restart.json': headAfterRestart,
  'head_misc.json': headMisc,
  'v5_auth_jobs.json': v5AuthJobs,
  'v5_sync_flows.json': v5SyncFlows,
};

interface Capture {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

describe('the capture comparator', () => {
  it('flags changed values, types, missing and extra keys, and ignores volatile ids', () => {
    const captured = { job_id: 'a', status: 'running', progress: 25, error: null, nested: { detail: 'x' } };
    expect(compareWithCapture({ ...captured, job_id: 'b' }, captured)).toEqual([]);
    expect(compareWithCapture({ ...captured, status: 'pending' }, captured)).toHaveLength(1);
    expect(compareWithCapture({ ...captured, progress: '25' }, captured)).toHaveLength(1);
    expect(compareWithCapture({ ...captured, error: 'boom' }, captured)).toHaveLength(1);
    expect(compareWithCapture({ ...captured, extra: 1 }, captured)).toHaveLength(1);
    const { nested: _nested, ...withoutNested } = captured;
    expect(compareWithCapture(withoutNested, captured)).toHaveLength(1);
    expect(
      compareHeaders({ 'www-authenticate': null, 'retry-after': null }, { 'www-authenticate': 'Bearer' }),
    ).toHaveLength(1);
  });
});

if (!existsSync(capturesDir)) {
  it('finds the captured payloads', () => {
    throw new Error(
      `cidx captures not found at ${capturesDir}: they are committed under test/fixtures/cidx-captures/*.json`,
    );
  });
} else {
  const files = readdirSync(capturesDir).filter((f) => f.endsWith('.json'));

  it('has a replay for every capture file and a capture file for every replay', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !REPLAYS[f])).toEqual([]);
    expect(Object.keys(REPLAYS).filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const file of files) {
    const replay = REPLAYS[file];
    if (!replay) continue;
    const captures = JSON.parse(readFileSync(path.join(capturesDir, file), 'utf8')) as Record<
      string,
      unknown
    >;

    describe(`${file} (${replay.flavor})`, () => {
      let server: RunningCidxServer;
      const observed = new Map<string, Observed | { raw: unknown }>();

      beforeAll(async () => {
        const clock = createManualClock();
        server = await startCidxServer({
          flavor: replay.flavor,
          clock,
          scenario: replay.scenario,
          ...replay.options,
        });
        await replay.run({
          api: apiClient(server.url),
          server,
          clock,
          record: (key, response) => observed.set(key, observe(response)),
          recordRaw: (key, value) => observed.set(key, { raw: value }),
        });
      });
      afterAll(async () => server?.close());

      it('replays every key or says why not', () => {
        const unexplained = Object.keys(captures).filter((k) => !observed.has(k) && !replay.notReplayed?.[k]);
        expect(unexplained).toEqual([]);
      });

      for (const [key, raw] of Object.entries(captures)) {
        if (replay.notReplayed?.[key]) continue;
        it(key, () => {
          const seen = observed.get(key);
          expect(seen, `no replay recorded ${key}`).toBeDefined();
          const captured = replay.rewriteCapture ? replay.rewriteCapture(key, raw) : raw;
          if (seen && 'raw' in seen) {
            expect(compareWithCapture(seen.raw, captured, key)).toEqual([]);
            return;
          }
          const capture = captured as Capture;
          const live = seen as Observed;
          expect(live.status, JSON.stringify(live.body)).toBe(capture.status);
          expect(compareHeaders(live.headers, capture.headers)).toEqual([]);
          expect(compareWithCapture(live.body, capture.body)).toEqual([]);
        });
      }
    });
  }
}
