/**
 * The one main window over the app's life: made on first use, hidden (not closed) when a person
 * closes it so reopening is instant, placed near the tray, its bounds remembered, and shown on a
 * given job when a notification or the tray asks for one.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { screen } from 'electron';
import type { JobRef } from '../core/jobs/tracked-job';
import { isOnScreen, positionNearTray } from './window-position';
import type { WindowStateStore } from './window-state';

export interface WindowControllerDeps {
  create(bounds: ReturnType<WindowStateStore['read']>): BrowserWindow;
  state: WindowStateStore;
  platform: NodeJS.Platform;
  /** The tray icon's bounds, where the platform reports them (not Linux). */
  trayBounds(): Rectangle | null;
  /** Without a tray icon, closing minimises, so the window stays reachable from the taskbar. */
  hasTray(): boolean;
  sendShowJob(window: BrowserWindow, job: JobRef): void;
}

export interface WindowController {
  show(job?: JobRef): void;
  /** The app's windows (for the IPC sender check and patch forwarding). */
  windows(): BrowserWindow[];
  current(): BrowserWindow | null;
  /** Quitting: let the window really close. */
  allowClose(): void;
}

export function createWindowController(deps: WindowControllerDeps): WindowController {
  let window: BrowserWindow | null = null;
  let quitting = false;
  let pendingJob: JobRef | null = null;

  const remember = () => {
    if (!window || window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    deps.state.write(window.getNormalBounds());
  };

  function place(win: BrowserWindow): void {
    const saved = deps.state.read();
    const areas = screen.getAllDisplays().map((display) => display.workArea);
    if (
      saved?.x !== undefined &&
      saved.y !== undefined &&
      isOnScreen({ ...saved, x: saved.x, y: saved.y }, areas)
    )
      return;
    const tray = deps.platform === 'linux' ? null : deps.trayBounds();
    if (!tray || tray.width === 0) return win.center();
    const area = screen.getDisplayMatching(tray).workArea;
    const { x, y } = positionNearTray(tray, win.getBounds(), area);
    win.setPosition(x, y);
  }

  function make(): BrowserWindow {
    const win = deps.create(deps.state.read());
    win.on('close', (event) => {
      remember();
      if (quitting) return;
      event.preventDefault();
      if (deps.hasTray()) win.hide();
      else win.minimize();
    });
    win.on('resized', remember);
    win.on('moved', remember);
    win.on('closed', () => {
      if (window === win) window = null;
    });
    // The renderer subscribes to 'app:show-job' once loaded; a job asked for earlier waits.
    win.webContents.on('did-finish-load', () => {
      if (pendingJob) deps.sendShowJob(win, pendingJob);
      pendingJob = null;
    });
    place(win);
    win.once('ready-to-show', () => win.show());
    return win;
  }

  return {
    show(job) {
      if (!window || window.isDestroyed()) {
        pendingJob = job ?? null;
        window = make();
        return;
      }
      if (window.isMinimized()) window.restore();
      if (!window.isVisible()) place(window);
      window.show();
      window.focus();
      if (job && window.webContents.isLoading()) pendingJob = job;
      else if (job) deps.sendShowJob(window, job);
    },
    windows: () => (window && !window.isDestroyed() ? [window] : []),
    current: () => (window && !window.isDestroyed() ? window : null),
    allowClose() {
      quitting = true;
    },
  };
}
