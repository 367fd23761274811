/**
 * A 409 on `sync` names what holds it (cidx-api.md §3.1: one active sync per user, on any
 * repository): the user's own sync by repository when CIDX Tray submitted it, a sync the server
 * does not name otherwise, never another user's sync an administrator can see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, submittedJobId, type CliSandbox } from './cli-harness';

let server: RunningCidxServer;
let box: CliSandbox;

beforeEach(async () => {
  server = await startCidxServer({ flavor: 'head', port: 0, timeScale: 0.2 });
  box = createCliSandbox();
});

afterEach(async () => {
  box.cleanup();
  await server.close();
});

const long = { owner: 'alice', operation: 'sync_repository', runMs: 100_000 };

describe('a refused sync', () => {
  it('names the repository of the sync CIDX Tray submitted, and how to follow it', async () => {
    expect((await box.addServer('work', server)).code).toBe(0);
    server.control.setNextSyncOutcome('my-proj', { runMs: 100_000 });
    const first = submittedJobId(await box.run(['sync', 'my-proj']));

    const refused = await box.run(['sync', 'web-app']);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^cidx-jobs: Sync of web-app not submitted: you already have a sync of my-proj (running|waiting to run) on work \\(job ${first.slice(0, 8)}\\); ` +
          `CIDX allows one per user, on any repository\\. Wait for it \\(cidx-jobs watch ${first.slice(0, 8)}\\), or use --force to cancel it\\.\\n$`,
      ),
    );
  });

  it('says the server does not name the repository of a sync submitted elsewhere', async () => {
    expect((await box.addServer('work', server)).code).toBe(0);
    const elsewhere = server.control.addJob({ ...long, repository: 'web-app' })!;

    const refused = await box.run(['sync', 'my-proj']);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain(
      `you already have a sync (of a repository the server does not name) running on work (job ${elsewhere.slice(0, 8)})`,
    );
  });

  it("as an administrator, names only the administrator's own sync, not another user's", async () => {
    expect((await box.addServer('work', server, 'admin')).code).toBe(0);
    server.control.addJob({ ...long, owner: 'bob', repository: 'mobile-app' });
    server.control.setNextSyncOutcome('infra', { runMs: 100_000 });
    const own = submittedJobId(await box.run(['sync', 'infra']));

    const refused = await box.run(['sync', 'my-proj']);
    expect(refused.code, refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(
      new RegExp(
        `you already have a sync of infra (running|waiting to run) on work \\(job ${own.slice(0, 8)}\\)`,
      ),
    );
  });

  it('falls back to the rule when the sync ended in between', async () => {
    expect((await box.addServer('work', server)).code).toBe(0);
    // The double answers 409 once, while no sync of the user is active any more.
    server.control.addFault({
      kind: 'status',
      method: 'POST',
      path: '/api/repositories/my-proj/sync',
      status: 409,
      body: {
        detail: "Repository 'my-proj' sync already in progress. Use force=true to cancel existing sync.",
      },
      count: 1,
    });

    const refused = await box.run(['sync', 'my-proj']);
    expect(refused).toMatchObject({ code: 7, stdout: '' });
    expect(refused.stderr).toBe(
      'cidx-jobs: Sync of my-proj not submitted: you already have a sync pending or running on work ' +
        '(CIDX allows one per user, on any repository); wait for it, or use --force to cancel it.\n',
    );
  });
});
