/**
 * Opens a configured server's web UI in the person's browser. Only ever called by the request
 * handlers with a URL built from a configured server (web-ui-url.ts). The URL is passed as one
 * argument to the platform's opener, never through a shell.
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../core/cidx/logger';

function openerFor(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `cmd /c start` would parse '&' in the URL; the URL protocol handler takes it whole.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

export function createOpenExternal(logger: Logger, platform: NodeJS.Platform = process.platform) {
  return (url: string): void => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error('only http(s) URLs are opened');
    const { command, args } = openerFor(platform, parsed.toString());
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (error) =>
      logger.warn('could not open the browser', { command, error: error.message }),
    );
    child.unref();
  };
}
