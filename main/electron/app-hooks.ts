/** What only the Electron host does for the shared request handlers. */
import type { App, Shell } from 'electron';
import type { HostHooks } from '../contract/request-handlers';
import { testNotificationIntent } from '../host/host-hooks';
import type { AppLogger } from './log-file';

export interface ElectronHookDeps {
  app: Pick<App, 'getVersion' | 'quit'>;
  shell: Pick<Shell, 'openExternal'>;
  deliver: (intent: ReturnType<typeof testNotificationIntent>) => void;
  log: AppLogger;
  now: () => number;
}

/** The handlers build these from configured servers; this refuses anything but http(s) anyway. */
export async function openHttpUrl(shell: Pick<Shell, 'openExternal'>, url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error('only http(s) URLs are opened');
  await shell.openExternal(parsed.toString());
}

export function electronHostHooks(deps: ElectronHookDeps): HostHooks {
  return {
    info: () => ({ version: deps.app.getVersion(), host: 'electron', platform: process.platform }),
    openExternal: (url) => openHttpUrl(deps.shell, url),
    showTestNotification: () => deps.deliver(testNotificationIntent(deps.now())),
    // Answer the window first; quit on the next turn.
    quit: () => void setTimeout(() => deps.app.quit(), 0),
    reportError: (error, channel) =>
      deps.log.error(
        `request ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  };
}
