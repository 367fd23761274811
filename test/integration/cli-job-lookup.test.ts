/**
 * Finding a job by id or prefix across servers: the same job seen through two entries for one
 * server (another name for the host, here localhost beside 127.0.0.1) is one job; different
 * jobs that match are a real ambiguity that names the servers and suggests --server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, submittedJobId, type CliSandbox } from './cli-harness';

let lab: RunningCidxServer;
let other: RunningCidxServer;
let box: CliSandbox;

const finished = (jobId: string, at = -60_000) => ({
  owner: 'alice',
  operation: 'sync_repository',
  repository: 'my-proj',
  at,
  runMs: 1_000,
  outcome: 'completed' as const,
  jobId,
});

beforeAll(async () => {
  [lab, other] = await Promise.all([
    startCidxServer({ flavor: 'head', port: 0, timeScale: 0.2 }),
    startCidxServer({ flavor: 'head', port: 0, timeScale: 0.2 }),
  ]);
  box = createCliSandbox();
  expect((await box.addServer('lab', lab)).code).toBe(0);
  // The same server and user again, by another name for the host.
  const apiKey = lab.control.credentials().apiKeys.find((key) => key.username === 'alice')!.apiKey;
  const again = lab.url.replace('127.0.0.1', 'localhost');
  expect((await box.run(['server', 'add', 'lab-again', again], { env: { CIDX_API_KEY: apiKey } })).code).toBe(
    0,
  );
});

afterAll(async () => {
  box.cleanup();
  await Promise.all([lab.close(), other.close()]);
});

describe('a job seen through two entries for one server', () => {
  it('is found by prefix and by full id, through the first entry, not called ambiguous', async () => {
    const synced = await box.run(['sync', 'my-proj', '--server', 'lab']);
    const jobId = submittedJobId(synced);

    const byPrefix = await box.run(['job', jobId.slice(0, 8)]);
    expect(byPrefix.code, byPrefix.stderr).toBe(0);
    expect(byPrefix.stdout).toMatch(new RegExp(`^Job +${jobId}$`, 'm'));
    expect(byPrefix.stdout).toMatch(/^Server +lab \(http:\/\/127\.0\.0\.1:/m);

    const byId = await box.run(['job', jobId]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toMatch(/^Server +lab \(/m);
  });
});

describe('different jobs on different servers', () => {
  beforeAll(async () => {
    const apiKey = other.control.credentials().apiKeys.find((key) => key.username === 'alice')!.apiKey;
    expect(
      (await box.run(['server', 'add', 'other', other.url], { env: { CIDX_API_KEY: apiKey } })).code,
    ).toBe(0);
  });

  it('a prefix matching both names the servers and suggests --server', async () => {
    lab.control.addJob(finished('abcd1234-0000-4000-8000-00000000000a'));
    other.control.addJob(finished('abcd1234-0000-4000-8000-00000000000b'));

    const ambiguous = await box.run(['job', 'abcd1234']);
    expect(ambiguous).toMatchObject({ code: 2, stdout: '' });
    expect(ambiguous.stderr).toBe(
      'cidx-jobs: "abcd1234" matches 2 jobs on lab and other: ' +
        'abcd1234-0000-4000-8000-00000000000a (lab), abcd1234-0000-4000-8000-00000000000b (other). ' +
        'Give more of the id, or choose a server with --server.\n',
    );

    const chosen = await box.run(['job', 'abcd1234', '--server', 'other']);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toMatch(/^Job +abcd1234-0000-4000-8000-00000000000b$/m);
  });

  it('the same id on two servers (a restored copy, say) is ambiguous by server', async () => {
    const id = 'feed5678-0000-4000-8000-000000000001';
    lab.control.addJob(finished(id));
    other.control.addJob(finished(id));

    const ambiguous = await box.run(['job', id]);
    expect(ambiguous).toEqual({
      code: 2,
      stdout: '',
      stderr: `cidx-jobs: Job ${id} exists on lab and other; choose one with --server.\n`,
    });
    expect((await box.run(['job', id, '--server', 'lab-again'])).code).toBe(0);
  });

  it('a prefix matching two jobs of one server asks only for more of the id', async () => {
    // Newest first, as the server lists them.
    lab.control.addJob(finished('beef0001-0000-4000-8000-000000000001', -120_000));
    lab.control.addJob(finished('beef0002-0000-4000-8000-000000000002', -60_000));

    const ambiguous = await box.run(['job', 'beef']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      'cidx-jobs: "beef" matches 2 jobs on lab: beef0002-0000-4000-8000-000000000002 (lab), ' +
        'beef0001-0000-4000-8000-000000000001 (lab). Give more of the id.\n',
    );
  });
});
