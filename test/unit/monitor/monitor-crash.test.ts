/**
 * Issue 8: the app killed within seconds of submitting a job (before its job cache was written),
 * the job ending while it is down. The next start follows the submission ledger's unfinished jobs
 * and announces the ending, in the "while you were away" digest, once.
 */
import { describe, expect, it } from 'vitest';
import { JOB_CACHE_FILE_NAME } from '../../../main/core/monitor';
import { openCoreDocuments } from '../../../main/core/monitor/core-documents';
import { createNotificationLedger } from '../../../main/core/notify';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from './helpers';

const tempDir = useTempDir();

/** A second process over the same folder and server: the first one's clock never moves again. */
function restartedWorld(first: FakeWorld): FakeWorld {
  const next = new FakeWorld(first.dir);
  for (const [id, api] of first.apis) next.apis.set(id, api);
  return next;
}

describe('monitor: a crash right after a submission', () => {
  it('announces the ending that happened while it was down, once, as catch-up', async () => {
    const first = new FakeWorld(tempDir());
    await first.writeConfig([workServer]);
    const api = first.api('work');
    const running = await first.core();
    running.core.start();
    await first.clock.advance(0);
    const submitted = await running.core.jobs.submitSync('work', 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    await first.clock.advance(1_000);
    // Killed: no stop, so no job cache; the submission ledger was written at once.
    expect(first.hasDocument(JOB_CACHE_FILE_NAME)).toBe(false);
    api.updateJob(submitted.value.jobId, { status: 'failed', error: 'merge conflict' });

    const second = restartedWorld(first);
    const after = await second.core();
    after.core.start();
    await second.clock.advance(15_000);
    expect(after.delivered).toHaveLength(1);
    expect(after.delivered[0]).toMatchObject({ kind: 'digest' });
    expect(after.delivered[0]?.title).toMatch(/While you were away: 1 job finished/);
    expect(after.delivered[0]?.jobs).toEqual([{ serverId: 'work', jobId: submitted.value.jobId }]);
    after.core.stop();

    const third = await restartedWorld(second).core();
    third.core.start();
    await second.clock.advance(15_000);
    third.core.stop();
    expect(third.delivered).toEqual([]);
  });

  it('a job still running at the restart notifies when it ends, as itself', async () => {
    const first = new FakeWorld(tempDir());
    await first.writeConfig([workServer]);
    const api = first.api('work');
    const running = await first.core();
    running.core.start();
    await first.clock.advance(0);
    const submitted = await running.core.jobs.submitSync('work', 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);

    const second = restartedWorld(first);
    const after = await second.core();
    after.core.start();
    await second.clock.advance(5_000);
    api.updateJob(submitted.value.jobId, { status: 'completed', progress: 100 });
    await second.clock.advance(15_000);
    after.core.stop();
    expect(after.delivered.map((intent) => intent.key)).toEqual([`work/${submitted.value.jobId}/completed`]);
  });

  it('shows at the next start what a kill inside the coalescing window left pending', async () => {
    const first = new FakeWorld(tempDir());
    await first.writeConfig([workServer]);
    const api = first.api('work');
    const job = api.addJob({ status: 'running' });
    const running = await first.core();
    running.core.start();
    await first.clock.advance(2_000);
    api.updateJob(job.id, { status: 'completed', progress: 100 });
    // The ending is seen and accepted; killed before the 3 s window shows it.
    await first.clock.advance(1_100);
    expect(running.delivered).toEqual([]);
    expect(pendingOnDisk(first)).toEqual([`work/${job.id}/completed`]);

    const next = restartedWorld(first);
    const after = await next.core();
    after.core.start();
    await next.clock.advance(15_000);
    after.core.stop();
    expect(after.delivered.map((intent) => intent.key)).toEqual([`work/${job.id}/completed`]);
  });
});

/** The keys the notification ledger on disk (file and journal) holds as pending, read as a start reads them. */
function pendingOnDisk(world: FakeWorld): string[] {
  const documents = openCoreDocuments(world.dir, Date.now, () => {}, { removeDebris: false });
  return createNotificationLedger(documents.notifications)
    .pending()
    .map((intent) => intent.key);
}
