import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CidxTrayApi } from '../../../preload/api';

const exposed = new Map<string, unknown>();
const invoked: { channel: string; payload: unknown }[] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>,
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      return { ok: true, value: null };
    },
    on(channel: string, listener: (...args: unknown[]) => void) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return this;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return this;
    },
  },
}));

const { ipcTransport } = await import('../../../preload/index');
type Api = CidxTrayApi;

beforeEach(() => {
  invoked.length = 0;
});

describe('the preload', () => {
  it('exposes one API object of intentions and nothing generic', () => {
    expect([...exposed.keys()]).toEqual(['cidxTray']);
    const api = exposed.get('cidxTray') as Record<string, unknown>;
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('send');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('turns intentions into contract requests', async () => {
    const api = exposed.get('cidxTray') as Api;
    await api.jobs.cancel({ serverId: 'work', jobId: 'job-1' });
    expect(invoked).toEqual([{ channel: 'jobs:cancel', payload: { serverId: 'work', jobId: 'job-1' } }]);
  });

  it('passes only the payload to listeners, and removes them', () => {
    const api = exposed.get('cidxTray') as Api;
    const seen: unknown[] = [];
    const stop = api.onShowJob((ref) => seen.push(ref));
    for (const listener of listeners.get('app:show-job') ?? [])
      listener({ sender: 'secret' }, { serverId: 's', jobId: 'j' });
    stop();
    expect(listeners.get('app:show-job')?.size).toBe(0);
    expect(seen).toEqual([{ serverId: 's', jobId: 'j' }]);
  });

  it('refuses channels outside the contract', () => {
    const transport = ipcTransport as unknown as {
      invoke(c: string, p: unknown): unknown;
      on(c: string, l: () => void): unknown;
    };
    expect(() => transport.invoke('electron-store-get-data', null)).toThrow(/Not a CIDX Tray request/);
    expect(() => transport.on('some-event', () => {})).toThrow(/Not a CIDX Tray event/);
  });
});
