/**
 * CidxClient against the real CIDX double over HTTP on 127.0.0.1, both flavours: jobs, sync,
 * cancel, repositories, probe, API keys (HEAD) and injected faults.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { apiKeyAuth } from '../../main/core/cidx/auth';
import { CidxClient } from '../../main/core/cidx/client';
import { createNodeFetch } from '../../main/core/cidx/node-transport';
import { passwordAuth } from '../../main/core/cidx/password-auth';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';

const fetch = createNodeFetch();

function passwordClient(server: RunningCidxServer, username: string, password: string, timeoutMs?: number) {
  let refreshToken: string | null = null;
  return new CidxClient({
    baseUrl: server.url,
    fetch,
    clock: systemClock,
    timeoutMs,
    auth: passwordAuth({
      username,
      getPassword: async () => password,
      loadRefreshToken: async () => refreshToken,
      saveRefreshToken: async (token) => {
        refreshToken = token;
      },
    }),
  });
}

const failureKind = (result: { ok: boolean; error?: { kind: string } }) =>
  result.ok ? 'ok' : result.error?.kind;

describe.each(['head', 'v5'] as const)('CidxClient against the %s double', (flavor) => {
  let server: RunningCidxServer;
  beforeAll(async () => {
    server = await startCidxServer({ flavor, port: 0, cancelLatencyMs: 0 });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    server.control.clearFaults();
  });

  it('probes flavour, version and the signed-in user', async () => {
    const result = await passwordClient(server, 'alice', 'alice-pass').probe();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.flavor).toBe(flavor);
    expect(result.value.version).toMatch(flavor === 'head' ? /^11\./ : /^5\./);
    expect(result.value).toMatchObject({ username: 'alice', role: 'normal_user' });
  });

  it('lists the activated repositories in either shape', async () => {
    const result = await passwordClient(server, 'alice', 'alice-pass').listRepositories();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((repo) => repo.alias).sort()).toEqual(['docs', 'my-proj', 'web-app']);
    expect(result.value.find((repo) => repo.alias === 'my-proj')).toEqual({
      alias: 'my-proj',
      goldenAlias: 'proj-golden',
      branch: 'main',
    });
  });

  it('submits a sync, sees it, refuses a second one, cancels it, and cannot cancel it twice', async () => {
    const client = passwordClient(server, 'alice', 'alice-pass');
    server.control.setRepoSyncDefaults('web-app', { pendingMs: 60_000 }, 'alice');
    const submitted = await client.submitSync('web-app', { incremental: true });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const { jobId } = submitted.value;

    const job = await client.getJob(jobId);
    expect(job.ok && job.value).toMatchObject({
      id: jobId,
      operationType: 'sync_repository',
      status: 'pending',
    });
    const page = await client.listJobs({ status: 'pending', limit: 50 });
    expect(page.ok && page.value.jobs.map((j) => j.id)).toContain(jobId);

    // §3.1: 409 while the same user has any active sync.
    const again = await client.submitSync('docs');
    expect(again.ok ? null : again.error).toMatchObject({ kind: 'conflict', status: 409 });

    expect(await client.cancelJob(jobId)).toEqual({ ok: true, value: undefined });
    const cancelled = await client.getJob(jobId);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const twice = await client.cancelJob(jobId);
    expect(twice.ok ? null : twice.error).toMatchObject({
      kind: 'bad-request',
      message: 'Cannot cancel job in cancelled status.',
    });
  });

  it('unknown jobs: 404 on get, 403 -> not-found on cancel (§2.4)', async () => {
    const client = passwordClient(server, 'alice', 'alice-pass');
    expect(failureKind(await client.getJob('does-not-exist'))).toBe('not-found');
    const cancel = await client.cancelJob('does-not-exist');
    expect(cancel.ok ? null : cancel.error).toMatchObject({ kind: 'not-found', status: 403 });
    expect(failureKind(await client.submitSync('nope'))).toBe('not-found');
  });

  it('golden refresh: admin gets a job, a normal user is forbidden', async () => {
    const admin = await passwordClient(server, 'admin', 'admin').refreshGoldenRepo('cidx-meta');
    expect(admin.ok && admin.value.jobId.length).toBeGreaterThan(0);
    expect(
      failureKind(await passwordClient(server, 'alice', 'alice-pass').refreshGoldenRepo('cidx-meta')),
    ).toBe('forbidden');
  });

  it('wrong password -> bad-credentials', async () => {
    expect(failureKind(await passwordClient(server, 'alice', 'wrong').listJobs())).toBe('bad-credentials');
  });

  it('faults: 503 with Retry-After, malformed and truncated JSON, a reset, a hang', async () => {
    const client = passwordClient(server, 'alice', 'alice-pass', 400);
    expect((await client.listJobs()).ok).toBe(true); // signed in before the faults

    server.control.addFault({ kind: 'status', status: 503, retryAfter: 30, path: '/api/jobs', count: 1 });
    const unavailable = await client.listJobs();
    expect(unavailable.ok ? null : unavailable.error).toMatchObject({
      kind: 'server-error',
      status: 503,
      retryAfterMs: 30_000,
    });

    server.control.addFault({ kind: 'malformed-json', path: '/api/jobs', count: 1 });
    expect(failureKind(await client.listJobs())).toBe('unexpected-response');
    server.control.addFault({ kind: 'truncated-json', path: '/api/jobs', count: 1 });
    const truncated = await client.listJobs();
    expect(truncated.ok ? '' : truncated.error.message).toMatch(/truncated or malformed JSON/);

    server.control.addFault({ kind: 'reset', path: '/api/jobs', count: 1 });
    expect(failureKind(await client.listJobs())).toBe('offline');

    server.control.addFault({ kind: 'hang', path: '/api/jobs', count: 1 });
    expect(failureKind(await client.listJobs())).toBe('timeout');
    server.control.clearFaults();
    expect((await client.listJobs()).ok).toBe(true);
  });

  it('an unreachable server -> offline', async () => {
    const stopped = await startCidxServer({ flavor, port: 0 });
    const url = stopped.url;
    await stopped.close();
    const result = await new CidxClient({
      baseUrl: url,
      fetch,
      clock: systemClock,
      auth: apiKeyAuth({ getApiKey: async () => 'cidx_sk_00000000000000000000000000000000' }),
    }).probe();
    expect(result.ok ? null : result.error).toMatchObject({
      kind: 'offline',
      message: expect.stringMatching(/connection refused/),
    });
  });
});

describe('HEAD-only behaviour', () => {
  let server: RunningCidxServer;
  beforeAll(async () => {
    server = await startCidxServer({ flavor: 'head', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  const keyClient = (key: string) =>
    new CidxClient({
      baseUrl: server.url,
      fetch,
      clock: systemClock,
      auth: apiKeyAuth({ getApiKey: async () => key }),
    });

  it('API key auth works for probe and jobs; a wrong key is bad-credentials', async () => {
    const key = server.control.credentials().apiKeys.find((entry) => entry.username === 'alice')?.apiKey;
    expect(key).toMatch(/^cidx_sk_/);
    const client = keyClient(key!);
    const probe = await client.probe();
    expect(probe.ok && probe.value).toMatchObject({ flavor: 'head' });
    expect((await client.listJobs()).ok).toBe(true);
    expect(failureKind(await keyClient('cidx_sk_ffffffffffffffffffffffffffffffff').listJobs())).toBe(
      'bad-credentials',
    );
  });

  it('an MFA account -> mfa-required', async () => {
    expect(failureKind(await passwordClient(server, 'carol', 'carol-pass').listJobs())).toBe('mfa-required');
  });

  it('maintenance mode -> maintenance with a retry hint (§3.1)', async () => {
    server.control.setMaintenanceMode(true);
    try {
      const result = await passwordClient(server, 'alice', 'alice-pass').submitSync('my-proj');
      expect(result.ok ? null : result.error).toMatchObject({ kind: 'maintenance', retryAfterMs: 60_000 });
    } finally {
      server.control.setMaintenanceMode(false);
    }
  });
});

describe('v5-only behaviour', () => {
  it('an API key is refused before it is sent to a v5 server (§1.4)', async () => {
    const server = await startCidxServer({ flavor: 'v5', port: 0 });
    try {
      server.control.resetStats();
      const result = await new CidxClient({
        baseUrl: server.url,
        fetch,
        clock: systemClock,
        auth: apiKeyAuth({ getApiKey: async () => 'cidx_sk_78dda893fe1620e3224ac51e0e29d159' }),
      }).probe();
      expect(result.ok ? null : result.error.kind).toBe('bad-credentials');
      const routes = Object.keys(server.control.stats().byRoute);
      expect(routes).toContain('GET <unmatched>'); // the /healthz probe, a 404 on v5
      expect(routes).not.toContain('GET /health');
    } finally {
      await server.close();
    }
  });
});
