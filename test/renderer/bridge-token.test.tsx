/**
 * Browser mode's access token leaves the address once read: the page replaces its URL
 * (`history.replaceState`) so the token is kept neither in the address bar nor in the history,
 * and the bridge still connects with it (also after a reload of the same tab).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWebSocketTransport,
  TOKEN_STORAGE_KEY,
  type WebSocketLike,
} from '../../renderer/bridge/websocket-transport';

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
