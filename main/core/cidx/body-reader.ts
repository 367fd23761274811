/** Reads a response body as text without ever holding more than the size limit in memory. */
import type { FetchAnswer } from './http';

/** Thrown (and caught in http.ts) when an answer is larger than allowed. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response larger than ${limitBytes} bytes`);
  }
}

/** Default limit on one answer: job lists of 50 items are a few tens of KiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Stops a body nobody will read: the transport may close the connection instead of draining it. */
async function discard(body: AsyncIterable<Uint8Array> | null): Promise<void> {
  await body?.[Symbol.asyncIterator]().return?.();
}

/** The body as UTF-8 text; rejects with `ResponseTooLargeError` past `limitBytes`. */
export async function readBodyLimited(response: FetchAnswer, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await discard(response.body).catch(() => undefined);
    throw new ResponseTooLargeError(limitBytes);
  }
  if (!response.body) return '';
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  // Leaving the loop early (the throw below) ends the body's iterator, which cancels the stream.
  for await (const chunk of response.body) {
    received += chunk.byteLength;
    if (received > limitBytes) throw new ResponseTooLargeError(limitBytes);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
