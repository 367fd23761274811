import { describe, expect, it } from 'vitest';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld } from './helpers';

const tempDir = useTempDir();

describe('monitor: whose jobs, over an API key', () => {
  it("learns the key owner from a job it submitted, and then shows only that user's jobs", async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([
      { id: 'keyed', name: 'Keyed', url: 'https://cidx.example', auth: { mode: 'api-key' } },
    ]);
    const api = world.api('keyed');
    api.probeUsername = null; // CIDX never says whose an API key is
    const bobs = api.addJob({ status: 'running', username: 'bob' });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(2_000);

    // Nobody known yet: nothing can be told apart, so everything shows.
    expect(core.snapshot().servers[0]?.username).toBeNull();
    expect(core.snapshot().jobs.map((job) => job.job.id)).toContain(bobs.id);

    const submitted = await core.jobs.submitSync('keyed', 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    await world.clock.advance(2_000);

    const snapshot = core.snapshot();
    expect(snapshot.servers[0]?.username).toBe('alice');
    expect(snapshot.jobs.map((job) => job.job.id)).toEqual([submitted.value.jobId]);
    core.stop();

    // After a restart the cached job still says whose the key is, before anything is polled.
    const again = await world.core();
    expect(again.core.snapshot().servers[0]?.username).toBe('alice');
    again.core.stop();
  });

  it('does not take the owner from a job someone else submitted', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([
      { id: 'keyed', name: 'Keyed', url: 'https://cidx.example', auth: { mode: 'api-key' } },
    ]);
    const api = world.api('keyed');
    api.probeUsername = null;
    api.addJob({ status: 'running', username: 'bob' });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(4_000);
    expect(core.snapshot().servers[0]?.username).toBeNull();
    core.stop();
  });
});
