import { describe, expect, it } from 'vitest';
import { signedInDoubles } from '../support/signed-in-double';

const doubles = signedInDoubles();
const world = doubles.start;

const script = (owner: string, operation: string, extra: Record<string, unknown> = {}) =>
  doubles.server().control.addJob({ owner, operation, ...extra })!;

describe('sync lifecycle (cidx-api.md §4.6, §9.5, §9.7)', () => {
  it.each(['head', 'v5'] as const)(
    '%s: running at 25, completed at 100 with the 3.4 result',
    async (flavor) => {
      const { api, clock, alice } = await world(flavor);
      const submit = await api.request('POST', '/api/repositories/my-proj/sync', {
        token: alice,
        body: { incremental: true, pull_remote: true },
      });
      expect(submit.status).toBe(202);
      const id = submit.body.job_id as string;
      const running = await api.get(`/api/jobs/${id}`, alice);
      expect(running.body).toMatchObject({
        status: 'running',
        progress: 25,
        completed_at: null,
        result: null,
        error: null,
        username: 'alice',
      });
      expect('current_phase' in running.body).toBe(flavor === 'head');
      clock.advance(1000);
      const done = await api.get(`/api/jobs/${id}`, alice);
      expect(done.body).toMatchObject({ status: 'completed', progress: 100 });
      expect(done.body.result).toEqual({
        success: true,
        message: "Successfully synced repository 'my-proj' with golden repository",
        repository_id: 'my-proj',
        changes_applied: true,
        files_changed: 3,
        options_used: { incremental: true, force: false, pull_remote: true },
      });
      expect(done.body.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    },
  );

  it('HEAD phase-aware jobs report phases in /api/jobs/{id} only, and keep them when done', async () => {
    const { api, clock, alice } = await world('head');
    // 7 phases in 8 s: one step per second.
    const id = script('alice', 'global_repo_refresh', { repository: 'proj-golden-global', runMs: 8000 });
    expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
      progress: 10,
      current_phase: null,
    });
    clock.advance(1000);
    expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
      current_phase: 'semantic',
      phase_detail: 'semantic: starting...',
    });
    clock.advance(4000);
    const mid = await api.get(`/api/jobs/${id}`, alice);
    expect(mid.body).toMatchObject({
      status: 'running',
      current_phase: 'scip',
      phase_detail: 'SCIP: generating code intelligence index...',
      progress: 80,
    });
    const listed = await api.get('/api/jobs', alice);
    expect(listed.body.jobs[0]).toMatchObject({
      job_id: id,
      current_phase: null,
      phase_detail: null,
      progress: 80,
    });
    clock.advance(4000);
    const done = await api.get(`/api/jobs/${id}`, alice);
    expect(done.body).toMatchObject({
      status: 'completed',
      progress: 100,
      current_phase: 'cow',
      phase_detail: 'Snapshot complete',
    });
    expect(done.body.result).toEqual({
      success: true,
      alias: 'proj-golden-global',
      message: 'Refresh complete',
    });
  });

  it('v5 reports no phases for the same operation', async () => {
    const { api, alice } = await world('v5');
    const id = script('alice', 'add_index_fts', { runMs: 5000 });
    const body = (await api.get(`/api/jobs/${id}`, alice)).body;
    expect(body.progress).toBe(25);
    expect('current_phase' in body).toBe(false);
  });
});

describe('failure variants (cidx-api.md §4.1, §8)', () => {
  it('HEAD: exception, success:false and partial', async () => {
    const { api, clock, alice } = await world('head');
    const raised = script('alice', 'add_index_fts', {
      runMs: 10,
      phases: false,
      outcome: 'failed',
      error: 'Failed to add index: Command failed: boom',
    });
    const falsy = script('alice', 'reindex', {
      runMs: 10,
      phases: false,
      outcome: 'failed-result',
      result: { success: false, message: 'lost' },
    });
    const partial = script('alice', 'provider_index_add', { runMs: 10, outcome: 'partial' });
    clock.advance(20);
    expect((await api.get(`/api/jobs/${raised}`, alice)).body).toMatchObject({
      status: 'failed',
      progress: 0,
      result: null,
      error: 'Failed to add index: Command failed: boom',
    });
    expect((await api.get(`/api/jobs/${falsy}`, alice)).body).toMatchObject({
      status: 'failed',
      progress: 0,
      result: null,
      error: 'job failed',
    });
    expect((await api.get(`/api/jobs/${partial}`, alice)).body).toMatchObject({
      status: 'completed_partial',
      progress: 100,
    });
  });

  it('v5 counts success:false and partial as completed', async () => {
    const { api, clock, alice } = await world('v5');
    const falsy = script('alice', 'sync_repository', { runMs: 10, outcome: 'failed-result' });
    const partial = script('alice', 'sync_repository', { runMs: 10, outcome: 'partial' });
    clock.advance(20);
    expect((await api.get(`/api/jobs/${falsy}`, alice)).body).toMatchObject({
      status: 'completed',
      progress: 100,
    });
    expect((await api.get(`/api/jobs/${partial}`, alice)).body.status).toBe('completed');
  });
});

describe('concurrency (cidx-api.md §4.2)', () => {
  it('HEAD runs 5 at a time; the rest wait FIFO as pending with started_at null', async () => {
    const { api, clock, admin } = await world('head');
    const ids = Array.from({ length: 7 }, (_, i) =>
      script('bob', 'sync_repository', { runMs: 1000 * (i + 1), phases: false }),
    );
    const statuses = async () =>
      Promise.all(ids.map(async (id) => (await api.get(`/api/jobs/${id}`, admin)).body));
    let jobs = await statuses();
    expect(jobs.map((j) => j.status)).toEqual([
      'running',
      'running',
      'running',
      'running',
      'running',
      'pending',
      'pending',
    ]);
    expect(jobs[5]).toMatchObject({ started_at: null, progress: 0 });
    clock.advance(1000);
    jobs = await statuses();
    expect(jobs.map((j) => j.status)).toEqual([
      'completed',
      'running',
      'running',
      'running',
      'running',
      'running',
      'pending',
    ]);
  });

  it('v5 starts everything at once but refuses an 11th active job of a user with 500', async () => {
    const { api, alice } = await world('v5');
    for (let i = 0; i < 10; i++) script('alice', 'activate_repository', { outcome: 'never-finishes' });
    const res = await api.request('POST', '/api/repositories/my-proj/sync', { token: alice });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      detail: 'Failed to submit sync job: Maximum number of jobs exceeded for user alice (10)',
    });
  });
});

describe('cancel (cidx-api.md §2.4, §4.7)', () => {
  it.each([
    ['head', null],
    ['v5', 'Job cancelled during execution'],
  ] as const)(
    '%s: a running sync stays running briefly, then cancelled with progress 0',
    async (flavor, error) => {
      const { api, clock, alice } = await world(flavor);
      const id = (await api.request('POST', '/api/repositories/my-proj/sync', { token: alice })).body.job_id;
      const cancel = await api.request('DELETE', `/api/jobs/${id}`, { token: alice });
      expect(cancel.body).toEqual({ success: true, message: 'Job cancelled successfully' });
      expect((await api.get(`/api/jobs/${id}`, alice)).body.status).toBe('running');
      clock.advance(300);
      expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
        status: 'cancelled',
        progress: 0,
        error,
      });
      const again = await api.request('DELETE', `/api/jobs/${id}`, { token: alice });
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ detail: 'Cannot cancel job in cancelled status' });
    },
  );

  it('a pending job is cancelled at once; unknown and foreign jobs give 403', async () => {
    const { api, alice } = await world('head');
    const pending = script('alice', 'sync_repository', { pendingMs: 5000 });
    await api.request('DELETE', `/api/jobs/${pending}`, { token: alice });
    expect((await api.get(`/api/jobs/${pending}`, alice)).body).toMatchObject({
      status: 'cancelled',
      error: null,
      progress: 0,
    });
    expect((await api.request('DELETE', '/api/jobs/nope', { token: alice })).body).toEqual({
      detail: 'Job not found or not authorized',
    });
    const foreign = script('bob', 'sync_repository', { outcome: 'never-finishes' });
    expect((await api.request('DELETE', `/api/jobs/${foreign}`, { token: alice })).status).toBe(403);
    expect((await api.get(`/api/jobs/${foreign}`, alice)).body).toEqual({
      detail: `Job not found: ${foreign}`,
    });
  });

  it('HEAD phase-aware jobs keep running until their current phase ends', async () => {
    const { api, clock, alice } = await world('head');
    const id = script('alice', 'global_repo_refresh', { repository: 'x-global', runMs: 8000 });
    clock.advance(1000);
    await api.request('DELETE', `/api/jobs/${id}`, { token: alice });
    clock.advance(900);
    expect((await api.get(`/api/jobs/${id}`, alice)).body.status).toBe('running');
    clock.advance(100);
    expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
      status: 'cancelled',
      progress: 0,
      error: null,
    });
  });
});

describe('listing (cidx-api.md §2.2)', () => {
  it('HEAD caps limit at 50, pages wrongly and shows admins everything', async () => {
    const { api, admin, alice } = await world('head');
    for (let i = 0; i < 6; i++) script('alice', 'sync_repository', { at: -(i + 1) * 1000, runMs: 10 });
    const all = await api.get('/api/jobs?limit=100', alice);
    expect(all.body).toMatchObject({ total: 6, limit: 50, offset: 0 });
    const page = await api.get('/api/jobs?limit=2&offset=0', alice);
    expect(page.body).toMatchObject({ total: 2, limit: 2 });
    expect((await api.get('/api/jobs?limit=2&offset=4', alice)).body).toEqual({
      jobs: [],
      total: 2,
      limit: 2,
      offset: 4,
    });
    const created = all.body.jobs.map((j: { created_at: string }) => Date.parse(j.created_at));
    expect(created).toEqual([...created].sort((a: number, b: number) => b - a));
    const adminView = await api.get('/api/jobs?limit=50', admin);
    const owners = new Set(adminView.body.jobs.map((j: { username: string }) => j.username));
    expect(owners).toEqual(new Set(['alice', 'system', 'system-reconcile']));
    expect((await api.get('/api/jobs?status=bogus', alice)).body).toEqual({
      jobs: [],
      total: 0,
      limit: 10,
      offset: 0,
    });
    const bad = await api.get('/api/jobs?limit=abc', alice);
    expect(bad.status).toBe(422);
    expect(bad.body.details.field_errors[0].field).toBe('query.limit');
  });

  it('v5 pages correctly up to 100 and shows admins only their own jobs', async () => {
    const { api, admin, alice } = await world('v5');
    for (let i = 0; i < 6; i++) script('alice', 'sync_repository', { at: -(i + 1) * 1000, runMs: 10 });
    expect((await api.get('/api/jobs?limit=2&offset=4', alice)).body).toMatchObject({
      total: 6,
      limit: 2,
      offset: 4,
      jobs: [{}, {}],
    });
    expect((await api.get('/api/jobs?limit=1000', alice)).body.limit).toBe(100);
    expect((await api.get('/api/jobs', admin)).body.total).toBe(0);
  });
});

describe('restart (cidx-api.md §4.4)', () => {
  it('HEAD fails interrupted jobs and keeps their progress', async () => {
    const { api, alice } = await world('head');
    const id = script('alice', 'sync_repository', { outcome: 'never-finishes' });
    const pending = script('alice', 'sync_repository', { pendingMs: 60_000 });
    doubles.server().control.restart();
    expect((await api.get(`/api/jobs/${id}`, alice)).body).toMatchObject({
      status: 'failed',
      progress: 25,
      error: 'Job interrupted by server restart',
      result: null,
    });
    expect((await api.get(`/api/jobs/${pending}`, alice)).body).toMatchObject({
      status: 'failed',
      progress: 0,
    });
  });

  it('v5 forgets every job', async () => {
    const { api, alice } = await world('v5');
    const id = script('alice', 'sync_repository', { outcome: 'never-finishes' });
    doubles.server().control.restart();
    expect((await api.get(`/api/jobs/${id}`, alice)).status).toBe(404);
    expect((await api.get('/api/jobs', alice)).body.total).toBe(0);
  });
});
