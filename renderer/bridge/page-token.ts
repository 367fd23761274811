/**
 * Browser mode's access token, as the page holds it. It arrives in the fragment (`#token=…`,
 * never sent to any server by the browser); once read it is taken out of the address
 * (`history.replaceState`), so it stays neither in the address bar nor in the history, and this
 * tab's sessionStorage keeps it for a reload (the token is only good until browser mode stops).
 *
 * Pasting the printed address into a tab that is already open on the page only changes the
 * fragment, which reloads nothing: `watchTokenInAddress` reports such a token, so a page turned
 * away for a stale token recovers without the person having to reload.
 */
import { TOKEN_PARAM } from '../../preload/protocol';

export interface PageLocation {
  hash: string;
  host: string;
  pathname: string;
  search: string;
}
interface PageGlobals {
  location?: PageLocation;
  history?: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
}

/** The page's globals; read through globalThis so Node tests (no DOM) compile this file too. */
const page = (): PageGlobals => globalThis as PageGlobals;
export const pageLocation = (): PageLocation | undefined => page().location;

/** Where this tab keeps the token across a reload, once it is out of the address. */
export const TOKEN_STORAGE_KEY = 'cidx-tray.bridge-token';

function storage(): PageGlobals['sessionStorage'] {
  try {
    return page().sessionStorage;
  } catch {
    // Storage can be disabled (and then throws on access).
    return undefined;
  }
}

/** The token in the fragment, taken out of the address (keeping the rest) and kept for a reload. */
function takeTokenFromFragment(): string | undefined {
  const location = pageLocation();
  if (location === undefined) return undefined;
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get(TOKEN_PARAM) ?? undefined;
  if (token === undefined) return undefined;
  params.delete(TOKEN_PARAM);
  const rest = params.toString();
  try {
    storage()?.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Without storage a reload needs the printed address again; nothing else is lost.
  }
  page().history?.replaceState(
    page().history?.state ?? null,
    '',
    `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
  );
  return token;
}

/** The token from the fragment; without one there, the token this tab read before a reload. */
export function takeTokenFromLocation(): string | undefined {
  if (pageLocation() === undefined) return undefined;
  return takeTokenFromFragment() ?? storage()?.getItem(TOKEN_STORAGE_KEY) ?? undefined;
}

/** Calls `onToken` with each token that later appears in the fragment; returns the stop. */
export function watchTokenInAddress(onToken: (token: string) => void): () => void {
  const target = page();
  if (typeof target.addEventListener !== 'function') return () => {};
  const listener = (): void => {
    const token = takeTokenFromFragment();
    if (token) onToken(token);
  };
  target.addEventListener('hashchange', listener);
  return () => target.removeEventListener?.('hashchange', listener);
}
