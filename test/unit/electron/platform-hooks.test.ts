import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  applyLaunchAtLogin,
  AUTOSTART_FILE_NAME,
  followLaunchAtLogin,
} from '../../../main/electron/login-item';
import { ONLINE_CHECK_MS, watchPowerAndNetwork } from '../../../main/electron/power-hooks';
import { applyTaskbar } from '../../../main/electron/taskbar';
import type { PatchListener } from '../../../main/core/monitor/monitor-types';
import type { AppSettings } from '../../../main/core/config/settings';
import { FakeClock } from '../../support/fake-clock';
import { useTempDir } from '../config/temp-dir';

const tempDir = useTempDir();

describe('power and network hooks', () => {
  it('poll at once on resume, unlock and when the network comes back', async () => {
    const clock = new FakeClock();
    const powerMonitor = new EventEmitter();
    let online = true;
    const pollNow = vi.fn();
    const stop = watchPowerAndNetwork({
      powerMonitor: powerMonitor as unknown as Electron.PowerMonitor,
      net: { isOnline: () => online },
      clock,
      pollNow,
    });
    powerMonitor.emit('resume');
    powerMonitor.emit('unlock-screen');
    expect(pollNow).toHaveBeenCalledTimes(2);
    online = false;
    await clock.advance(ONLINE_CHECK_MS);
    expect(pollNow).toHaveBeenCalledTimes(2);
    online = true;
    await clock.advance(ONLINE_CHECK_MS);
    expect(pollNow).toHaveBeenCalledTimes(3);
    await clock.advance(ONLINE_CHECK_MS * 3);
    expect(pollNow).toHaveBeenCalledTimes(3);
    stop();
    powerMonitor.emit('resume');
    expect(pollNow).toHaveBeenCalledTimes(3);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('launch at login', () => {
  it('uses the login item API on macOS and Windows, following setting changes', () => {
    const setLoginItemSettings = vi.fn();
    let listener: PatchListener = () => {};
    const settings = { launchAtLogin: false } as AppSettings;
    followLaunchAtLogin(
      { getSettings: () => settings, subscribe: (l) => ((listener = l), () => {}) },
      { app: { setLoginItemSettings }, platform: 'darwin', env: {}, execPath: '/x' },
      () => {},
    );
    listener({
      version: 1,
      settings: { ...settings, launchAtLogin: true },
    });
    listener({
      version: 2,
      settings: { ...settings, launchAtLogin: true },
    });
    expect(setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: false }], [{ openAtLogin: true }]]);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const home = tempDir();
    const deps = {
      app: { setLoginItemSettings: vi.fn() },
      platform: 'linux' as const,
      env: { APPIMAGE: '/apps/CIDX Tray.AppImage' },
      execPath: '/x',
      home,
    };
    const file = join(home, '.config', 'autostart', AUTOSTART_FILE_NAME);
    applyLaunchAtLogin(true, deps);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/apps/CIDX Tray.AppImage"');
    applyLaunchAtLogin(false, deps);
    expect(existsSync(file)).toBe(false);
    expect(deps.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('taskbar and dock', () => {
  it('shows overall progress on the window and failures as a badge where supported', () => {
    const window = {
      progress: 0,
      setProgressBar(value: number) {
        this.progress = value;
      },
      isDestroyed: () => false,
    };
    const app = {
      badge: -1,
      setBadgeCount(count?: number) {
        this.badge = count ?? 0;
        return true;
      },
    };
    applyTaskbar({ badgeCount: 2, taskbarProgress: 0.4 }, window, app, 'darwin');
    expect([window.progress, app.badge]).toEqual([0.4, 2]);
    applyTaskbar({ badgeCount: 0, taskbarProgress: null }, window, app, 'win32');
    expect([window.progress, app.badge]).toEqual([-1, 2]);
  });
});
