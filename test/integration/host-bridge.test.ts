/**
 * Browser mode end to end over a REAL WebSocket (the `ws` client) against the CIDX double
 * (HEAD): the token-admitted bridge, snapshots and versioned patches, a gap and its resync,
 * commands, hostile messages, and a notification click reaching the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MonitorPatch, MonitorSnapshot } from '../../main/core/monitor';
import type { BrowserMode } from '../../main/host/browser-mode';
import type { NodeNotifierLike, NotifierCallback } from '../../main/desktop-notifications/desktop-notifier';
import type { ResponseMessage, ServerMessage } from '../../preload/protocol';
import type { RunningCidxServer } from '../cidx-server/server';
import { startBrowserWorld, type BrowserWorld } from '../support/host-world';
import { waitFor } from '../support/wait-for';

/** A page's side of the bridge, raw: every message kept, requests answered by id. */
class BridgeClient {
  readonly messages: ServerMessage[] = [];
  private nextId = 0;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
  }

  static open(mode: BrowserMode): Promise<BridgeClient> {
    const { port, token, origin } = mode.server;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`, { origin });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new BridgeClient(ws)));
      ws.once('error', reject);
    });
  }

  patches(): MonitorPatch[] {
    return this.messages.flatMap((m) =>
      m.type === 'event' && m.channel === 'core:patch' ? [m.payload] : [],
    );
  }

  async send(text: string, id: number | null): Promise<ResponseMessage> {
    this.ws.send(text);
    return waitFor(`an answer to ${id}`, () =>
      this.messages.find((m): m is ResponseMessage => m.type === 'response' && m.id === id),
    );
  }

  async request<T = unknown>(
    channel: string,
    payload: unknown,
  ): Promise<ResponseMessage['result'] & { value?: T }> {
    this.nextId += 1;
    const id = this.nextId;
    const answer = await this.send(JSON.stringify({ type: 'request', id, channel, payload }), id);
    return answer.result as ResponseMessage['result'] & { value?: T };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Records banners; `answer` plays a click. */
class RecordingNotifier implements NodeNotifierLike {
  readonly shown: { options: Record<string, unknown>; callback?: NotifierCallback }[] = [];
  notify(options: Record<string, unknown>, callback?: NotifierCallback): void {
    this.shown.push({ options, callback });
  }
}

const jobPatch = (patches: MonitorPatch[], jobId: string, status: string) =>
  patches.find((p) => p.jobs?.some((view) => view.job.id === jobId && view.job.status === status));

function expectConsecutive(patches: MonitorPatch[]): void {
  for (let i = 1; i < patches.length; i += 1) expect(patches[i]!.version).toBe(patches[i - 1]!.version + 1);
}

describe('browser mode over a real WebSocket, against the HEAD double', () => {
  let world: BrowserWorld;
  let double: RunningCidxServer;
  let mode: BrowserMode;
  let page: BridgeClient;
  let serverId: string;
  const notifier = new RecordingNotifier();
  const opened: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    world = await startBrowserWorld({
      dirPrefix: 'cidx-host-bridge-',
      double: { cancelLatencyMs: 0 },
      host: {
        notifier,
        openExternal: (url) => void opened.push(url),
        logger: {
          debug: () => {},
          info: (m) => logLines.push(m),
          warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f)}`),
        },
      },
    });
    ({ double, mode, serverId } = world);
    page = await BridgeClient.open(mode);
  });

  afterAll(async () => {
    await page?.close();
    await world?.close();
  });

  it('answers snapshot:get with the configured server, and then its jobs', async () => {
    const first = await page.request<MonitorSnapshot>('snapshot:get', null);
    expect(first.ok).toBe(true);
    expect(first.value?.servers.map((s) => s.config.url)).toEqual([double.url]);
    expect(Array.isArray(first.value?.jobs)).toBe(true);
    await waitFor('the server online', () =>
      mode.core.snapshot().servers[0]?.state?.health === 'online' ? true : undefined,
    );
    const info = await page.request('app:info', null);
    expect(info).toMatchObject({ ok: true, value: { host: 'browser' } });
  });

  it('runs a sync round trip: jobs:sync, patches showing it run and complete, versions one apart', async () => {
    double.control.setNextSyncOutcome('my-proj', { runMs: 300 });
    const from = page.patches().length;
    const submitted = await page.request<{ jobId: string }>('jobs:sync', { serverId, repository: 'my-proj' });
    expect(submitted).toMatchObject({ ok: true, value: { serverId } });
    const jobId = submitted.value!.jobId;
    await waitFor('the completed job in a patch', () => jobPatch(page.patches(), jobId, 'completed'));
    expectConsecutive(page.patches());
    expect(page.patches().length).toBeGreaterThan(from);
    // The notification was delivered once; a click on it shows the job in the page.
    const banner = await waitFor('the banner', () =>
      notifier.shown.find((b) => String(b.options.title).includes('my-proj')),
    );
    banner.callback?.(null, 'activate', {});
    const shown = await waitFor('app:show-job', () =>
      page.messages.find((m) => m.type === 'event' && m.channel === 'app:show-job'),
    );
    expect(shown).toMatchObject({ payload: { serverId, jobId } });
  });

  it('cancels a running job through jobs:cancel', async () => {
    double.control.setNextSyncOutcome('web-app', { runMs: 60_000 });
    const submitted = await page.request<{ jobId: string }>('jobs:sync', { serverId, repository: 'web-app' });
    const jobId = submitted.value!.jobId;
    await waitFor('the job running', () => jobPatch(page.patches(), jobId, 'running'));
    expect(await page.request('jobs:cancel', { serverId, jobId })).toEqual({ ok: true, value: null });
    await waitFor('the job cancelled', () => jobPatch(page.patches(), jobId, 'cancelled'));
  });

  it('opens a job in the server web UI only through the host', async () => {
    expect(await page.request('open:job', { serverId, jobId: 'abc' })).toEqual({ ok: true, value: null });
    expect(opened).toEqual([`${double.url}/admin/jobs?search=abc`]);
  });

  it('answers malformed messages with a failure and keeps the connection', async () => {
    expect((await page.send('not json {', null)).result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-message' },
    });
    const badPayload = await page.request('jobs:cancel', { serverId: 5 });
    expect(badPayload).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await page.request('no:such', null)).toMatchObject({
      ok: false,
      error: { kind: 'unknown-channel' },
    });
    const notRequest = await page.send(JSON.stringify({ type: 'event', id: 99, channel: 'core:patch' }), 99);
    expect(notRequest.result).toMatchObject({ ok: false, error: { kind: 'invalid-message' } });
    expect(page.ws.readyState).toBe(WebSocket.OPEN);
    expect((await page.request('snapshot:get', null)).ok).toBe(true);
  });

  it('drops a message over the size limit by closing that socket only; the page reconnects', async () => {
    const big = await BridgeClient.open(mode);
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.ws.send(
      JSON.stringify({ type: 'request', id: 1, channel: 'jobs:focus', payload: 'x'.repeat(300_000) }),
    );
    expect(await closed).toBe(1009);
    expect((await page.request('snapshot:get', null)).ok).toBe(true);
  });

  it('shows a gap to a page that was away, and a snapshot resyncs it', async () => {
    const away = await BridgeClient.open(mode);
    double.control.setNextSyncOutcome('docs', { runMs: 200 });
    await page.request('jobs:sync', { serverId, repository: 'docs' });
    await waitFor('a patch seen by the away page', () => (away.patches().length > 0 ? true : undefined));
    const lastSeen = away.patches().at(-1)!.version;
    await away.close();

    // While it is away the job runs and completes.
    const docsDone = () =>
      mode.core.snapshot().jobs.find((j) => j.repository === 'docs' && j.job.status === 'completed');
    await waitFor('the docs sync completed', docsDone);
    const back = await BridgeClient.open(mode);
    const snapshot = (await back.request<MonitorSnapshot>('snapshot:get', null)).value!;
    expect(snapshot.version).toBeGreaterThan(lastSeen); // at least the completion was missed
    expect(snapshot.jobs.some((j) => j.job.id === docsDone()!.job.id)).toBe(true);
    // From here the page follows patches again: the next one continues the snapshot.
    double.control.setNextSyncOutcome('my-proj', { runMs: 200 });
    await back.request('jobs:sync', { serverId, repository: 'my-proj' });
    const next = await waitFor('a patch after the snapshot', () =>
      back.patches().find((p) => p.version > snapshot.version),
    );
    expect(next.version).toBe(snapshot.version + 1);
    await back.close();
  });

  it('never writes the token to its log', () => {
    expect(logLines.join('\n')).not.toContain(mode.server.token);
  });
});
