/** CidxClient endpoints over a scripted fetch, with API-key auth (§1.4, §2–§3, §7). */
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import type { CidxClientOptions } from '../../../main/core/cidx/client';
import { CidxClient } from '../../../main/core/cidx/client';
import { API_KEY, FakeClock, ScriptedFetch, jobBody, json } from './support';

function setup(fake: ScriptedFetch, overrides: Partial<CidxClientOptions> = {}) {
  return new CidxClient({
    baseUrl: 'https://cidx.example.com',
    fetch: fake.fetch,
    clock: new FakeClock(),
    auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
    ...overrides,
  });
}

describe('jobs', () => {
  it('lists with the given filters and normalises the jobs', async () => {
    const fake = new ScriptedFetch().on(
      'GET /api/jobs',
      json(200, {
        jobs: [
          jobBody(),
          jobBody({ job_id: 'data-retention-fb419029', status: 'completed', username: 'system' }),
        ],
        total: 2,
        limit: 50,
        offset: 0,
      }),
    );
    const result = await setup(fake).listJobs({ status: 'running', limit: 100, offset: 0 });
    expect(fake.calls[0]?.url).toBe('https://cidx.example.com/api/jobs?status=running&limit=100&offset=0');
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.limit).toBe(50);
    expect(result.value.jobs.map((job) => job.id)).toEqual([
      '8b663834-9a18-4378-b460-5259d1ff16fa',
      'data-retention-fb419029',
    ]);
    expect(result.value.jobs[0]).toMatchObject({
      status: 'running',
      progress: 25,
      createdAt: Date.parse('2026-11-28T09:44:17.530506Z'),
    });
  });

  it('rejects a bad page request before sending', async () => {
    const fake = new ScriptedFetch();
    const client = setup(fake);
    for (const query of [{ limit: 0 }, { limit: 2.5 }, { offset: -1 }, { status: ' ' }]) {
      const result = await client.listJobs(query);
      expect(result.ok ? null : result.error.kind).toBe('invalid-input');
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('gets one job with its phase, encoding the id', async () => {
    const fake = new ScriptedFetch().on(
      'GET /api/jobs/a%2Fb%20c',
      json(
        200,
        jobBody({
          job_id: 'a/b c',
          operation_type: 'global_repo_refresh',
          current_phase: 'scip',
          phase_detail: 'SCIP: generating...',
        }),
      ),
    );
    const result = await setup(fake).getJob('a/b c');
    expect(result.ok && result.value).toMatchObject({
      id: 'a/b c',
      phase: 'scip',
      phaseDetail: 'SCIP: generating...',
    });
  });

  it('cancels: 200 ok, 403 means unknown or not yours, 400 keeps the reason (§2.4)', async () => {
    const fake = new ScriptedFetch()
      .on('DELETE /api/jobs/j1', json(200, { success: true, message: 'Job cancelled successfully' }))
      .on('DELETE /api/jobs/nope', json(403, { detail: 'Job not found or not authorized' }))
      .on('DELETE /api/jobs/done', json(400, { detail: 'Cannot cancel job in failed status' }));
    const client = setup(fake);
    expect(await client.cancelJob('j1')).toEqual({ ok: true, value: undefined });
    expect(await client.cancelJob('nope')).toEqual({
      ok: false,
      error: {
        kind: 'not-found',
        status: 403,
        serverDetail: 'Job not found or not authorized',
        message: 'Job nope was not found, or it is not yours.',
      },
    });
    const done = await client.cancelJob('done');
    expect(done.ok ? null : done.error).toMatchObject({
      kind: 'bad-request',
      message: 'Cannot cancel job in failed status.',
    });
    expect((await client.cancelJob('')).ok).toBe(false);
  });
});

describe('sync and refresh', () => {
  const submitted = {
    job_id: 'a28555e8',
    status: 'queued',
    repository_id: 'my proj',
    created_at: '2026-11-28T09:45:38.465585+00:00',
    estimated_completion: null,
  };

  it('submits a sync to /api/repositories/{repo}/sync with the options as given (§3.1)', async () => {
    const fake = new ScriptedFetch().on('POST /api/repositories/my%20proj%2Fx/sync', json(202, submitted));
    const result = await setup(fake).submitSync('my proj/x', {
      force: true,
      incremental: false,
      fullReindex: true,
      pullRemote: true,
    });
    expect(result).toEqual({ ok: true, value: { jobId: 'a28555e8' } });
    expect(fake.calls[0]?.body).toEqual({
      force: true,
      full_reindex: true,
      incremental: false,
      pull_remote: true,
    });
  });

  it('sends only the options given', async () => {
    const fake = new ScriptedFetch().on('POST /api/repositories/r/sync', json(202, submitted));
    await setup(fake).submitSync('r');
    expect(fake.calls[0]?.body).toEqual({});
  });

  it('refuses an empty repository name without sending', async () => {
    const fake = new ScriptedFetch();
    const result = await setup(fake).submitSync('  ');
    expect(result.ok ? null : result.error.kind).toBe('invalid-input');
    expect(fake.calls).toHaveLength(0);
  });

  it('reports a 409 sync conflict with the reason', async () => {
    const reason = "Repository 'r' sync already in progress. Use force=true to cancel existing sync.";
    const fake = new ScriptedFetch().on('POST /api/repositories/r/sync', json(409, { detail: reason }));
    const result = await setup(fake).submitSync('r');
    expect(result.ok ? null : result.error).toMatchObject({ kind: 'conflict', serverDetail: reason });
  });

  it('refreshes a golden repo; an empty job id is reported (§3.5)', async () => {
    const fake = new ScriptedFetch()
      .on(
        'POST /api/admin/golden-repos/cidx-meta/refresh',
        json(202, { job_id: 'c92726a8', message: "Golden repository 'cidx-meta' refresh started" }),
      )
      .on('POST /api/admin/golden-repos/degraded/refresh', json(202, { job_id: '', message: 'started' }));
    const client = setup(fake);
    expect(await client.refreshGoldenRepo('cidx-meta')).toEqual({ ok: true, value: { jobId: 'c92726a8' } });
    const degraded = await client.refreshGoldenRepo('degraded');
    expect(degraded.ok ? null : degraded.error.kind).toBe('unexpected-response');
  });
});

describe('repositories', () => {
  const item = {
    user_alias: 'my-proj',
    golden_repo_alias: 'proj-golden',
    current_branch: 'main',
    activated_at: '2026-05-01T10:00:00+00:00',
    last_accessed: null,
  };
  const expected = [{ alias: 'my-proj', goldenAlias: 'proj-golden', branch: 'main' }];

  it('reads the HEAD shape {repositories, total}', async () => {
    const fake = new ScriptedFetch().on(
      'GET /api/repos',
      json(200, { repositories: [{ ...item, deactivation_job: null }], total: 1 }),
    );
    expect(await setup(fake).listRepositories()).toEqual({ ok: true, value: expected });
  });

  it('reads the v5 bare array (§3.6)', async () => {
    const fake = new ScriptedFetch().on('GET /api/repos', json(200, [item]));
    expect(await setup(fake).listRepositories()).toEqual({ ok: true, value: expected });
  });
});

describe('probe', () => {
  const health = (version: string) =>
    json(200, { status: 'healthy', message: 'CIDX Server is running', version, maintenance_mode: false });

  it('detects HEAD from /healthz and reads the version from /health', async () => {
    const fake = new ScriptedFetch()
      .on('GET /healthz', json(200, { status: 'healthy' }))
      .on('GET /health', health('11.79.0'));
    const result = await setup(fake).probe();
    expect(result).toEqual({
      ok: true,
      value: {
        flavor: 'head',
        version: '11.79.0',
        healthStatus: 'healthy',
        username: null,
        role: null,
        maintenanceMode: false,
      },
    });
    expect(fake.callsTo('GET /healthz')[0]?.headers.authorization).toBeUndefined();
    expect(fake.callsTo('GET /health')[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('treats a 503 unhealthy /healthz as HEAD', async () => {
    const fake = new ScriptedFetch()
      .on('GET /healthz', json(503, { status: 'unhealthy' }))
      .on('GET /health', health('11.79.0'));
    const result = await setup(fake).probe();
    expect(result.ok && result.value.flavor).toBe('head');
  });

  it('refuses to send an API key to a v5 server (404 on /healthz)', async () => {
    const fake = new ScriptedFetch().on('GET /healthz', json(404, { detail: 'Not Found' }));
    const result = await setup(fake).probe();
    expect(result.ok ? null : result.error).toMatchObject({
      kind: 'bad-credentials',
      message: expect.stringMatching(/CIDX 5.*no API keys/),
    });
    expect(fake.callsTo('GET /health')).toHaveLength(0);
  });

  it('falls back to the version when /healthz is inconclusive', async () => {
    const fake = new ScriptedFetch()
      .on('GET /healthz', json(502, 'bad gateway'))
      .on('GET /health', health('5.0.0'));
    const result = await setup(fake).probe();
    expect(result.ok && result.value.flavor).toBe('v5');
  });

  it('reports an unreachable server', async () => {
    const result = await setup(new ScriptedFetch(), {
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        });
      },
    }).probe();
    expect(result.ok ? null : result.error.kind).toBe('offline');
  });
});

describe('API key auth and setup errors', () => {
  it('an invalid base URL fails every call without a request', async () => {
    const fake = new ScriptedFetch();
    const client = setup(fake, { baseUrl: 'cidx.example.com' });
    for (const result of [await client.listJobs(), await client.probe(), await client.getJob('x')]) {
      expect(result.ok ? null : result.error.kind).toBe('invalid-input');
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('a 401 with an API key is reported once, without a retry', async () => {
    const fake = new ScriptedFetch().on('GET /api/jobs', json(401, { detail: 'Invalid API key' }));
    const result = await setup(fake).listJobs();
    expect(result.ok ? null : result.error.kind).toBe('bad-credentials');
    expect(fake.calls).toHaveLength(1);
  });

  it('a missing key or one without the cidx_sk_ prefix fails before sending', async () => {
    const fake = new ScriptedFetch();
    const missing = await setup(fake, { auth: apiKeyAuth({ getApiKey: async () => null }) }).listJobs();
    expect(missing.ok ? null : missing.error.kind).toBe('bad-credentials');
    const wrong = await setup(fake, {
      auth: apiKeyAuth({ getApiKey: async () => 'sk-1234567890' }),
    }).listJobs();
    expect(wrong.ok ? null : wrong.error.kind).toBe('invalid-input');
    expect(JSON.stringify(wrong)).not.toContain('sk-1234567890');
    expect(fake.calls).toHaveLength(0);
  });
});
