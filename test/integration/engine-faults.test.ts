/**
 * Every fault the CIDX double can inject, against the real engine over HTTP, both flavours: the
 * engine keeps polling, says what is wrong in words, and is back `online` within one backoff
 * interval of the fault being cleared. Real clock, short intervals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FailureKind } from '../../main/core/cidx/failure';
import type { EngineEvent, ServerHealth } from '../../main/core/engine/events';
import type { FaultInput } from '../cidx-server/control-client';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import type { AuthMode, EngineHarness } from '../support/engine-harness';
import { FAST_ENGINE_OPTIONS, scriptJob, startEngine } from '../support/engine-harness';

const CLIENT_TIMEOUT_MS = 400;
/**
 * After a fault is cleared: at most one backoff interval (its cap), plus a request that was
 * already waiting out the client timeout when the fault went, plus the recovering tick itself.
 */
const RECOVERY_MS = FAST_ENGINE_OPTIONS.backoffCapMs + CLIENT_TIMEOUT_MS + 500;
const WAIT = { timeoutMs: 6_000 };

type StateEvent = Extract<EngineEvent, { type: 'server-state' }>;

interface FaultCase {
  name: string;
  fault: FaultInput;
  health: ServerHealth;
  kind: FailureKind;
  message: RegExp;
  retryAfterMs?: number;
}

const FAULTS: FaultCase[] = [
  {
    name: 'latency beyond the client timeout',
    fault: { kind: 'latency', latencyMs: 1_500 },
    health: 'offline',
    kind: 'timeout',
    message: /did not answer within/,
  },
  {
    name: '503 without Retry-After',
    fault: { kind: 'status', status: 503 },
    health: 'offline',
    kind: 'server-error',
    message: /^Server error \(HTTP 503\)/,
  },
  {
    name: '503 with Retry-After',
    fault: { kind: 'status', status: 503, retryAfter: 1 },
    health: 'offline',
    kind: 'server-error',
    message: /^Server error \(HTTP 503\).*temporarily unavailable/,
    retryAfterMs: 1_000,
  },
  {
    name: '502 HTML page from a proxy',
    fault: { kind: 'status', status: 502 },
    health: 'offline',
    kind: 'server-error',
    message: /^Server error \(HTTP 502\)\.$/,
  },
  {
    name: '429 with Retry-After',
    fault: { kind: 'status', status: 429, retryAfter: 1, path: '/api/jobs' },
    health: 'degraded',
    kind: 'rate-limited',
    message: /^Too many requests \(retry in 1 s\)/,
    retryAfterMs: 1_000,
  },
  {
    name: 'connection reset',
    fault: { kind: 'reset' },
    health: 'offline',
    kind: 'offline',
    message: /^Cannot reach http:\/\/127\.0\.0\.1:\d+ \(/,
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed-json', path: '/api/jobs' },
    health: 'offline',
    kind: 'unexpected-response',
    message: /GET \/api\/jobs (is not valid JSON|is truncated or malformed JSON)/,
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'truncated-json', path: '/api/jobs' },
    health: 'offline',
    kind: 'unexpected-response',
    message: /GET \/api\/jobs is truncated or malformed JSON/,
  },
  {
    name: 'hung response',
    fault: { kind: 'hang' },
    health: 'offline',
    kind: 'timeout',
    message: /did not answer within/,
  },
  {
    name: 'credentials rejected (401 on every call)',
    fault: { kind: 'status', status: 401, body: { detail: 'Invalid credentials' } },
    health: 'auth-failed',
    kind: 'bad-credentials',
    message: /did not accept the (credentials|user name or password)/,
  },
];

const authOf = (flavor: 'head' | 'v5'): AuthMode => (flavor === 'head' ? 'api-key' : 'password');

describe.each(['head', 'v5'] as const)('engine under faults of the %s double', (flavor) => {
  let server: RunningCidxServer;
  let harness: EngineHarness | undefined;
  let reported: unknown[] = [];

  beforeAll(async () => {
    server = await startCidxServer({ flavor, port: 0, timeScale: 0.25, cancelLatencyMs: 400 });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    harness?.stop();
    harness = undefined;
    server.control.clearFaults();
    expect(reported).toEqual([]);
    reported = [];
  });

  async function watch(auth: AuthMode = authOf(flavor)): Promise<EngineHarness> {
    harness = startEngine(
      [{ id: flavor, server, client: { auth, timeoutMs: CLIENT_TIMEOUT_MS } }],
      FAST_ENGINE_OPTIONS,
      reported,
    );
    await harness.recorder.waitForHealth(flavor, 'online', WAIT);
    return harness;
  }

  const failingTick = (h: EngineHarness, since: number, atLeast: number) =>
    h.recorder.waitFor<StateEvent>(
      (event) =>
        event.type === 'server-state' &&
        event.serverId === flavor &&
        event.state.consecutiveFailures >= atLeast,
      { ...WAIT, since, what: `${atLeast} failed ticks in a row` },
    );

  it.each(FAULTS)('$name -> $health, then online again once cleared', async (spec) => {
    const h = await watch();
    const since = h.recorder.mark();
    server.control.addFault(spec.fault);

    const failed = await h.recorder.waitForHealth(flavor, spec.health, { ...WAIT, since });
    const error = failed.state.lastError;
    expect(error?.kind).toBe(spec.kind);
    expect(error?.message).toMatch(spec.message);
    expect(error?.message).not.toMatch(/cidx_sk_|alice-pass|Bearer/);
    if (spec.retryAfterMs !== undefined) {
      expect(error?.retryAfterMs).toBe(spec.retryAfterMs);
      // The next attempt honours Retry-After.
      expect(failed.state.nextPollAt! - failed.state.lastAttemptAt!).toBeGreaterThanOrEqual(
        spec.retryAfterMs - 50,
      );
    }

    // Still polling: another failed tick follows, in backoff, with the same verdict.
    const again = await failingTick(h, h.recorder.mark(), 2);
    expect(again.state).toMatchObject({ health: spec.health, mode: 'backoff' });

    const clearedAt = Date.now();
    const sinceClear = h.recorder.mark();
    server.control.clearFaults();
    const online = await h.recorder.waitForHealth(flavor, 'online', {
      timeoutMs: RECOVERY_MS,
      since: sinceClear,
    });
    expect(Date.now() - clearedAt).toBeLessThanOrEqual(RECOVERY_MS);
    expect(online.state).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });

  it('a 500 on per-job GETs only -> degraded, and the ending is read once it clears', async () => {
    const h = await watch();
    const jobId = scriptJob(server, { outcome: 'never-finishes' });
    await h.recorder.waitFor((event) => event.type === 'job-added' && event.job.id === jobId, {
      ...WAIT,
      what: 'the job to be seen',
    });
    // Newer jobs than a page holds, cancelled with it, keep its ending out of every list's window
    // (the unfiltered list and the terminal lists a sweep reads): only a GET can tell now.
    const pageLimit = flavor === 'head' ? 50 : 100;
    const newer = Array.from({ length: pageLimit + 5 }, () =>
      scriptJob(server, { outcome: 'never-finishes' }),
    );
    const since = h.recorder.mark();
    server.control.addFault({ kind: 'status', status: 500, pattern: '^/api/jobs/[^/]+$' });
    server.control.cancelJob(jobId); // it leaves the running list: the engine GETs it to learn how it ended
    for (const other of newer) server.control.cancelJob(other);

    const degraded = await h.recorder.waitForHealth(flavor, 'degraded', { ...WAIT, since });
    expect(degraded.state.lastError).toMatchObject({ kind: 'server-error', status: 500 });
    expect(degraded.state.lastError?.message).toMatch(/^Server error \(HTTP 500\)/);
    expect(h.recorder.ofType('job-finished', jobId)).toEqual([]);

    const sinceClear = h.recorder.mark();
    server.control.clearFaults();
    const finished = await h.recorder.waitForFinished(flavor, jobId, {
      timeoutMs: RECOVERY_MS,
      since: sinceClear,
    });
    expect(finished).toMatchObject({ status: 'cancelled' });
    await h.recorder.waitForHealth(flavor, 'online', { timeoutMs: RECOVERY_MS, since: sinceClear });
  });

  it.each([
    { refreshTokens: false, what: 'access tokens' },
    { refreshTokens: true, what: 'access and refresh tokens' },
  ])('expired $what: renewed without a person, the server stays online', async ({ refreshTokens }) => {
    const h = await watch('password');
    const since = h.recorder.mark();
    server.control.resetStats();
    server.control.expireAllTokens({ refreshTokens });
    const error = 'Git sync operation timed out';
    const jobId = scriptJob(server, { runMs: 4_000, outcome: 'failed', error });

    const finished = await h.recorder.waitForFinished(flavor, jobId, { ...WAIT, since });
    expect(finished).toMatchObject({ status: 'failed', job: { error } });
    const after = h.recorder.events
      .slice(since)
      .filter((event): event is StateEvent => event.type === 'server-state');
    expect(after.length).toBeGreaterThan(1);
    expect(after.every((event) => event.state.health === 'online')).toBe(true);
    // The expiry was hit: the engine refreshed, and signed in again only when the refresh token died too.
    const { byRoute } = server.control.stats();
    expect(byRoute['POST /api/auth/refresh']).toBeGreaterThan(0);
    expect((byRoute['POST /auth/login'] ?? 0) > 0).toBe(refreshTokens);
  });
});

describe('two servers, one faulted', () => {
  it('keeps polling the healthy server while the other is offline', async () => {
    const head = await startCidxServer({ flavor: 'head', port: 0, timeScale: 0.25 });
    const v5 = await startCidxServer({ flavor: 'v5', port: 0, timeScale: 0.25 });
    const reported: unknown[] = [];
    const h = startEngine(
      [
        { id: 'head', server: head, client: { auth: 'api-key', timeoutMs: CLIENT_TIMEOUT_MS } },
        { id: 'v5', server: v5, client: { auth: 'password', timeoutMs: CLIENT_TIMEOUT_MS } },
      ],
      FAST_ENGINE_OPTIONS,
      reported,
    );
    try {
      await h.recorder.waitForHealth('head', 'online', WAIT);
      await h.recorder.waitForHealth('v5', 'online', WAIT);
      const since = h.recorder.mark();
      head.control.addFault({ kind: 'hang' });
      await h.recorder.waitForHealth('head', 'offline', { ...WAIT, since });

      const jobId = scriptJob(v5, { runMs: 4_000 });
      const finished = await h.recorder.waitForFinished('v5', jobId, { ...WAIT, since });
      expect(finished.status).toBe('completed');
      expect(h.engine.getServerState('head')?.health).toBe('offline');
      expect(h.engine.getServerState('v5')?.health).toBe('online');
      const v5States = h.recorder.ofType('server-state').filter((event) => event.serverId === 'v5');
      expect(v5States.slice(-3).every((event) => event.state.health === 'online')).toBe(true);

      const sinceClear = h.recorder.mark();
      head.control.clearFaults();
      await h.recorder.waitForHealth('head', 'online', { timeoutMs: RECOVERY_MS, since: sinceClear });
      expect(reported).toEqual([]);
    } finally {
      h.stop();
      await head.close();
      await v5.close();
    }
  });
});
