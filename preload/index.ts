/**
 * The sandboxed preload: exposes ONE object of intentions, `window.cidxTray`, built by the shared
 * `createCidxTrayApi` over IPC. Nothing generic crosses the bridge: no ipcRenderer, no send(channel);
 * only the contract's channels can be invoked or listened to.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createCidxTrayApi, type ContractTransport } from './api';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from './channels';

const requests: readonly string[] = REQUEST_CHANNELS;
const events: readonly string[] = EVENT_CHANNELS;

export const ipcTransport: ContractTransport = {
  invoke(channel, payload) {
    if (!requests.includes(channel)) throw new Error(`Not a CIDX Tray request: ${String(channel)}`);
    return ipcRenderer.invoke(channel, payload);
  },
  on(channel, listener) {
    if (!events.includes(channel)) throw new Error(`Not a CIDX Tray event: ${String(channel)}`);
    // The IPC event object (with its sender) never reaches the page; only the payload does.
    const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('cidxTray', createCidxTrayApi(ipcTransport));
