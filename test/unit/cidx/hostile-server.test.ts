/**
 * Issue 8: server text is cleaned once, where it enters (the client's normalisation), and one
 * unreadable job never makes the whole list invalid.
 */
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import { CidxClient } from '../../../main/core/cidx/client';
import type { Job } from '../../../main/core/cidx/job';
import type { LogFields, Logger } from '../../../main/core/cidx/logger';
import { cleanJsonValue, cleanText, truncateText } from '../../../main/core/text/clean-text';
import { parseRequest } from '../../../preload/contract';
import { expectClean, hostileJobBody, hostileText } from '../../support/hostile-text';
import { API_KEY, FakeClock, ScriptedFetch, jobBody, json } from './support';

function recordingLogger() {
  const warnings: { message: string; fields?: LogFields }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => warnings.push({ message, fields }),
  };
  return { logger, warnings };
}

function setup(fake: ScriptedFetch, logger?: Logger) {
  return new CidxClient({
    baseUrl: 'https://cidx.example.com',
    fetch: fake.fetch,
    clock: new FakeClock(),
    auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
    // A hostile body of several MiB must still be read; the cap is the transport's business.
    maxResponseBytes: 32 * 1024 * 1024,
    ...(logger ? { logger } : {}),
  });
}

const page = (jobs: unknown[]) => json(200, { jobs, total: jobs.length, limit: 50, offset: 0 });

function expectCleanJob(job: Job, word: { id: string }): void {
  for (const name of [job.id, job.operationType, job.status, job.username ?? '', job.phase ?? '']) {
    expectClean(name, 256);
  }
  expectClean(job.error ?? '');
  expectClean(job.phaseDetail ?? '');
  expect(job.id).toContain(word.id);
  expect(job.id).toContain('abcgnp.exe');
  expect(job.operationType).toContain('sync_repository');
  expect(job.username).toContain('mallory');
  expect(job.error).toContain('error text');
  // HTML stays text: the window renders it as text, never markup.
  expect(job.error).toContain('<img src=x onerror=alert(1)>');
  expect(job.progress).toBe(100);
  const result = JSON.stringify(job.result);
  expect(result.length).toBeLessThan(20 * 1024);
  for (const text of [result]) {
    expect(text).not.toContain('pwned title');
    expect(text).not.toMatch(/\\u00(1b|07)|\u009b|\u202e/);
  }
  expect((job.result as Record<string, unknown>).repository_id).toContain('evil-repo');
}

describe('a hostile server, at the client boundary', () => {
  it('cleans and bounds every string of every listed job', async () => {
    const fake = new ScriptedFetch().on('GET /api/jobs', page([hostileJobBody('hostile-1'), jobBody()]));
    const result = await setup(fake).listJobs();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.jobs).toHaveLength(2);
    expectCleanJob(result.value.jobs[0]!, { id: 'hostile-1' });
    expect(result.value.jobs[1]).toMatchObject({ id: '8b663834-9a18-4378-b460-5259d1ff16fa', error: null });
    expect(result.value.unreadable).toBeUndefined();
  });

  it('cleans one job read by id', async () => {
    const fake = new ScriptedFetch().on('GET /api/jobs/h', json(200, hostileJobBody('hostile-2')));
    const result = await setup(fake).getJob('h');
    if (!result.ok) throw new Error(result.error.message);
    expectCleanJob(result.value, { id: 'hostile-2' });
  });

  it('bounds a job id so the window can still act on it (the contract takes up to 256)', async () => {
    const fake = new ScriptedFetch().on(
      'GET /api/jobs/long',
      json(200, jobBody({ job_id: 'j'.repeat(100_000) })),
    );
    const result = await setup(fake).getJob('long');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.id.length).toBe(256);
    expect(parseRequest('jobs:cancel', { serverId: 'work', jobId: result.value.id }).ok).toBe(true);
  });

  it('cleans repository names and submitted job ids', async () => {
    const fake = new ScriptedFetch()
      .on(
        'GET /api/repos',
        json(200, {
          repositories: [
            {
              user_alias: hostileText('my-repo'),
              golden_repo_alias: hostileText('gold'),
              current_branch: 'main',
            },
            { user_alias: '\u001b[2J' },
          ],
        }),
      )
      .on('POST /api/repositories/r/sync', json(202, { job_id: hostileText('job-9'), status: 'queued' }));
    const client = setup(fake);
    const repos = await client.listRepositories();
    if (!repos.ok) throw new Error(repos.error.message);
    expect(repos.value).toHaveLength(1);
    expectClean(repos.value[0]!.alias, 256);
    expect(repos.value[0]!.alias).toContain('my-repo');
    const submitted = await client.submitSync('r');
    if (!submitted.ok) throw new Error(submitted.error.message);
    expectClean(submitted.value.jobId, 256);
    expect(submitted.value.jobId).toContain('job-9');
  });
});

describe('tolerant list parsing', () => {
  it('clamps progress, nulls invalid optional dates, drops only the unreadable job', async () => {
    const { logger, warnings } = recordingLogger();
    const fake = new ScriptedFetch().on(
      'GET /api/jobs',
      page([
        jobBody({ job_id: 'below', progress: -5 }),
        jobBody({ job_id: 'above', progress: 150 }),
        jobBody({ job_id: 'bad-start', started_at: 'yesterday-ish', completed_at: 'never' }),
        jobBody({ job_id: 'bad-created', created_at: 'not a date' }),
        jobBody({ job_id: 'bad-error', error: { nested: true } }),
        jobBody({ job_id: '\u001b[2J\u0007' }),
        'not even an object',
        jobBody({ job_id: 'fine' }),
      ]),
    );
    const client = setup(fake, logger);
    const result = await client.listJobs();
    if (!result.ok) throw new Error(result.error.message);
    const byId = new Map(result.value.jobs.map((job) => [job.id, job]));
    expect([...byId.keys()]).toEqual(['below', 'above', 'bad-start', 'fine']);
    expect(byId.get('below')?.progress).toBe(0);
    expect(byId.get('above')?.progress).toBe(100);
    expect(byId.get('bad-start')).toMatchObject({ startedAt: null, completedAt: null });
    expect(result.value.unreadable).toBe(4);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]?.message).toMatch(/could not be read/);
    expect(warnings[0]?.fields).toMatchObject({ job: 'bad-created' });
    expect(String(warnings[0]?.fields?.why)).toMatch(/created_at/);

    // The next poll sees the same broken jobs: counted again, but warned about only once.
    const again = await client.listJobs();
    expect(again.ok && again.value.unreadable).toBe(4);
    expect(warnings).toHaveLength(4);
  });

  it('still rejects a list whose envelope is broken', async () => {
    const fake = new ScriptedFetch().on('GET /api/jobs', json(200, { jobs: 'nope', total: 0 }));
    const result = await setup(fake).listJobs();
    expect(result.ok ? null : result.error.kind).toBe('unexpected-response');
  });
});

describe('cleanText', () => {
  it('removes escape sequences whole, in 7-bit and C1 forms', () => {
    expect(cleanText('a\u001b]0;title\u0007b')).toBe('ab');
    expect(cleanText('a\u001b]8;;https://x.example\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
    expect(cleanText('a\u001bPq#0;2;0;0;0\u001b\\b')).toBe('ab'); // DCS (sixel)
    expect(cleanText('a\u001b_apc\u001b\\b\u001b^pm\u009cc\u001bXsos\u001b\\d')).toBe('abcd');
    expect(cleanText('a\u009d0;title\u009cb\u009b2Jc\u0090dcs\u009cd')).toBe('abcd');
    expect(cleanText('a\u001b[2J\u001b[1;1H\u001b[38;5;196mb\u001bc\u001b(Bd\u001b7e')).toBe('abde');
    expect(cleanText('a\u001b]0;unterminated title')).toBe('a');
    expect(cleanText('x\u001b]0;t\u001b[31my')).toBe('xy');
  });

  it('removes controls and bidi characters, turns line breaks into spaces', () => {
    expect(cleanText('abc\u202egnp.exe')).toBe('abcgnp.exe');
    expect(cleanText('\u2066a\u2069\u200e\u200fb\u061c\u202a\u202bc\u202c\u202d')).toBe('abc');
    expect(cleanText(' one\r\ntwo\t\u0007\u0000three\u007f\u0085four\u2028 ')).toBe('one two three four');
    expect(cleanText('lone \ud800 surrogate')).toBe('lone \ufffd surrogate');
    expect(cleanText("Repository 'café-app' failed — ✗ 📊")).toBe("Repository 'café-app' failed — ✗ 📊");
  });

  it('bounds the length, cutting at a code point, even for megabytes', () => {
    const out = cleanText('x'.repeat(1024 * 1024));
    expect(out.length).toBe(4096);
    expect(out.endsWith('…')).toBe(true);
    expect(cleanText('y'.repeat(50), 10)).toBe(`${'y'.repeat(9)}…`);
    expect(cleanText(`${'\u001b[2J'.repeat(1000)}short`, 10)).toBe('…');
    expect(truncateText('ab📊cd', 4)).toBe('ab📊…');
    expect(truncateText('ab📊c', 4)).toBe('ab📊c');
    expect(truncateText('x📊📊📊', 2)).toBe('x…');
  });

  it('cleans a result object: keys, strings, depth and total size', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 20; i += 1) node = node.next = {} as Record<string, unknown>;
    const wire = JSON.parse('{"__proto__": "x", "k\\u001b[2J": "v\\u202e"}') as Record<string, unknown>;
    const cleaned = cleanJsonValue({ ...wire, deep }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'k', 'deep']);
    expect(cleaned.k).toBe('v');
    expect(JSON.stringify(cleaned)).toMatch(/"next":null/);
    const big = cleanJsonValue({ many: Array.from({ length: 10_000 }, () => 'z'.repeat(100)) });
    expect(JSON.stringify(big).length).toBeLessThan(20 * 1024);
  });
});
