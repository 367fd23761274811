/**
 * Security that applies to every web contents the app ever creates (style.md §11): no new
 * windows, no navigation away from the app's page, no permissions, and a strict
 * Content-Security-Policy.
 */
import type { App, Session, WebContents } from 'electron';

/**
 * Why each part is there:
 * - default-src 'self': anything not named below loads only from the app itself (no remote
 *   code, fonts, frames or media).
 * - script-src 'self': no inline script, no eval, no remote script, so hostile text from a
 *   server that ever reached the DOM as markup still could not run.
 * - style-src 'self' 'unsafe-inline': React's `style` props (the virtualised job list positions
 *   rows with inline transforms) need inline styles; styles cannot run code.
 * - img-src 'self' data:: bundled icons, some inlined as data: URLs by the bundler; no remote
 *   images, so a server-supplied URL cannot become a tracking pixel.
 * - connect-src 'self': the renderer never talks to a network; every request goes through IPC
 *   to main, which owns the credentials.
 * - object-src 'none', base-uri 'none', form-action 'none': no plugins, no <base> hijacking of
 *   relative URLs, no form posts anywhere (default-src does not cover the last two).
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The dev server's hot reload needs its inline preamble and a WebSocket back to itself. */
export const DEV_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self' ws: http://localhost:* http://127.0.0.1:*; object-src 'none'";

export function hardenWebContents(app: Pick<App, 'on'>, isAppPage: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Links to servers go through main's openExternal, which checks them; nothing opens here.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const blockForeign = (event: { preventDefault(): void }, url: string) => {
      if (!isAppPage(url)) event.preventDefault();
    };
    contents.on('will-navigate', blockForeign);
    contents.on('will-redirect', blockForeign);
    // No <webview>: nothing in the app needs one and each is a new attack surface.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/**
 * Adds the CSP header to the app's own pages. The app scheme's handler sets it on its answers
 * too (a custom protocol may not pass through webRequest), and the renderer's index.html
 * carries the same policy in a <meta> tag.
 */
export function installCsp(
  session: Pick<Session, 'webRequest'>,
  isAppPage: (url: string) => boolean,
  policy: string,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url)) return callback({ responseHeaders: details.responseHeaders });
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}

/**
 * No page gets any permission (camera, microphone, geolocation, notifications, clipboard read,
 * MIDI, HID, serial, USB, …): the app's page needs none (notifications are main's, copying
 * falls back to execCommand), and any other page must not have them. Requests are answered
 * "no", checks "no", device choosers "no".
 */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
  onDenied?: (permission: string, url: string) => void,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    onDenied?.(permission, details?.requestingUrl ?? contents?.getURL?.() ?? 'unknown');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
