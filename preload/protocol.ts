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

/** Where the page opens its WebSocket; the token goes in the query (see main/host/upgrade-guard.ts). */
export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';

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
