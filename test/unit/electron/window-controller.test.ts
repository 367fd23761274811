import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createWindowController } from '../../../main/electron/window-controller';
import type { WindowBounds } from '../../../main/electron/window-state';
import { FakeBrowserWindow, resetFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

function setUp(options: { hasTray?: boolean; platform?: NodeJS.Platform; saved?: WindowBounds | null } = {}) {
  let saved = options.saved ?? null;
  const shownJobs: unknown[] = [];
  const controller = createWindowController({
    create: (bounds) =>
      new FakeBrowserWindow({
        width: bounds?.width ?? 420,
        height: bounds?.height ?? 640,
        x: bounds?.x,
        y: bounds?.y,
      }) as unknown as Electron.BrowserWindow,
    state: { read: () => saved, write: (bounds) => (saved = bounds) },
    platform: options.platform ?? 'darwin',
    trayBounds: () => ({ x: 1500, y: 0, width: 22, height: 22 }),
    hasTray: () => options.hasTray ?? true,
    sendShowJob: (_window, job) => shownJobs.push(job),
  });
  const window = () => FakeBrowserWindow.created.at(-1)!;
  return { controller, window, shownJobs, saved: () => saved };
}

beforeEach(() => resetFakes());

describe('the window controller', () => {
  it('makes one window, near the tray, shown when ready, and hides it instead of closing', () => {
    const { controller, window, saved } = setUp();
    controller.show();
    controller.show();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(window().bounds).toMatchObject({ x: 1301, y: 30 });
    window().emit('ready-to-show');
    expect(window().visible).toBe(true);

    expect(window().tryClose()).toBe(false);
    expect(window().visible).toBe(false);
    expect(saved()).toMatchObject({ x: 1301, y: 30, width: 420, height: 640 });
    controller.allowClose();
    expect(window().tryClose()).toBe(true);
  });

  it('centres on Linux and reopens where the person left it', () => {
    const first = setUp({ platform: 'linux' });
    first.controller.show();
    expect(first.window().bounds).toMatchObject({ x: 760, y: 240 });
    resetFakes();
    const second = setUp({ platform: 'linux', saved: { width: 500, height: 600, x: 40, y: 50 } });
    second.controller.show();
    expect(second.window().bounds).toEqual({ width: 500, height: 600, x: 40, y: 50 });
  });

  it('minimises instead of hiding when there is no tray to come back from', () => {
    const { controller, window } = setUp({ hasTray: false });
    controller.show();
    expect(window().tryClose()).toBe(false);
    expect(window().minimized).toBe(true);
  });

  it('shows a job once the page has loaded, or at once when it already has', () => {
    const { controller, window, shownJobs } = setUp();
    const job = { serverId: 'work', jobId: 'job-1' };
    controller.show(job);
    expect(shownJobs).toEqual([]);
    window().webContents.emit('did-finish-load');
    expect(shownJobs).toEqual([job]);
    controller.show({ serverId: 'work', jobId: 'job-2' });
    expect(shownJobs).toEqual([job, { serverId: 'work', jobId: 'job-2' }]);
  });
});
