import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFilePath } from '../../../main/core/config/paths';
import { secretKeys } from '../../../main/core/config/server';
import { DRAFT_SERVER_ID } from '../../../main/core/monitor';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from './helpers';

const tempDir = useTempDir();

const homeInput = {
  name: 'Home lab',
  url: 'https://cidx.home.example',
  auth: { mode: 'password' as const, username: 'alice' },
};

describe('monitor: servers, live', () => {
  it('adds a server: secret stored, settings saved, polled at once without a restart', async () => {
    const world = new FakeWorld(tempDir());
    const { core, patches } = await world.core();
    core.start();
    const added = await core.addServer(homeInput, { password: 'pw-1' });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value.id).toBe('home-lab');
    expect(await world.secrets.get(secretKeys.password('home-lab'))).toBe('pw-1');
    expect(world.readConfigText()).toContain('https://cidx.home.example');
    expect(world.readConfigText()).not.toContain('pw-1');

    world.api('home-lab').addJob({ status: 'running' });
    await world.clock.advance(2_000);
    expect(world.api('home-lab').calls.probe).toBe(1);
    expect(core.snapshot().servers).toMatchObject([
      { config: { id: 'home-lab', name: 'Home lab' }, state: { health: 'online' }, username: 'alice' },
    ]);
    expect(core.snapshot().jobs).toHaveLength(1);
    expect(patches.some((p) => p.servers?.some((server) => server.config.id === 'home-lab'))).toBe(true);
    expect(JSON.stringify(patches)).not.toContain('pw-1');
    expect(JSON.stringify(core.snapshot())).not.toContain('pw-1');
    core.stop();
  });

  it('refuses a server without its credential, or with a taken name, and saves nothing', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    const { core } = await world.core();
    const noPassword = await core.addServer(homeInput, {});
    expect(noPassword).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const taken = await core.addServer({ ...homeInput, name: 'work' }, { password: 'pw' });
    expect(taken).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(core.snapshot().servers.map((server) => server.config.id)).toEqual(['work']);
    expect(world.secrets.keys()).toEqual([]);
  });

  it('runs concurrent changes one after another, so neither saves over the other', async () => {
    const world = new FakeWorld(tempDir());
    const { core } = await world.core();
    const [first, second, third] = await Promise.all([
      core.addServer(homeInput, { password: 'a' }),
      core.addServer(homeInput, { password: 'b' }),
      core.addServer({ ...homeInput, name: 'Other', url: 'https://other.example' }, { password: 'c' }),
    ]);
    expect([first.ok, second.ok, third.ok]).toEqual([true, false, true]);
    expect(core.snapshot().servers.map((server) => server.config.id)).toEqual(['home-lab', 'other']);
    expect(world.readConfigText()).toContain('https://other.example');
    expect(world.readConfigText()).toContain('https://cidx.home.example');
  });

  it('updates a server live: a rename keeps the client, a new address reconnects and forgets old jobs', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    await world.secrets.set(secretKeys.password('work'), 'pw');
    await world.secrets.set(secretKeys.refreshToken('work'), 'old-refresh');
    world.api('work').addJob({ status: 'running' });
    const { core, patches } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    expect(world.connects).toHaveLength(1);

    const renamed = await core.updateServer('work', { name: 'Office' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Office' } });
    expect(world.connects).toHaveLength(1);
    expect(core.snapshot().servers[0]?.config.name).toBe('Office');

    const moved = await core.updateServer(
      'work',
      { url: 'https://cidx.office.example' },
      { password: 'pw-2' },
    );
    expect(moved.ok).toBe(true);
    expect(world.connects).toHaveLength(2);
    expect(world.connects[1]?.server.url).toBe('https://cidx.office.example');
    expect(await world.secrets.get(secretKeys.password('work'))).toBe('pw-2');
    expect(await world.secrets.get(secretKeys.refreshToken('work'))).toBeNull();
    expect(core.snapshot().jobs).toEqual([]);
    expect(patches.some((p) => p.removedJobs?.some((ref) => ref.serverId === 'work'))).toBe(true);
    core.stop();
  });

  it('binds credentials to their origin: a new host, port or scheme drops every secret and needs the credential again', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([
      workServer,
      { ...workServer, id: 'keyed', name: 'Keyed', url: 'https://keyed.example', auth: { mode: 'api-key' } },
    ]);
    await world.secrets.set(secretKeys.password('work'), 'pw');
    await world.secrets.set(secretKeys.refreshToken('work'), 'old-refresh');
    await world.secrets.set(secretKeys.apiKey('keyed'), 'cidx_sk_old');
    const { core } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    const connectsBefore = world.connects.length;

    for (const url of [
      'https://evil.example',
      'https://cidx.work.example:8443',
      'http://cidx.work.example',
    ]) {
      const refused = await core.updateServer('work', { url });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/another address.*password is needed/);
    }
    const keyRefused = await core.updateServer('keyed', { url: 'https://elsewhere.example' });
    expect(keyRefused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!keyRefused.ok) expect(keyRefused.error.message).toMatch(/API key is needed/);
    // Nothing changed, nothing was sent anywhere.
    expect(world.connects).toHaveLength(connectsBefore);
    expect(world.readConfigText()).not.toContain('evil.example');
    expect(await world.secrets.get(secretKeys.password('work'))).toBe('pw');

    // A path on the same origin keeps the secrets.
    const samePlace = await core.updateServer('work', { url: 'https://CIDX.work.example:443/cidx' });
    expect(samePlace.ok).toBe(true);
    expect(await world.secrets.get(secretKeys.password('work'))).toBe('pw');

    // With the credential: only the new one is stored, the old origin's secrets are gone.
    const moved = await core.updateServer(
      'keyed',
      { url: 'https://elsewhere.example' },
      { apiKey: 'cidx_sk_new' },
    );
    expect(moved.ok).toBe(true);
    expect(await world.secrets.get(secretKeys.apiKey('keyed'))).toBe('cidx_sk_new');
    const switched = await core.updateServer(
      'work',
      { url: 'https://other.example', auth: { mode: 'api-key' } },
      { apiKey: 'cidx_sk_other' },
    );
    expect(switched.ok).toBe(true);
    expect(await world.secrets.get(secretKeys.password('work'))).toBeNull();
    expect(await world.secrets.get(secretKeys.refreshToken('work'))).toBeNull();
    expect(await world.secrets.get(secretKeys.apiKey('work'))).toBe('cidx_sk_other');
    core.stop();
  });

  it('forgets the credential typed for a new origin when the move cannot be saved', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    await world.secrets.set(secretKeys.password('work'), 'pw');
    const { core } = await world.core();
    // The settings file cannot be replaced: a directory stands where it is written.
    const path = configFilePath(world.dir);
    rmSync(path);
    mkdirSync(join(path, 'blocker'), { recursive: true });
    const moved = await core.updateServer('work', { url: 'https://evil.example' }, { password: 'for-evil' });
    expect(moved.ok).toBe(false);
    expect(core.servers()[0]?.url).toBe('https://cidx.work.example');
    // The old origin's client never gets the new origin's password.
    expect(await world.secrets.get(secretKeys.password('work'))).toBeNull();
  });

  it("tests a changed address with no saved secret: the old origin's password is not offered", async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    await world.secrets.set(secretKeys.password('work'), 'pw');
    const { core } = await world.core();
    await core.testConnection({ ...workServer, url: 'https://evil.example' }, {});
    const elsewhere = world.connects.at(-1)!;
    expect(await elsewhere.deps.secrets.get(secretKeys.password('work'))).toBeNull();
    await core.testConnection({ ...workServer, url: 'https://cidx.work.example/path' }, {});
    const same = world.connects.at(-1)!;
    expect(await same.deps.secrets.get(secretKeys.password('work'))).toBe('pw');
  });

  it('disables a server: it is no longer polled; enabling it again resumes with its jobs', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    const api = world.api('work');
    api.addJob({ status: 'running' });
    const { core } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    const disabled = await core.updateServer('work', { enabled: false });
    expect(disabled.ok).toBe(true);
    const callsWhenDisabled = api.totalCalls();
    await world.clock.advance(120_000);
    expect(api.totalCalls()).toBe(callsWhenDisabled);
    expect(core.snapshot().jobs).toHaveLength(1);

    await core.updateServer('work', { enabled: true });
    await world.clock.advance(2_000);
    expect(api.totalCalls()).toBeGreaterThan(callsWhenDisabled);
    core.stop();
  });

  it('removes a server: polling stops, secrets go, its jobs are announced gone', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    await world.secrets.set(secretKeys.password('work'), 'pw');
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    const { core, patches } = await world.core();
    core.start();
    await world.clock.advance(2_000);
    const removed = await core.removeServer('work');
    expect(removed.ok).toBe(true);
    // One patch says the server went, and its jobs with it.
    expect(patches[patches.length - 1]).toMatchObject({ removedServers: ['work'] });
    expect(patches[patches.length - 1]?.jobs).toBeUndefined();
    expect(patches.slice(0, -1).some((p) => p.jobs?.some((view) => view.job.id === job.id))).toBe(true);
    expect(core.snapshot()).toMatchObject({ servers: [], jobs: [] });
    expect(world.secrets.keys()).toEqual([]);
    const calls = api.totalCalls();
    await world.clock.advance(60_000);
    expect(api.totalCalls()).toBe(calls);
    expect(await core.removeServer('work')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    core.stop();
  });

  it('tests a connection with the typed secret in memory only', async () => {
    const world = new FakeWorld(tempDir());
    const { core } = await world.core();
    const tested = await core.testConnection(homeInput, { password: 'typed-pw' });
    expect(tested).toMatchObject({ ok: true, value: { flavor: 'head', username: 'alice' } });
    const used = world.connects[0]!;
    expect(used.server.id).toBe(DRAFT_SERVER_ID);
    expect(await used.deps.secrets.get(secretKeys.password(DRAFT_SERVER_ID))).toBe('typed-pw');
    await used.deps.secrets.set(secretKeys.refreshToken(DRAFT_SERVER_ID), 'rotated');
    expect(world.secrets.keys()).toEqual([]);
    expect(core.snapshot().servers).toEqual([]);

    world.api(DRAFT_SERVER_ID).failNext('probe', {
      kind: 'bad-credentials',
      message: 'The user name or password was not accepted',
    });
    const rejected = await core.testConnection(homeInput, { password: 'wrong' });
    expect(rejected).toMatchObject({ ok: false, error: { kind: 'bad-credentials' } });

    const invalid = await core.testConnection({ ...homeInput, url: 'ftp://nope' }, { password: 'x' });
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('lists the repositories of a configured server, and says so for an unknown one', async () => {
    const world = new FakeWorld(tempDir());
    await world.writeConfig([workServer]);
    const { core } = await world.core();
    expect(await core.listRepositories('work')).toEqual({ ok: true, value: [] });
    expect(await core.listRepositories('nope')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });
});
