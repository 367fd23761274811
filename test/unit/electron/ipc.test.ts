import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestHandler, type HostHooks } from '../../../main/contract/request-handlers';
import { registerIpcHandlers, sendPatch } from '../../../main/electron/ipc';
import { REQUEST_CHANNELS } from '../../../preload/channels';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from '../monitor/helpers';
import {
  FakeBrowserWindow,
  FakeWebContents,
  FakeWebFrame,
  ipcMainHandlers,
  resetFakes,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDir();
const APP_PAGE = 'file:///app/out/renderer/index.html';

const hooks: HostHooks = {
  info: () => ({ version: '0.1.0', host: 'electron', platform: 'linux' }),
  openExternal: vi.fn(),
  showTestNotification: vi.fn(),
  quit: vi.fn(),
  reportError: vi.fn(),
};

async function setUp() {
  const world = new FakeWorld(tempDir());
  await world.writeConfig([workServer]);
  const { core } = await world.core();
  const window = new FakeBrowserWindow({});
  const refused: string[] = [];
  const unregister = registerIpcHandlers({
    handle: createRequestHandler(core, hooks),
    windows: () => [window as unknown as Electron.BrowserWindow],
    isAppPage: (url) => url.startsWith(APP_PAGE),
    onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`),
  });
  const call = (channel: string, payload: unknown, sender: FakeWebContents, frame: FakeWebFrame | null) =>
    ipcMainHandlers.get(channel)!(
      { sender, senderFrame: frame } as unknown as Electron.IpcMainInvokeEvent,
      payload,
    );
  return { world, core, window, call, refused, unregister };
}

beforeEach(() => resetFakes());

describe('IPC handlers', () => {
  it('register every contract request channel, and unregister them', async () => {
    const { unregister } = await setUp();
    expect([...ipcMainHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(ipcMainHandlers.size).toBe(0);
  });

  it('answer the app window on the app page', async () => {
    const { window, call } = await setUp();
    const answer = await call('snapshot:get', null, window.webContents, new FakeWebFrame(APP_PAGE));
    expect(answer).toMatchObject({ ok: true, value: { servers: [{ config: { id: 'work' } }] } });
  });

  it('refuse a sender that is not an app window, a foreign page and a sub-frame', async () => {
    const { window, call, refused } = await setUp();
    const forbidden = { ok: false, error: { kind: 'forbidden-sender' } };
    expect(await call('snapshot:get', null, new FakeWebContents(), new FakeWebFrame(APP_PAGE))).toMatchObject(
      forbidden,
    );
    expect(
      await call('app:quit', null, window.webContents, new FakeWebFrame('https://evil.example/')),
    ).toMatchObject(forbidden);
    const iframe = new FakeWebFrame(APP_PAGE, new FakeWebFrame(APP_PAGE));
    expect(await call('snapshot:get', null, window.webContents, iframe)).toMatchObject(forbidden);
    expect(await call('snapshot:get', null, window.webContents, null)).toMatchObject(forbidden);
    expect(refused).toEqual([
      'snapshot:get: not one of the app windows',
      'app:quit: not the app page',
      'snapshot:get: not the top frame',
      'snapshot:get: the calling frame is gone',
    ]);
    expect(hooks.quit).not.toHaveBeenCalled();
  });

  it('reject a malformed payload before it reaches the core, and pass a valid one through', async () => {
    const { world, window, call } = await setUp();
    const frame = new FakeWebFrame(APP_PAGE);
    const bad = await call(
      'jobs:cancel',
      { serverId: 'work', jobId: 42, extra: true },
      window.webContents,
      frame,
    );
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(world.api('work').calls.cancelJob).toBe(0);

    const job = world.api('work').addJob({ status: 'running' });
    const good = await call('jobs:cancel', { serverId: 'work', jobId: job.id }, window.webContents, frame);
    expect(good).toEqual({ ok: true, value: null });
    expect(world.api('work').calls.cancelJob).toBe(1);
  });

  it('forward every core patch to the app windows as core:patch', async () => {
    const { world, core, window } = await setUp();
    core.subscribe((patch) => sendPatch([window as unknown as Electron.BrowserWindow], patch));
    core.start();
    await world.clock.advance(2_000);
    const sent = window.webContents.sent;
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((event) => event.channel))).toEqual(new Set(['core:patch']));
    const versions = sent.map((event) => (event.payload as { version: number }).version);
    expect(versions).toEqual(versions.map((_, index) => versions[0]! + index));
    core.stop();
  });
});
