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
 * The access token comes from the page's address (page-token.ts) and goes in the bridge URL's
 * query, where the host checks it before the socket joins the bridge. A missing token, or one
 * the host refuses (close code TOKEN_REFUSED_CLOSE_CODE: browser mode restarted, so this tab's
 * token is stale), stops the transport in 'no-token' / 'token-refused' instead of retrying for
 * ever; a token pasted into the address later starts it again. (The host refuses by opening the
 * socket and closing it at once, so a refused page may blink 'connected' first; the requests it
 * sent in that blink fail with the refusal.)
 */
import type { EventChannel, RequestChannel } from '../../preload/channels';
import type { ContractTransport } from '../../preload/api';
import type { ContractResult, EventContract, RequestPayload, ResponseValue } from '../../preload/contract';
import {
  ACCESS_REFUSAL_WORDS,
  isAccessRefusal,
  type AccessRefusal,
  type ConnectionState,
} from './connectionState';
import { pageLocation, takeTokenFromLocation, watchTokenInAddress } from './page-token';
import {
  BRIDGE_PATH,
  MAX_MESSAGE_BYTES,
  TOKEN_PARAM,
  TOKEN_REFUSED_CLOSE_CODE,
  type ServerMessage,
} from '../../preload/protocol';

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
  /** From `location.hash` (`#token=…`) by default, and from the address again when it changes. */
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

/** What a request gets while the page is kept out, in words that say what to do. */
function refusalFailure(refusal: AccessRefusal): Result {
  const words = ACCESS_REFUSAL_WORDS[refusal];
  return failure(refusal, `${words.why} ${words.todo}`);
}

function defaultUrl(): string {
  const host = pageLocation()?.host;
  if (host === undefined) throw new Error('createWebSocketTransport needs a url outside a page');
  return `ws://${host}${BRIDGE_PATH}`;
}

export function createWebSocketTransport(options: WebSocketTransportOptions = {}): WebSocketTransport {
  let token = options.token ?? takeTokenFromLocation();
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

  const refused = (): boolean => isAccessRefusal(state);

  function scheduleReconnect(): void {
    if (closed || refused()) return;
    const delay = Math.min(maxRetryMs, initialRetryMs * 2 ** attempt) * (0.5 + random() / 2);
    attempt += 1;
    retryTimer = setTimeout(connect, delay);
  }

  /** Kept out for the token: every request fails with what to do, and nothing is retried. */
  function refuse(refusal: AccessRefusal): void {
    clearTimeout(retryTimer);
    for (const id of [...pending.keys()]) settle(id, refusalFailure(refusal));
    setState(refusal);
  }

  function onDrop(this: WebSocketLike, event?: { code?: number }): void {
    if (socket !== this) return;
    socket = null;
    if (!closed && event?.code === TOKEN_REFUSED_CLOSE_CODE) return refuse('token-refused');
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
    if (closed || refused()) return;
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
  else state = 'no-token';

  // A token that appears in the address later (the printed address pasted into this tab) lets
  // a page that was kept out in; a connected page keeps its socket and uses it on a reconnect.
  const stopWatching =
    options.token === undefined
      ? watchTokenInAddress((fresh) => {
          token = fresh;
          if (closed || !refused()) return;
          attempt = 0;
          setState('connecting');
          connect();
        })
      : () => {};

  return {
    invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>) {
      if (closed || refused()) {
        const why = isAccessRefusal(state)
          ? refusalFailure(state)
          : failure('closed', 'The connection to CIDX Tray was closed.');
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
      stopWatching();
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
