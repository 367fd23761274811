/**
 * Browser mode's access token leaves the address once read: the page replaces its URL
 * (`history.replaceState`) so the token is kept neither in the address bar nor in the history,
 * and the bridge still connects with it (also after a reload of the same tab). A page without a
 * token, or whose token the host refuses, stops and says what to do rather than retrying.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_REFUSED_CLOSE_CODE } from '../../preload/protocol';
import { TOKEN_STORAGE_KEY } from '../../renderer/bridge/page-token';
import { createWebSocketTransport, type WebSocketLike } from '../../renderer/bridge/websocket-transport';

/** Records the URLs sockets are opened with; never opens. */
function recordingSocket(urls: string[]) {
  return class implements WebSocketLike {
    readyState = 0;
    onopen = null;
    onmessage = null;
    onclose = null;
    onerror = null;
    constructor(url: string) {
      urls.push(url);
    }
    send() {}
    close() {}
  };
}

const setUrl = (url: string) =>
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

describe('the access token in the page address', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => setUrl('http://localhost/'));

  it('is taken out of the address once read, and the bridge connects with it', () => {
    setUrl('http://127.0.0.1:4321/#token=s3cr3t-token');
    const urls: string[] = [];
    const transport = createWebSocketTransport({ WebSocketImpl: recordingSocket(urls) });
    expect(urls).toEqual(['ws://127.0.0.1:4321/bridge?token=s3cr3t-token']);
    expect(window.location.href).toBe('http://127.0.0.1:4321/');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('s3cr3t');
    transport.close();
  });

  it('keeps the rest of the fragment and the query', () => {
    setUrl('http://127.0.0.1:4321/index.html?x=1#view=jobs&token=abc');
    const urls: string[] = [];
    createWebSocketTransport({ WebSocketImpl: recordingSocket(urls) }).close();
    expect(window.location.href).toBe('http://127.0.0.1:4321/index.html?x=1#view=jobs');
    expect(urls[0]).toContain('token=abc');
  });

  it('a reload of the same tab (address without the token) still connects', () => {
    setUrl('http://127.0.0.1:4321/#token=tab-token');
    createWebSocketTransport({ WebSocketImpl: recordingSocket([]) }).close();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('tab-token');
    setUrl('http://127.0.0.1:4321/');
    const urls: string[] = [];
    createWebSocketTransport({ WebSocketImpl: recordingSocket(urls) }).close();
    expect(urls).toEqual(['ws://127.0.0.1:4321/bridge?token=tab-token']);
  });
});

interface DrivenSocket extends WebSocketLike {
  readonly url: string;
  sent: string[];
  open(): void;
  closeWith(code: number): void;
}

/** A socket the test drives: it opens, or closes with a code, when told. */
function drivenSocket(sockets: DrivenSocket[]) {
  return class implements DrivenSocket {
    readyState = 0;
    onopen: ((event: never) => void) | null = null;
    onmessage: ((event: never) => void) | null = null;
    onclose: ((event: never) => void) | null = null;
    onerror: ((event: never) => void) | null = null;
    sent: string[] = [];
    constructor(readonly url: string) {
      sockets.push(this);
    }
    send(text: string) {
      this.sent.push(text);
    }
    close() {}
    open() {
      this.readyState = 1;
      this.onopen?.({} as never);
    }
    closeWith(code: number) {
      this.readyState = 3;
      this.onclose?.({ code } as never);
    }
  };
}

describe('a page kept out for its token', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.useRealTimers();
    setUrl('http://localhost/');
  });

  it('without a token: connects to nothing and says what to do', async () => {
    setUrl('http://127.0.0.1:4321/');
    const sockets: DrivenSocket[] = [];
    const transport = createWebSocketTransport({ WebSocketImpl: drivenSocket(sockets) });
    expect(sockets).toEqual([]);
    expect(transport.connectionState()).toBe('no-token');
    const answer = await transport.invoke('snapshot:get', null);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'no-token' } });
    expect(!answer.ok && answer.error.message).toContain('Open the address CIDX Tray printed');
    transport.close();
  });

  it('a refused token (close code 4401) stops retrying, fails what waits, and says what to do', async () => {
    vi.useFakeTimers();
    setUrl('http://127.0.0.1:4321/#token=stale-token');
    const sockets: DrivenSocket[] = [];
    const transport = createWebSocketTransport({ WebSocketImpl: drivenSocket(sockets), initialRetryMs: 10 });
    const states: string[] = [];
    transport.onConnectionChange((state) => states.push(state));
    const waiting = transport.invoke('snapshot:get', null);
    sockets[0]!.open();
    sockets[0]!.closeWith(TOKEN_REFUSED_CLOSE_CODE);
    expect(states).toEqual(['connected', 'token-refused']);
    expect(await waiting).toMatchObject({ ok: false, error: { kind: 'token-refused' } });
    const later = await transport.invoke('snapshot:get', null);
    expect(!later.ok && later.error.message).toMatch(/did not accept .* Open the address CIDX Tray printed/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    transport.close();
  });

  it('any other close still reconnects (the host is away, not refusing)', async () => {
    vi.useFakeTimers();
    const sockets: DrivenSocket[] = [];
    const transport = createWebSocketTransport({
      url: 'ws://127.0.0.1:4321/bridge',
      token: 'good',
      WebSocketImpl: drivenSocket(sockets),
      initialRetryMs: 10,
    });
    sockets[0]!.open();
    sockets[0]!.closeWith(1006);
    expect(transport.connectionState()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(20);
    expect(sockets).toHaveLength(2);
    transport.close();
  });

  it('connects once the printed address is pasted into the same tab (only the fragment changes)', async () => {
    setUrl('http://127.0.0.1:4321/#token=stale-token');
    const sockets: DrivenSocket[] = [];
    const transport = createWebSocketTransport({ WebSocketImpl: drivenSocket(sockets) });
    sockets[0]!.closeWith(TOKEN_REFUSED_CLOSE_CODE);
    expect(transport.connectionState()).toBe('token-refused');

    window.location.hash = '#token=fresh-token';
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    expect(sockets[1]!.url).toBe('ws://127.0.0.1:4321/bridge?token=fresh-token');
    expect(transport.connectionState()).toBe('connecting');
    expect(window.location.href).toBe('http://127.0.0.1:4321/');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('fresh-token');
    sockets[1]!.open();
    expect(transport.connectionState()).toBe('connected');
    transport.close();
  });
});
