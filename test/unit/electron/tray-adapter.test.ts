import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createTrayAdapter, MIN_RENDER_INTERVAL_MS, tooltipFor } from '../../../main/electron/tray-adapter';
import { trayImageLoader } from '../../../main/electron/tray-images';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from '../monitor/helpers';
import {
  FakeTray,
  Menu,
  nativeImage,
  resetFakes,
  type FakeMenu,
  type FakeNativeImage,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDir();

/** Finds a menu item by the path of labels leading to it (prefix match per level). */
function menuItem(tray: FakeTray, ...path: string[]): MenuItemConstructorOptions {
  let items = (tray.menu as FakeMenu).template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of path) {
    found = items.find((item) => item.label?.startsWith(label));
    if (!found) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label).join(' | ')}`);
    items = (found.submenu as MenuItemConstructorOptions[] | undefined) ?? [];
  }
  return found!;
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

async function setUp() {
  const world = new FakeWorld(tempDir());
  await world.writeConfig([workServer]);
  const api = world.api('work');
  const harness = await world.core();
  const tray = new FakeTray(nativeImage.createFromPath('initial'));
  const opened: unknown[] = [];
  const failures: string[] = [];
  const models: number[] = [];
  const adapter = createTrayAdapter({
    tray: tray as unknown as Electron.Tray,
    core: harness.core,
    buildMenu: (template) => Menu.buildFromTemplate(template) as unknown as Electron.Menu,
    clock: world.clock,
    platform: 'linux',
    imageFor: trayImageLoader((...parts) => `/assets/${parts.join('/')}`, 'linux'),
    openWindow: (job) => opened.push(job ?? 'window'),
    quit: () => opened.push('quit'),
    reportFailure: (title, message) => failures.push(`${title}: ${message}`),
    onModel: (model) => models.push(model.badgeCount),
  });
  harness.core.start();
  await world.clock.advance(2_000);
  return { world, api, core: harness.core, tray, adapter, opened, failures, models };
}

/** The server changed: poll now (as after a command) and let the throttled render run. */
async function poll(world: FakeWorld, core: { pollNow(): void }): Promise<void> {
  core.pollNow();
  await world.clock.advance(1_000);
}

const imagePath = (tray: FakeTray) => (tray.image as FakeNativeImage).path;

beforeEach(() => resetFakes());

describe('tray adapter', () => {
  it('shows the idle ring, then the running icon with its progress step, then the failed icon', async () => {
    const { world, api, tray, core } = await setUp();
    expect(imagePath(tray)).toBe('/assets/tray/idle.png');
    expect(tray.tooltip).toContain('Nothing running');

    const job = api.addJob({ status: 'running', progress: 40 });
    await poll(world, core);
    expect(imagePath(tray)).toBe('/assets/tray/running-40.png');
    expect(tray.tooltip).toContain('1 running, 40% overall');
    expect(menuItem(tray, '1 active job').enabled).toBe(false);

    api.updateJob(job.id, { status: 'failed', error: 'disk full' });
    await poll(world, core);
    expect(imagePath(tray)).toBe('/assets/tray/failed.png');
    expect(tray.tooltip).toContain('1 failed job');
    expect(menuItem(tray, 'Needs attention')).toBeDefined();
    core.stop();
  });

  it('redraws at most 4 times a second however many patches arrive', async () => {
    const { world, api, tray, core, models, adapter } = await setUp();
    let patches = 0;
    core.subscribe(() => (patches += 1));
    const rendersBefore = models.length;
    for (let index = 0; index < 8; index += 1) {
      api.addJob({ status: 'running', progress: 10 * index });
      core.pollNow();
      await world.clock.advance(110);
    }
    await world.clock.advance(200);
    const renders = models.length - rendersBefore;
    expect(patches).toBeGreaterThanOrEqual(8);
    expect(renders).toBeGreaterThan(0);
    expect(renders).toBeLessThanOrEqual(Math.ceil(1_080 / MIN_RENDER_INTERVAL_MS));
    // Unchanged data is not set again.
    const images = tray.calls.setImage;
    const menus = tray.calls.setContextMenu;
    adapter.render();
    expect(tray.calls.setImage).toBe(images);
    expect(tray.calls.setContextMenu).toBe(menus);
    core.stop();
  });

  it('follows patches without asking for snapshots, and rebuilds the menu only when its text changes', async () => {
    const { world, api, tray, core } = await setUp();
    let snapshots = 0;
    const snapshot = core.snapshot.bind(core);
    core.snapshot = () => {
      snapshots += 1;
      return snapshot();
    };
    const job = api.addJob({ status: 'running', progress: 41 });
    await poll(world, core);
    expect(menuItem(tray, 'Sync —').label).toBe('Sync — 40%');
    const menus = tray.calls.setContextMenu;
    // 1 % steps inside one 10 % step: the icon, the menu and its open submenu stay as they are.
    for (const progress of [42, 45, 49]) {
      api.updateJob(job.id, { progress });
      await poll(world, core);
    }
    expect(tray.calls.setContextMenu).toBe(menus);
    expect(tray.tooltip).toContain('49% overall');
    api.updateJob(job.id, { progress: 51 });
    await poll(world, core);
    expect(tray.calls.setContextMenu).toBe(menus + 1);
    expect(menuItem(tray, 'Sync —').label).toBe('Sync — 50%');
    // An hour of idle age refreshes leaves the menu alone too (the pause items carry no time).
    api.updateJob(job.id, { status: 'completed', progress: 100 });
    await poll(world, core);
    const idleMenus = tray.calls.setContextMenu;
    await world.clock.advance(3_600_000);
    expect(tray.calls.setContextMenu).toBe(idleMenus);
    expect(snapshots).toBe(0);
    core.stop();
  });

  it('cancels and retries jobs through the core from the menu', async () => {
    const { world, api, tray, core } = await setUp();
    const job = api.addJob({ status: 'running', progress: 40 });
    await poll(world, core);
    click(menuItem(tray, 'Sync —', 'Cancel'));
    await poll(world, core);
    expect(api.calls.cancelJob).toBe(1);
    expect(api.serverJob(job.id)?.status).toBe('cancelled');

    // A sync this app submitted (so the ledger knows what to replay) fails: Retry resubmits it.
    const submitted = await core.jobs.submitSync('work', 'my-proj');
    if (!submitted.ok) throw new Error(submitted.error.message);
    api.updateJob(submitted.value.jobId, { status: 'failed', error: 'boom' });
    await poll(world, core);
    click(menuItem(tray, '✗ Sync my-proj', 'Retry'));
    await world.clock.advance(0);
    expect(api.log.filter((call) => call.method === 'submitSync').map((call) => call.arg)).toEqual([
      'my-proj',
      'my-proj',
    ]);
    core.stop();
  });

  it('loads repositories on demand, syncs one, and pauses notifications', async () => {
    const { world, tray, core, adapter } = await setUp();
    click(menuItem(tray, 'Sync repository', 'Work', 'Load repositories'));
    await world.clock.advance(0);
    expect(adapter.repositories.get('work')).toEqual({ state: 'loaded', aliases: [] });
    expect(menuItem(tray, 'Sync repository', 'Work', 'No activated repositories').enabled).toBe(false);

    adapter.repositories.set('work', { state: 'loaded', aliases: ['R&D-tools'] });
    adapter.render();
    const repo = menuItem(tray, 'Sync repository', 'Work', 'R&&D-tools');
    click(repo);
    await world.clock.advance(0);
    expect(
      world
        .api('work')
        .log.filter((call) => call.method === 'submitSync')
        .map((call) => call.arg),
    ).toEqual(['R&D-tools']);

    click(menuItem(tray, 'Pause notifications', 'For 1 hour'));
    await world.clock.advance(0);
    expect(core.getSettings().notifications.pausedUntil).toBe(world.clock.now() + 3_600_000);
    await world.clock.advance(1_000);
    click(menuItem(tray, 'Resume notifications'));
    await world.clock.advance(0);
    expect(core.getSettings().notifications.pausedUntil).toBeNull();
    core.stop();
  });

  it('opens the window, on a job when asked, and quits', async () => {
    const { world, api, tray, opened, core } = await setUp();
    const job = api.addJob({ status: 'running', progress: 40 });
    await poll(world, core);
    click(menuItem(tray, 'Sync —', 'Show details'));
    click(menuItem(tray, 'Open CIDX Tray'));
    tray.emit('click');
    click(menuItem(tray, 'Quit CIDX Tray'));
    await world.clock.advance(0);
    expect(opened).toEqual([{ serverId: 'work', jobId: job.id }, 'window', 'window', 'quit']);
    core.stop();
  });

  it('says why a command failed', async () => {
    const { world, api, tray, failures, core } = await setUp();
    api.addJob({ status: 'running', progress: 40 });
    await poll(world, core);
    api.failNext('cancelJob', { kind: 'forbidden', message: 'You may not cancel this job' });
    click(menuItem(tray, 'Sync —', 'Cancel'));
    await world.clock.advance(0);
    expect(failures).toEqual(['Could not cancel the job: You may not cancel this job']);
    core.stop();
  });

  it('cuts tooltips to 127 characters on Windows only', () => {
    const long = 'x'.repeat(300);
    expect(tooltipFor(long, 'win32')).toHaveLength(127);
    expect(tooltipFor(long, 'linux')).toBe(long);
  });

  it('uses Template images on macOS', () => {
    const load = trayImageLoader((...parts) => parts.join('/'), 'darwin');
    const image = load({ kind: 'running', progressStep: 70 }) as unknown as FakeNativeImage;
    expect(image.path).toBe('tray/running-70Template.png');
    expect(image.template).toBe(true);
  });
});
