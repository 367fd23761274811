/**
 * Reads one message from a page. A page is untrusted: anything that is not a well-formed
 * request gets a failure answer (with its id when one could be read) and the socket stays up.
 * The payload itself is validated later, by the contract's schema in the request handler.
 */
import type { ContractFailure } from '../../preload/contract';
import type { RequestId } from '../../preload/protocol';

export type ClientMessage =
  | { ok: true; id: RequestId; channel: string; payload: unknown }
  | { ok: false; id: RequestId | null; error: ContractFailure };

const MAX_ID_LENGTH = 100;

function readId(value: unknown): RequestId | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH) return value;
  return null;
}

const invalid = (id: RequestId | null, message: string): ClientMessage => ({
  ok: false,
  id,
  error: { kind: 'invalid-message', message },
});

export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(null, 'The message is not JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return invalid(null, 'The message is not an object.');
  const message = value as Record<string, unknown>;
  const id = readId(message.id);
  if (id === null) return invalid(null, 'The message has no usable id (a safe integer or a short string).');
  if (message.type !== 'request') return invalid(id, 'Only messages of type "request" are accepted.');
  if (typeof message.channel !== 'string') return invalid(id, 'The request names no channel.');
  // A missing payload is the same as null (requests without one are declared `null`).
  return { ok: true, id, channel: message.channel, payload: message.payload ?? null };
}
