import { describe, expect, it } from 'vitest';
import { signedInDoubles } from '../support/signed-in-double';

const doubles = signedInDoubles();
const world = (flavor: 'head' | 'v5') => doubles.start(flavor);

const IN_PROGRESS = (repo: string) => ({
  detail: `Repository '${repo}' sync already in progress. Use force=true to cancel existing sync.`,
});

describe('POST /api/repositories/{repo}/sync (cidx-api.md §3.1)', () => {
  it('404s unknown repositories and answers 202 with the 9.4 shape', async () => {
    const { api, alice } = await world('head');
    expect((await api.request('POST', '/api/repositories/nope/sync', { token: alice })).body).toEqual({
      detail: "Repository 'nope' not found or not accessible",
    });
    const ok = await api.request('POST', '/api/repositories/my-proj/sync', {
      token: alice,
      body: { force_sync: false },
    });
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({
      status: 'queued',
      repository_id: 'my-proj',
      estimated_completion: null,
      progress: { percentage: 0, files_processed: 0, files_total: 0, current_file: null },
      options: { force: false, full_reindex: false, incremental: true },
    });
  });

  it('409 is per user: any active sync of the caller blocks a sync of another repository', async () => {
    const { api, clock, alice } = await world('v5');
    await api.request('POST', '/api/repositories/my-proj/sync', { token: alice });
    const other = await api.request('POST', '/api/repositories/web-app/sync', { token: alice });
    expect(other.status).toBe(409);
    expect(other.body).toEqual(IN_PROGRESS('web-app'));
    clock.advance(1000);
    expect((await api.request('POST', '/api/repositories/web-app/sync', { token: alice })).status).toBe(202);
  });

  it('HEAD: another user syncing the same alias gives the 500 duplicate text', async () => {
    const { api, alice, admin } = await world('head');
    const first = await api.request('POST', '/api/repositories/my-proj/sync', { token: alice });
    const dup = await api.request('POST', '/api/repositories/my-proj/sync', { token: admin });
    expect(dup.status).toBe(500);
    expect(dup.body.detail).toBe(
      `Failed to submit sync job: A 'sync_repository' job is already running for repository 'my-proj' (job_id: ${first.body.job_id}). Please wait for it to complete.`,
    );
  });

  it('HEAD: force cancels the running sync and still collides with it (captured)', async () => {
    const { api, clock, alice } = await world('head');
    const first = await api.request('POST', '/api/repositories/my-proj/sync', { token: alice });
    const forced = await api.request('POST', '/api/repositories/my-proj/sync', {
      token: alice,
      body: { force: true },
    });
    expect(forced.status).toBe(500);
    clock.advance(300);
    expect((await api.get(`/api/jobs/${first.body.job_id}`, alice)).body.status).toBe('cancelled');
  });

  it('HEAD maintenance mode refuses new jobs with the 500 text', async () => {
    const { api, alice } = await world('head');
    doubles.server().control.setMaintenanceMode(true);
    const res = await api.request('POST', '/api/repositories/my-proj/sync', { token: alice });
    expect(res.status).toBe(500);
    expect(res.body.detail).toBe(
      'Failed to submit sync job: Server is in maintenance mode. New jobs are not accepted. Please retry after 60 seconds.',
    );
  });

  it('follows the scripted next outcome of a repository, then its defaults', async () => {
    const { api, clock, alice } = await world('head');
    doubles.server().control.setNextSyncOutcome('docs', {
      outcome: 'failed',
      error: 'Git sync operation timed out',
      runMs: 50,
    });
    const failing = (await api.request('POST', '/api/repositories/docs/sync', { token: alice })).body.job_id;
    clock.advance(50);
    expect((await api.get(`/api/jobs/${failing}`, alice)).body).toMatchObject({
      status: 'failed',
      progress: 0,
      error: 'Git sync operation timed out',
    });
    const fine = (await api.request('POST', '/api/repositories/docs/sync', { token: alice })).body.job_id;
    clock.advance(1000);
    expect((await api.get(`/api/jobs/${fine}`, alice)).body.status).toBe('completed');
  });

  it('HEAD admission gate holds syncs pending until released', async () => {
    const { api, alice } = await world('head');
    doubles.server().control.setAdmissionBlocked(true);
    const id = (await api.request('POST', '/api/repositories/my-proj/sync', { token: alice })).body.job_id;
    expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
      status: 'pending',
      started_at: null,
    });
    doubles.server().control.setAdmissionBlocked(false);
    expect((await api.get(`/api/jobs/${id}`, alice)).body.status).toBe('running');
  });
});

describe('POST /api/repos/sync (cidx-api.md §3.2)', () => {
  it('409s after any sync ever existed; v5 force jobs fail with the params TypeError', async () => {
    const { api, clock, admin } = await world('v5');
    await api.request('POST', '/api/repositories/my-proj/sync', { token: admin });
    clock.advance(1000);
    const blocked = await api.request('POST', '/api/repos/sync', {
      token: admin,
      body: { repository_alias: 'my-proj' },
    });
    expect(blocked.body).toEqual(IN_PROGRESS('my-proj'));
    const forced = await api.request('POST', '/api/repos/sync', {
      token: admin,
      body: { repository_alias: 'my-proj', force: true },
    });
    expect(forced.status).toBe(202);
    const job = (await api.get(`/api/jobs/${forced.body.job_id}`, admin)).body;
    expect(job).toMatchObject({ status: 'failed', progress: 0 });
    expect(job.error).toMatch(/got an unexpected keyword argument 'params'$/);
    expect(
      (await api.request('POST', '/api/repos/sync', { token: admin, body: { repository_alias: '  ' } })).body,
    ).toEqual({ detail: 'Repository alias cannot be empty' });
  });
});

describe('golden refresh and repositories (cidx-api.md §3.5, §3.6)', () => {
  it('HEAD validates the alias and creates a global_repo_refresh job', async () => {
    const { api, admin, alice } = await world('head');
    expect(
      (await api.request('POST', '/api/admin/golden-repos/nope/refresh', { token: admin })).body,
    ).toEqual({ detail: "Golden repository 'nope' not found" });
    expect(
      (await api.request('POST', '/api/admin/golden-repos/proj-golden/refresh', { token: alice })).status,
    ).toBe(403);
    const ok = await api.request('POST', '/api/admin/golden-repos/proj-golden/refresh', { token: admin });
    expect(ok.status).toBe(202);
    expect(ok.body.message).toBe("Golden repository 'proj-golden' refresh started");
    expect((await api.get(`/api/jobs/${ok.body.job_id}`, admin)).body.operation_type).toBe(
      'global_repo_refresh',
    );
  });

  it('v5 accepts an unknown alias and fails the refresh_golden_repo job', async () => {
    const { api, admin } = await world('v5');
    const res = await api.request('POST', '/api/admin/golden-repos/nope/refresh', { token: admin });
    expect(res.status).toBe(202);
    expect((await api.get(`/api/jobs/${res.body.job_id}`, admin)).body).toMatchObject({
      operation_type: 'refresh_golden_repo',
      status: 'failed',
      error: "Golden repository 'nope' not found",
    });
  });

  it('lists repositories wrapped on HEAD and as a bare array on v5', async () => {
    const head = await world('head');
    const headList = (await head.api.get('/api/repos', head.alice)).body;
    expect(headList.total).toBe(3);
    expect(headList.repositories[0]).toHaveProperty('deactivation_job', null);
    await doubles.server().close();
    const v5 = await world('v5');
    const v5List = (await v5.api.get('/api/repos', v5.alice)).body;
    expect(Array.isArray(v5List)).toBe(true);
    expect(v5List[0]).not.toHaveProperty('deactivation_job');
  });
});

describe('health (cidx-api.md §7)', () => {
  it('HEAD /healthz needs no auth; /health reports the version and turns degraded on a failed job', async () => {
    const { api, clock, alice } = await world('head');
    expect((await api.get('/healthz')).body).toEqual({ status: 'healthy' });
    expect((await api.get('/health')).status).toBe(401);
    expect((await api.get('/health', alice)).body).toMatchObject({
      status: 'healthy',
      version: '11.79.0',
      maintenance_mode: false,
    });
    doubles
      .server()
      .control.addJob({ owner: 'bob', operation: 'sync_repository', runMs: 1, outcome: 'failed' });
    clock.advance(1);
    expect((await api.get('/health', alice)).body).toMatchObject({
      status: 'degraded',
      job_queue: { failed_jobs: 1 },
    });
  });

  it('v5 has no /healthz or /api/server-time; /health says 5.0.0', async () => {
    const { api, alice } = await world('v5');
    expect((await api.get('/healthz')).status).toBe(404);
    expect((await api.get('/api/server-time')).status).toBe(404);
    const health = (await api.get('/health', alice)).body;
    expect(health.version).toBe('5.0.0');
    expect(health).not.toHaveProperty('maintenance_mode');
    expect((await api.get('/openapi.json')).body.info.version).toBe('1.0.0');
  });
});
