import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../cidx-server/clock';
import { CidxControlClient } from '../cidx-server/control-client';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { apiClient } from '../cidx-server/testing/http-client';

let server: RunningCidxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startCidxServer({ flavor: 'head', clock: createManualClock() });
  const api = apiClient(server.url);
  return { api, control: new CidxControlClient(server.url), token: await api.login('alice', 'alice-pass') };
}

describe('fault injection over the control API', () => {
  it('answers 503 with Retry-After a given number of times, then recovers', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'status', status: 503, retryAfter: 7, path: '/api/jobs', count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await api.get('/api/jobs', token);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body).toMatchObject({ error: 'service_unavailable', retry_after: 7 });
    }
    expect((await api.get('/api/jobs', token)).status).toBe(200);
  });

  it('matches by method and pattern, and leaves other routes alone', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'status', status: 500, method: 'GET', pattern: '^/api/jobs/[^/]+$' });
    expect((await api.get('/api/jobs/abc', token)).body.error).toBe('internal_server_error');
    expect((await api.get('/api/jobs', token)).status).toBe(200);
    expect((await api.request('DELETE', '/api/jobs/abc', { token })).status).toBe(403);
  });

  it('resets connections', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'reset', count: 1 });
    await expect(api.get('/api/jobs', token)).rejects.toThrow();
    expect((await api.get('/api/jobs', token)).status).toBe(200);
  });

  it('corrupts JSON: malformed and truncated bodies keep the status', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'malformed-json', count: 1 });
    const malformed = await api.get('/api/jobs', token);
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    await control.addFault({ kind: 'truncated-json', count: 1 });
    const truncated = await api.get('/api/jobs', token);
    expect(() => JSON.parse(truncated.text)).toThrow();
    expect(truncated.text.startsWith('{"jobs":')).toBe(true);
  });

  it('delays responses by the given latency', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'latency', latencyMs: 150, count: 1 });
    const started = performance.now();
    expect((await api.get('/api/jobs', token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs until the faults are cleared', async () => {
    const { api, control, token } = await start();
    await control.addFault({ kind: 'hang' });
    let settled = false;
    const pending = api.get('/api/jobs', token).then((res) => {
      settled = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    await control.clearFaults();
    expect((await pending).status).toBe(200);
  });
});

describe('control API', () => {
  it('counts requests per route template and resets', async () => {
    const { api, control, token } = await start();
    await api.get('/api/jobs', token);
    await api.get('/api/jobs/x', token);
    await api.get('/api/jobs/y', token);
    const stats = await control.stats();
    expect(stats.byRoute).toMatchObject({
      'POST /auth/login': 1,
      'GET /api/jobs': 1,
      'GET /api/jobs/{job_id}': 2,
    });
    expect(stats.total).toBe(4);
    await control.resetStats();
    expect((await control.stats()).total).toBe(0);
  });

  it('adds scripted jobs, advances a manual clock, restarts and exposes repo_alias only in state', async () => {
    const { api, control, token } = await start();
    const id = (await control.addJob({
      owner: 'alice',
      operation: 'sync_repository',
      repository: 'docs',
      runMs: 500,
    }))!;
    expect((await control.job(id)).repo_alias).toBe('docs');
    expect((await api.get(`/api/jobs/${id}`, token)).body).not.toHaveProperty('repo_alias');
    await control.advanceClock(500);
    expect((await api.get(`/api/jobs/${id}`, token)).body.status).toBe('completed');
    const never = (await control.addJob({
      owner: 'alice',
      operation: 'sync_repository',
      outcome: 'never-finishes',
    }))!;
    await control.restart();
    expect((await api.get(`/api/jobs/${never}`, token)).body.error).toBe('Job interrupted by server restart');
    await control.expireAllTokens();
    expect((await api.get('/api/jobs', token)).status).toBe(401);
    expect((await control.credentials()).apiKeys).toHaveLength(4);
  });
});

describe('npm run cidx-server', () => {
  it('prints the listening line and the credentials, then exits on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/cidx-server/main.ts', '--port', '0', '--flavor', 'v5'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    const url = await new Promise<string>((resolve, reject) => {
      reader.on('line', (line) => {
        lines.push(line);
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${lines.join('\n')}`)));
    });
    expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.some((l) => l.startsWith('user: alice / alice-pass'))).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
