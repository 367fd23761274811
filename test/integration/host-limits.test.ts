/**
 * Browser mode's per-page request limits over a REAL WebSocket: requests in flight and per
 * second are bounded per page, a page over them is answered `rate-limited` at once (its request
 * is not processed), and one page flooding the bridge does not hold the others up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RequestHandler } from '../../main/contract/request-handlers';
import { startHostServer, type HostServer } from '../../main/host/host-server';
import type { RequestLimits } from '../../main/host/request-limits';
import type { ResponseMessage, ServerMessage } from '../../preload/protocol';
import { waitFor } from '../support/wait-for';

const quiet = { debug: () => {}, info: () => {}, warn: () => {} };

class Page {
  readonly answers = new Map<number, ResponseMessage['result']>();
  private nextId = 0;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'response' && typeof message.id === 'number')
        this.answers.set(message.id, message.result);
    });
  }

  static open(host: HostServer): Promise<Page> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, {
      origin: host.origin,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Page(ws)));
      ws.once('error', reject);
    });
  }

  /** Sends without waiting; returns the request id. */
  send(channel: string, payload: unknown = null): number {
    this.nextId += 1;
    this.ws.send(JSON.stringify({ type: 'request', id: this.nextId, channel, payload }));
    return this.nextId;
  }

  answer(id: number, timeoutMs?: number): Promise<ResponseMessage['result']> {
    return waitFor(`the answer to request ${id}`, () => this.answers.get(id), timeoutMs);
  }

  rateLimited(): number {
    return [...this.answers.values()].filter((r) => !r.ok && r.error.kind === 'rate-limited').length;
  }
}

describe('browser mode: per-page request limits', () => {
  let host: HostServer | undefined;
  const pages: Page[] = [];

  afterEach(async () => {
    for (const page of pages.splice(0)) page.ws.terminate();
    await host?.close();
    host = undefined;
  });

  async function start(handle: RequestHandler, limits?: Partial<RequestLimits>, now?: () => number) {
    host = await startHostServer({
      port: 0,
      rendererDir: '/nonexistent',
      handle,
      logger: quiet,
      bridgeLimits: limits,
      now,
    });
    return host;
  }

  async function page(server: HostServer): Promise<Page> {
    const opened = await Page.open(server);
    pages.push(opened);
    return opened;
  }

  it('answers requests over the in-flight limit with rate-limited at once, and admits again once answered', async () => {
    const release: (() => void)[] = [];
    let handled = 0;
    const server = await start(async () => {
      handled += 1;
      await new Promise<void>((resolve) => release.push(resolve));
      return { ok: true, value: 'done' };
    });
    const a = await page(server);
    const ids = Array.from({ length: 40 }, () => a.send('jobs:cancel', { serverId: 's', jobId: 'j' }));
    // The 8 over the limit are refused while the first 32 are still being processed.
    await waitFor('8 refusals', () => (a.rateLimited() === 8 ? true : undefined));
    expect(handled).toBe(32);
    const refused = a.answers.get(ids[39]!)!;
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'rate-limited', message: expect.stringContaining('at most 32') },
    });
    release.splice(0).forEach((resolve) => resolve());
    expect(await a.answer(ids[0]!)).toEqual({ ok: true, value: 'done' });
    await waitFor('32 answers', () => (a.answers.size === 40 ? true : undefined));
    // Slots are free again.
    const again = a.send('jobs:cancel', {});
    await waitFor('the next request to be handled', () => (handled === 33 ? true : undefined));
    release.splice(0).forEach((resolve) => resolve());
    expect(await a.answer(again)).toEqual({ ok: true, value: 'done' });
  });

  it('limits requests per second with a token bucket, per page', async () => {
    let clock = 1_000_000;
    let handled = 0;
    const server = await start(
      async () => {
        handled += 1;
        return { ok: true, value: null };
      },
      { maxInFlight: 1_000 },
      () => clock,
    );
    const a = await page(server);
    const b = await page(server);
    const ids = Array.from({ length: 60 }, () => a.send('snapshot:get'));
    await waitFor('60 answers', () => (a.answers.size === 60 ? true : undefined));
    expect(a.rateLimited()).toBe(10);
    expect(handled).toBe(50);
    expect(a.answers.get(ids[59]!)).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', message: expect.stringContaining('50 a second') },
    });
    // Another page has its own bucket.
    expect(await b.answer(b.send('snapshot:get'))).toEqual({ ok: true, value: null });
    // Half a second refills 25.
    clock += 500;
    Array.from({ length: 30 }, () => a.send('snapshot:get'));
    await waitFor('90 answers', () => (a.answers.size === 90 ? true : undefined));
    expect(a.rateLimited()).toBe(15);
  });

  it('10,000 snapshot:get from one page do not hold another page up, and are not all processed', async () => {
    // A big snapshot, as a monitor with many jobs answers: processing 10,000 would take long.
    const jobs = Array.from({ length: 500 }, (_, i) => ({
      id: `job-${i}`,
      status: 'running',
      progress: i % 100,
    }));
    const handled: Record<string, number> = {};
    const server = await start(async (channel) => {
      handled[channel] = (handled[channel] ?? 0) + 1;
      return channel === 'snapshot:get'
        ? { ok: true, value: { version: 1, jobs: structuredClone(jobs) } }
        : { ok: true, value: 'pong' };
    });
    const flooder = await page(server);
    const other = await page(server);
    for (let i = 0; i < 10_000; i += 1) flooder.send('snapshot:get');
    const mine = other.send('settings:get');
    expect(await other.answer(mine, 5_000)).toEqual({ ok: true, value: 'pong' });
    await waitFor(
      '10,000 answers to the flooding page',
      () => (flooder.answers.size === 10_000 ? true : undefined),
      20_000,
    );
    // The burst and whatever refilled while it was read; everything else was refused unprocessed.
    expect(handled['snapshot:get']).toBeLessThan(500);
    expect(flooder.rateLimited()).toBe(10_000 - handled['snapshot:get']!);
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
    expect(flooder.answers.get(1)).toMatchObject({ ok: true, value: { version: 1 } });
  });
});
