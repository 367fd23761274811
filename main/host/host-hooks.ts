/** What only browser mode does for the shared request handlers: who it is, opening links, quitting. */
import type { Logger } from '../core/cidx/logger';
import type { NotificationIntent } from '../core/notify/intent';
import type { HostHooks } from '../contract/request-handlers';

export interface BrowserHostHooksOptions {
  version: string;
  logger: Logger;
  deliver(intent: NotificationIntent): void;
  openExternal(url: string): Promise<void> | void;
  quit(): void;
}

/** What "Send a test notification" shows. */
export function testNotificationIntent(now: number): NotificationIntent {
  return {
    key: `test/${now}`,
    kind: 'summary',
    title: 'CIDX Tray notifications work',
    body: 'A finished or failed job will be announced like this.',
    serverId: null,
    jobIds: [],
    jobs: [],
    actions: [],
    urgency: 'normal',
  };
}

export function browserHostHooks(options: BrowserHostHooksOptions): HostHooks {
  return {
    info: () => ({ version: options.version, host: 'browser', platform: process.platform }),
    openExternal: options.openExternal,
    showTestNotification: () => options.deliver(testNotificationIntent(Date.now())),
    // Answer the page first; the host stops on the next turn.
    quit: () => void setTimeout(options.quit, 50),
    reportError: (error, channel) =>
      options.logger.warn('a request handler failed', {
        channel,
        error: error instanceof Error ? error.message : String(error),
      }),
  };
}
