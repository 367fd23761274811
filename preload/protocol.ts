/**
 * Browser mode's wire protocol: THE contract (preload/contract.ts) carried as JSON over one
 * WebSocket. Shared by the host (main/host) and the page (websocket-transport.ts); types and
 * constants only, so it compiles in both the node and the web project.
 *
 * client -> server  { type: 'request', id, channel, payload }
 * server -> client  { type: 'response', id, result: ContractResult }   (id null: unreadable message)
 *                   { type: 'event', channel, payload }                 ('core:patch', 'app:show-job')
 *
 * Responses and events travel on one ordered socket, so a snapshot answered after patch N
 * already includes N: the renderer drops patches with a version <= its snapshot's.
 */
import type { EventChannel, RequestChannel } from './channels';
import type { ContractResult, EventContract } from './contract';

/** Where the page opens its WebSocket; the token goes in the query (see main/host/request-guard.ts). */
export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';

/**
 * The close code of a bridge connection whose token is missing or wrong. A browser cannot read
 * the HTTP status of a refused upgrade (every failure looks alike), so the host completes the
 * upgrade and closes at once with this code: the page can then tell "open the printed address"
 * from "the host is gone, reconnecting". 4000-4999 are the application's own codes (RFC 6455).
 */
export const TOKEN_REFUSED_CLOSE_CODE = 4401;

/**
 * Where the host serves the tray's drawings (assets/tray, `<name>.png` and `<name>@2x.png`), so
 * a browser-mode tab can show the desktop tray's icon as its favicon.
 */
export const TRAY_ICON_PATH = '/tray-icons/';

/** The largest message either side accepts; the host closes the socket (code 1009) beyond it. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export type RequestId = number | string;

export interface RequestMessage {
  type: 'request';
  id: RequestId;
  channel: RequestChannel;
  payload: unknown;
}

export interface ResponseMessage {
  type: 'response';
  id: RequestId | null;
  result: ContractResult<unknown>;
}

export type EventMessage = {
  [E in EventChannel]: { type: 'event'; channel: E; payload: EventContract[E] };
}[EventChannel];

export type ServerMessage = ResponseMessage | EventMessage;
