/**
 * A typed fake transport behind the real `createCidxTrayApi`, so tests exercise the renderer's
 * actual API object. Each request channel answers from a handler (override per test); every
 * call is recorded; events and connection changes are pushed by the test.
 */
import type { ContractTransport } from '../../../preload/api';
import { createCidxTrayApi } from '../../../preload/api';
import type { EventChannel, RequestChannel } from '../../../preload/channels';
import type { ContractResult, EventContract, RequestPayload, ResponseValue } from '../../../preload/contract';
import { bridgeOver, installBridge, type Bridge, type ConnectionState } from '../../../renderer/bridge';
import type { MonitorSnapshot } from '../../../preload/views';
import { makeSnapshot } from './fixtures';

type Answer<C extends RequestChannel> =
  ContractResult<ResponseValue<C>> | Promise<ContractResult<ResponseValue<C>>>;
export type Handlers = { [C in RequestChannel]?: (payload: RequestPayload<C>) => Answer<C> };

export interface Call {
  channel: RequestChannel;
  payload: unknown;
}

export const ok = <T,>(value: T) => ({ ok: true as const, value });
export const fail = (kind: string, message: string) => ({ ok: false as const, error: { kind, message } });

export class FakeBridge {
  snapshot: MonitorSnapshot;
  readonly calls: Call[] = [];
  readonly handlers: Handlers = {};
  readonly bridge: Bridge;
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private connectionState: ConnectionState = 'connected';

  constructor(snapshot: MonitorSnapshot = makeSnapshot()) {
    this.snapshot = snapshot;
    const transport: ContractTransport = {
      invoke: <C extends RequestChannel>(channel: C, payload: RequestPayload<C>) => {
        this.calls.push({ channel, payload });
        const handler = this.handlers[channel] as ((p: RequestPayload<C>) => Answer<C>) | undefined;
        if (handler) return Promise.resolve(handler(payload));
        return Promise.resolve(this.defaultAnswer(channel) as ContractResult<ResponseValue<C>>);
      },
      on: <E extends EventChannel>(channel: E, listener: (payload: EventContract[E]) => void) => {
        const set = this.listeners.get(channel) ?? new Set();
        this.listeners.set(channel, set);
        const entry = listener as (payload: unknown) => void;
        set.add(entry);
        return () => set.delete(entry);
      },
    };
    this.bridge = bridgeOver(createCidxTrayApi(transport), 'browser', {
      connectionState: () => this.connectionState,
      onConnectionChange: (listener) => {
        this.connectionListeners.add(listener);
        return () => this.connectionListeners.delete(listener);
      },
    });
  }

  /** Makes this the renderer's bridge. */
  install(): this {
    installBridge(this.bridge);
    return this;
  }

  on<C extends RequestChannel>(channel: C, handler: (payload: RequestPayload<C>) => Answer<C>): this {
    (this.handlers as Record<string, unknown>)[channel] = handler;
    return this;
  }

  emit<E extends EventChannel>(channel: E, payload: EventContract[E]): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(payload);
  }

  setConnection(state: ConnectionState): void {
    this.connectionState = state;
    for (const listener of [...this.connectionListeners]) listener(state);
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.payload);
  }

  private defaultAnswer(channel: RequestChannel): ContractResult<unknown> {
    switch (channel) {
      case 'snapshot:get':
        return ok(structuredClone(this.snapshot));
      case 'settings:get':
        return ok(this.snapshot.settings);
      case 'servers:repositories':
        return ok([]);
      case 'app:info':
        return ok({ version: '0.0.0-test', host: 'browser', platform: 'linux' });
      default:
        return ok(null);
    }
  }
}
