/**
 * Browser mode's transport: the contract over one WebSocket to the host (main/host). It
 * correlates answers with requests by id, fails a request that gets no answer in time, and
 * reconnects with backoff when the socket drops.
 *
 * Resync: patches sent while the socket was down are lost. The transport reports its state
 * ('connecting' -> 'connected', then 'reconnecting' -> 'connected' after a drop); every
 * transition to 'connected' after the first means "read a fresh snapshot" (subscriptions.ts
 * does so), and a version gap in later patches says the same.
 *
 * The access token comes from the page's fragment (`#token=…`, never sent to any server by the
 * browser) and goes in the bridge URL's query, where the host checks it before upgrading. Once
 * read, it is taken out of the address (`history.replaceState`), so it stays neither in the
 * address bar nor in the history; this tab's sessionStorage keeps it for a reload (the token
 * is only good until browser mode stops).
 */
import type { EventChannel, RequestChannel } from '../../preload/channels';
import type { ContractTransport } from '../../preload/api';
import type { ContractResult, EventContract, RequestPayload, ResponseValue } from '../../preload/contract';
import type { ConnectionState } from './connectionState';
import { BRIDGE_PATH, MAX_MESSAGE_BYTES, TOKEN_PARAM, type ServerMessage } from '../../preload/protocol';

/** What is used of a WebSocket: the browser's, or the `ws` package's in Node tests. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketTransportOptions {
  /** The bridge URL without the token; `ws://<this page's host>/bridge` by default. */
  url?: string;
  /** From `location.hash` (`#token=…`) by default. */
  token?: string;
  WebSocketImpl?: WebSocketConstructor;
  requestTimeoutMs?: number;
  /** First reconnect delay, doubled per failed attempt up to `maxRetryMs`, with jitter. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  random?: () => number;
}

export interface WebSocketTransport extends ContractTransport {
  connectionState(): ConnectionState;
  /** Returns the unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Closes for good: pending requests fail, no reconnect. */
  close(): void;
}

type Result = ContractResult<unknown>;
interface Pending {
  text: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: Result): void;
}

const OPEN = 1;
const failure = (kind: string, message: string): Result => ({ ok: false, error: { kind, message } });

interface PageLocation {
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
}

/** The page's globals; read through globalThis so Node tests (no DOM) compile this file too. */
const page = (): PageGlobals => globalThis as PageGlobals;
const pageLocation = (): PageLocation | undefined => page().location;

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

/**
 * Reads the token from the fragment and takes it out of the address, keeping the rest of the
 * fragment; without one there, the token this tab read before a reload.
 */
export function takeTokenFromLocation(): string | undefined {
  const location = pageLocation();
  if (location === undefined) return undefined;
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get(TOKEN_PARAM) ?? undefined;
  if (token === undefined) return storage()?.getItem(TOKEN_STORAGE_KEY) ?? undefined;
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

function defaultUrl(): string {
  const host = pageLocation()?.host;
  if (host === undefined) throw new Error('createWebSocketTransport needs a url outside a page');
  return `ws://${host}${BRIDGE_PATH}`;
}

export function createWebSocketTransport(options: WebSocketTransportOptions = {}): WebSocketTransport {
  const token = options.token ?? takeTokenFromLocation();
  const Impl =
    options.WebSocketImpl ?? (globalThis as unknown as { WebSocket: WebSocketConstructor }).WebSocket;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const initialRetryMs = options.initialRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const random = options.random ?? Math.random;

  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocketLike | null = null;
  let nextId = 0;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...connectionListeners]) listener(next);
  }

  function settle(id: number, result: Result): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  function dispatch(message: ServerMessage): void {
    if (message.type === 'response') {
      if (typeof message.id === 'number') settle(message.id, message.result);
      return;
    }
    for (const listener of [...(listeners.get(message.channel) ?? [])]) {
      try {
        (listener as (payload: unknown) => void)(message.payload);
      } catch (error) {
        // One broken view must not stop the others.
        console.error('CIDX Tray: an event listener failed', error);
      }
    }
  }

  function onMessage(event: { data: unknown }): void {
    if (typeof event.data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(event.data) as ServerMessage;
    } catch {
      return;
    }
    if (message && (message.type === 'response' || message.type === 'event')) dispatch(message);
  }

  function flush(): void {
    for (const entry of pending.values()) {
      if (entry.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(entry.text);
      entry.sent = true;
    }
  }

  function scheduleReconnect(): void {
    if (closed) return;
    const delay = Math.min(maxRetryMs, initialRetryMs * 2 ** attempt) * (0.5 + random() / 2);
    attempt += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function onDrop(this: WebSocketLike): void {
    if (socket !== this) return;
    socket = null;
    // Sent requests will never be answered on a new socket; what was not sent yet waits.
    for (const [id, entry] of [...pending]) {
      if (entry.sent)
        settle(
          id,
          failure(
            'disconnected',
            'The connection to CIDX Tray was lost before it answered; check whether it was done.',
          ),
        );
    }
    if (closed) return;
    setState('reconnecting');
    scheduleReconnect();
  }

  function connect(): void {
    if (closed) return;
    let ws: WebSocketLike;
    try {
      ws = new Impl(`${options.url ?? defaultUrl()}?${TOKEN_PARAM}=${encodeURIComponent(token ?? '')}`);
    } catch {
      setState('reconnecting');
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = (() => {
      attempt = 0;
      setState('connected');
      flush();
    }) as never;
    ws.onmessage = onMessage as never;
    // An error is always followed by a close; the close decides.
    ws.onerror = (() => {}) as never;
    ws.onclose = onDrop.bind(ws) as never;
  }

  if (token) connect();
  else {
    closed = true;
    state = 'disconnected';
  }

  return {
    invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>) {
      if (closed) {
        const why = token
          ? failure('closed', 'The connection to CIDX Tray was closed.')
          : failure('no-token', 'Open CIDX Tray with the full address it printed (it ends with #token=…).');
        return Promise.resolve(why as ContractResult<ResponseValue<C>>);
      }
      nextId += 1;
      const id = nextId;
      let text: string;
      try {
        text = JSON.stringify({ type: 'request', id, channel, payload });
      } catch {
        return Promise.resolve(
          failure('invalid-request', 'The request could not be encoded.') as ContractResult<ResponseValue<C>>,
        );
      }
      if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES)
        return Promise.resolve(
          failure('invalid-request', 'The request is too large.') as ContractResult<ResponseValue<C>>,
        );
      return new Promise<ContractResult<ResponseValue<C>>>((resolve) => {
        const timer = setTimeout(
          () =>
            settle(
              id,
              failure('timeout', `CIDX Tray did not answer within ${Math.round(timeoutMs / 1000)} s.`),
            ),
          timeoutMs,
        );
        pending.set(id, { text, sent: false, timer, resolve: resolve as (result: Result) => void });
        flush();
      });
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    connectionState: () => state,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      if (closed && state === 'disconnected') return;
      closed = true;
      clearTimeout(retryTimer);
      const open = socket;
      socket = null;
      open?.close(1000, 'closed by the page');
      for (const id of [...pending.keys()])
        settle(id, failure('closed', 'The connection to CIDX Tray was closed.'));
      setState('disconnected');
    },
  };
}
