/**
 * The ONE adapter between the renderer and the contract (style.md §8). In Electron the preload
 * exposes `window.cidxTray` (the API object over IPC); in browser mode the same API object is
 * built over a WebSocket. Tests install a bridge built over a typed fake transport with
 * `installBridge`, so they exercise the real API object.
 */
import { createCidxTrayApi, type CidxTrayApi } from '../../preload/api';
import type { ConnectionState } from './connectionState';
import { createWebSocketTransport } from './websocket-transport';

export type { ConnectionState } from './connectionState';

export interface Bridge {
  api: CidxTrayApi;
  mode: 'electron' | 'browser';
  connection(): ConnectionState;
  /** Returns the unsubscribe. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    cidxTray?: CidxTrayApi;
  }
}

/** A transport that can say whether it is connected (browser mode's WebSocket does). */
export interface ConnectionReporter {
  connectionState?(): ConnectionState;
  onConnectionChange?(listener: (state: ConnectionState) => void): () => void;
}

/** Wraps an API object (and what its transport reports) as a bridge. */
export function bridgeOver(
  api: CidxTrayApi,
  mode: Bridge['mode'],
  reporter: ConnectionReporter = {},
): Bridge {
  return {
    api,
    mode,
    connection: () => reporter.connectionState?.() ?? 'connected',
    onConnectionChange: (listener) => reporter.onConnectionChange?.(listener) ?? (() => {}),
  };
}

let current: Bridge | null = null;

function createDefaultBridge(): Bridge {
  if (typeof window !== 'undefined' && window.cidxTray) return bridgeOver(window.cidxTray, 'electron');
  const transport = createWebSocketTransport();
  return bridgeOver(createCidxTrayApi(transport), 'browser', transport);
}

/** The bridge, created on first use. */
export function getBridge(): Bridge {
  current ??= createDefaultBridge();
  return current;
}

/** The API of intentions; every command and load goes through here. */
export function bridgeApi(): CidxTrayApi {
  return getBridge().api;
}

/** Tests (and only tests) swap the bridge for one built over a fake transport. */
export function installBridge(bridge: Bridge | null): void {
  current = bridge;
}
