import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../cidx-server/clock';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { apiClient } from '../cidx-server/testing/http-client';

let server: RunningCidxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('scenarios', () => {
  it.each(['head', 'v5'] as const)('%s demo has history, running jobs and a steady feed', async (flavor) => {
    const clock = createManualClock();
    server = await startCidxServer({ flavor, clock, scenario: 'demo' });
    const api = apiClient(server.url);
    const admin = await api.login('admin', 'admin');
    const before = server.control.state().jobs;
    const statuses = new Set(before.map((j) => j.status));
    expect(statuses.has('completed') && statuses.has('failed') && statuses.has('running')).toBe(true);
    clock.advance(4000);
    expect(server.control.state().jobs.length).toBe(before.length + 1);
    const owners = new Set(
      (await api.get('/api/jobs?limit=50', admin)).body.jobs.map((j: { username: string }) => j.username),
    );
    // HEAD admins see everyone plus system jobs; v5 admins only their own (cidx-api.md §2.2).
    expect(owners.has('system')).toBe(flavor === 'head');
    expect(owners.has('alice')).toBe(flavor === 'head');
  });

  it('rejects unknown scenario names', async () => {
    await expect(startCidxServer({ flavor: 'head', scenario: 'nope' })).rejects.toThrow(
      /unknown scenario 'nope'/,
    );
  });

  it('runs on real time, scaled down with timeScale', async () => {
    server = await startCidxServer({ flavor: 'v5', timeScale: 0.01 });
    const api = apiClient(server.url);
    const alice = await api.login('alice', 'alice-pass');
    const id = (await api.request('POST', '/api/repositories/my-proj/sync', { token: alice })).body.job_id;
    const deadline = Date.now() + 5000;
    let status = 'running';
    while (status === 'running' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = (await api.get(`/api/jobs/${id}`, alice)).body.status;
    }
    expect(status).toBe('completed');
  });

  it('accepts a programmatic scenario with scripted jobs and repository sync defaults', async () => {
    const clock = createManualClock();
    server = await startCidxServer({
      flavor: 'head',
      clock,
      scenario: {
        startupSystemJobs: false,
        repos: [
          {
            owner: 'bob',
            alias: 'svc',
            golden: 'svc-golden',
            sync: { runMs: 50, outcome: 'failed', error: 'Git sync operation timed out' },
          },
        ],
        jobs: [
          { owner: 'bob', operation: 'add_golden_repo', repository: 'svc-golden', at: 1000, runMs: 7000 },
        ],
      },
    });
    const api = apiClient(server.url);
    const admin = await api.login('admin', 'admin');
    expect((await api.get('/api/jobs', admin)).body.total).toBe(0);
    clock.advance(1000);
    expect((await api.get('/api/jobs', admin)).body.jobs[0]).toMatchObject({
      operation_type: 'add_golden_repo',
      status: 'running',
      progress: 10,
    });
    const bob = await api.login('bob', 'bob-pass');
    const id = (await api.request('POST', '/api/repositories/svc/sync', { token: bob })).body.job_id;
    clock.advance(50);
    expect((await api.get(`/api/jobs/${id}`, bob)).body).toMatchObject({
      status: 'failed',
      error: 'Git sync operation timed out',
    });
  });
});
