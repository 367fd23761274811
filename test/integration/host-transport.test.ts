/**
 * The renderer's WebSocket transport (renderer/bridge/websocket-transport.ts) against the real
 * host, with the `ws` package standing in for the browser's WebSocket: the API object over it,
 * patches, timeouts, and reconnecting (with the state the renderer resyncs on) after the host
 * goes away and comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCidxTrayApi } from '../../preload/api';
import type { MonitorPatch } from '../../main/core/monitor';
import type { RequestHandler } from '../../main/contract/request-handlers';
import { startHostServer, type HostServer } from '../../main/host/host-server';
import type { ConnectionState } from '../../renderer/bridge/connectionState';
import {
  createWebSocketTransport,
  type WebSocketConstructor,
} from '../../renderer/bridge/websocket-transport';
import { quietLogger, startBrowserWorld, type BrowserWorld } from '../support/host-world';
import { waitFor } from '../support/wait-for';

/** Node's `ws` sends no Origin of its own; a browser sends the page's. */
function browserLike(origin: string): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  };
}

describe('the WebSocket transport against browser mode and the HEAD double', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld({
      dirPrefix: 'cidx-host-transport-',
      host: { notifier: { notify: () => undefined } },
    });
  });

  afterAll(async () => world?.close());

  it('carries the API of intentions: snapshot, a sync, and the patches that follow it', async () => {
    const { mode, double, serverId } = world;
    const { port, token, origin } = mode.server;
    const transport = createWebSocketTransport({
      url: `ws://127.0.0.1:${port}/bridge`,
      token,
      WebSocketImpl: browserLike(origin),
    });
    const states: ConnectionState[] = [];
    transport.onConnectionChange((state) => states.push(state));
    expect(transport.connectionState()).toBe('connecting');
    const api = createCidxTrayApi(transport);
    const patches: MonitorPatch[] = [];
    api.onPatch((patch) => patches.push(patch));

    // Sent before the socket opened: queued, then answered.
    const snapshot = await api.snapshot();
    expect(snapshot.ok && snapshot.value.servers[0]?.config.id).toBe(serverId);
    expect(states).toEqual(['connected']);
    expect(await api.app.info()).toMatchObject({ ok: true, value: { host: 'browser' } });

    double.control.setNextSyncOutcome('my-proj', { runMs: 200 });
    const submitted = await api.jobs.sync({ serverId, repository: 'my-proj' });
    if (!submitted.ok) throw new Error(submitted.error.message);
    await waitFor('the completed job', () =>
      patches.find((p) =>
        p.jobs?.some((view) => view.job.id === submitted.value.jobId && view.job.status === 'completed'),
      ),
    );
    for (let i = 1; i < patches.length; i += 1) expect(patches[i]!.version).toBe(patches[i - 1]!.version + 1);
    expect(await api.jobs.cancel({ serverId: '', jobId: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });

    transport.close();
    expect(transport.connectionState()).toBe('disconnected');
    expect(await api.snapshot()).toMatchObject({ ok: false, error: { kind: 'closed' } });
  });
});

describe('the WebSocket transport when the host stalls or goes away', () => {
  const token = 'a-fixed-token-for-the-restarted-host-0000000';
  let answer: RequestHandler = async () => ({ ok: true, value: 'first host' });
  let host: HostServer;
  const start = (port: number) =>
    startHostServer({
      port,
      token,
      rendererDir: '/nonexistent',
      handle: (c, p) => answer(c, p),
      logger: quietLogger,
    });

  beforeAll(async () => {
    host = await start(0);
  });
  afterAll(async () => host?.close());

  const connect = (requestTimeoutMs = 10_000) =>
    createWebSocketTransport({
      url: `ws://127.0.0.1:${host.port}/bridge`,
      token,
      WebSocketImpl: browserLike(host.origin),
      requestTimeoutMs,
      initialRetryMs: 20,
      maxRetryMs: 200,
    });

  it('fails a request that gets no answer in time', async () => {
    const transport = connect(150);
    answer = () => new Promise(() => {});
    expect(await transport.invoke('app:info', null)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    transport.close();
  });

  it('fails requests in flight when the socket drops, reconnects, and reports it so the page resyncs', async () => {
    answer = async () => ({ ok: true, value: 'first host' });
    const transport = connect();
    const states: ConnectionState[] = [];
    transport.onConnectionChange((state) => states.push(state));
    expect(await transport.invoke('app:info', null)).toEqual({ ok: true, value: 'first host' });

    let reached = false;
    answer = () => {
      reached = true;
      return new Promise(() => {});
    };
    const inFlight = transport.invoke('app:info', null);
    await waitFor('the request to reach the host', () => (reached ? true : undefined));
    const port = host.port;
    await host.close();
    expect(await inFlight).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    await waitFor('reconnecting', () => (transport.connectionState() === 'reconnecting' ? true : undefined));

    // Asked while away: sent once the host is back.
    const whileAway = transport.invoke('app:info', null);
    answer = async () => ({ ok: true, value: 'second host' });
    host = await start(port);
    expect(await whileAway).toEqual({ ok: true, value: 'second host' });
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    transport.close();
  });

  it('a host restarted with a new token refuses the page, which stops and says what to do', async () => {
    answer = async () => ({ ok: true, value: 'first host' });
    const transport = connect();
    const states: ConnectionState[] = [];
    transport.onConnectionChange((state) => states.push(state));
    expect(await transport.invoke('app:info', null)).toEqual({ ok: true, value: 'first host' });
    const port = host.port;
    await host.close();
    host = await startHostServer({
      port,
      token: 'the-token-of-the-new-start-000000000000000',
      rendererDir: '/nonexistent',
      handle: (c, p) => answer(c, p),
      logger: quietLogger,
    });
    await waitFor('the refusal', () => (transport.connectionState() === 'token-refused' ? true : undefined));
    // The refusal is a socket that opens and closes at once (4401): a blink of 'connected'.
    expect(states.slice(0, 2)).toEqual(['connected', 'reconnecting']);
    expect(states.at(-1)).toBe('token-refused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(transport.connectionState()).toBe('token-refused');
    expect(await transport.invoke('app:info', null)).toMatchObject({
      ok: false,
      error: { kind: 'token-refused' },
    });
    transport.close();
    // The other tests expect the first token.
    await host.close();
    host = await start(port);
  });

  it('says so when the page has no token, without connecting', async () => {
    const transport = createWebSocketTransport({
      url: `ws://127.0.0.1:${host.port}/bridge`,
      WebSocketImpl: browserLike(host.origin),
    });
    expect(transport.connectionState()).toBe('no-token');
    expect(await transport.invoke('snapshot:get', null)).toMatchObject({
      ok: false,
      error: { kind: 'no-token' },
    });
  });
});
