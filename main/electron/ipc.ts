/**
 * The only module that touches `ipcMain` and `webContents.send` (style.md §6). Every request is
 * answered only for the app's own windows showing the app's own page, from their top frame
 * (GitHub Desktop's trusted-sender check); the contract's handler then validates the payload.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_CHANNELS, REQUEST_CHANNELS, type EventChannel } from '../../preload/channels';
import type { ContractResult, EventContract } from '../../preload/contract';
import type { RequestHandler } from '../contract/request-handlers';
import type { MonitorPatch } from '../../preload/views';

export interface IpcDeps {
  handle: RequestHandler;
  windows(): BrowserWindow[];
  isAppPage(url: string): boolean;
  /** Refusals are worth a log line: they mean a bug or an attack. */
  onRefused?(channel: string, reason: string): void;
}

const refused = (message: string): ContractResult<never> => ({
  ok: false,
  error: { kind: 'forbidden-sender', message },
});

/** Why a sender may not call, or null when it may. */
function senderProblem(event: IpcMainInvokeEvent, deps: IpcDeps): string | null {
  const own = deps.windows().some((window) => !window.isDestroyed() && window.webContents === event.sender);
  if (!own) return 'not one of the app windows';
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null) return 'not the top frame';
  if (!deps.isAppPage(frame.url)) return 'not the app page';
  return null;
}

/** Registers one handler per request channel; returns the unregister. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const problem = senderProblem(event, deps);
      if (problem) {
        deps.onRefused?.(channel, problem);
        return refused('This request did not come from the CIDX Tray window.');
      }
      return deps.handle(channel, payload);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends one contract event to one window. */
export function sendEvent<E extends EventChannel>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  channel: E,
  payload: EventContract[E],
): void {
  if (!(EVENT_CHANNELS as readonly string[]).includes(channel) || contents.isDestroyed()) return;
  contents.send(channel, payload);
}

/** Sends a monitor patch to every app window as 'core:patch'. */
export function sendPatch(windows: readonly BrowserWindow[], patch: MonitorPatch): void {
  for (const window of windows) if (!window.isDestroyed()) sendEvent(window.webContents, 'core:patch', patch);
}

/** Opens the window on a job (a notification click, "Show details" in the tray). */
export function sendShowJob(window: BrowserWindow, job: { serverId: string; jobId: string }): void {
  sendEvent(window.webContents, 'app:show-job', job);
}
