/**
 * THE window factory (style.md §10): every window of the app is made here, sandboxed, isolated,
 * without Node, with web security on, and with the contract-only preload.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { AppPages } from './app-pages';
import { DEFAULT_WINDOW_SIZE, type WindowBounds } from './window-state';

export function mainWindowOptions(
  preloadPath: string,
  bounds: WindowBounds | null,
  iconPath?: string,
): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? DEFAULT_WINDOW_SIZE.width,
    height: bounds?.height ?? DEFAULT_WINDOW_SIZE.height,
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 360,
    minHeight: 420,
    show: false,
    title: 'CIDX Tray',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Polling lives in main; a hidden renderer may sleep, it only shows state (design.md).
      backgroundThrottling: true,
    },
  };
}

export function createMainWindow(
  pages: Pick<AppPages, 'preloadPath' | 'entry'>,
  bounds: WindowBounds | null,
  iconPath?: string,
): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(pages.preloadPath, bounds, iconPath));
  window.removeMenu();
  // app://cidx-tray/index.html (app-protocol.ts) or the dev server; never a file:// URL.
  const loaded = window.loadURL(pages.entry.url);
  // A failed load shows an empty window; the log has why.
  void loaded.catch(() => undefined);
  return window;
}
