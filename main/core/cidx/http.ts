/**
 * One server's HTTP session: URL building, timeout, size limit, JSON and schema checks, and the
 * mapping of every failure to a `CidxFailure`. Knows nothing about auth beyond a bearer value.
 */
import type { z } from 'zod';
import type { Clock } from '../clock';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CidxFailure } from './failure';
import type { Logger } from './logger';
import type { SecretRegistry } from './redact';
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, readBodyLimited } from './body-reader';
import { parseJsonBody, validateBody } from './json-body';
import { failureFromResponse } from './response-failure';
import { failureFromTransportError } from './transport-errors';

/** A header lookup: `Headers`, or anything with its `get`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * What the client reads of an answer: its status, headers and body bytes. A WHATWG `Response`
 * is one; node-http-fetch.ts hands Node's own answer over without building one (loading
 * Response, Headers and web streams is a cost every `cidx-jobs` run would pay).
 */
export interface FetchAnswer {
  status: number;
  headers: HeaderLookup;
  body: AsyncIterable<Uint8Array> | null;
}

/** The injected transport: Electron's net.fetch in the app, undici's fetch or Node's own elsewhere (design.md). */
export type FetchLike = (input: string, init: RequestInit) => Promise<FetchAnswer>;

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpSettings {
  /** A URL already checked by `validateServerUrl`. */
  baseUrl: string;
  fetch: FetchLike;
  clock: Clock;
  secrets: SecretRegistry;
  logger: Logger;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Starts with '/'; path segments from callers are already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  bearer?: string;
}

export interface HttpAnswer {
  status: number;
  headers: HeaderLookup;
  text: string;
}

/** A decoded success: the status (some calls care: 200 vs 202) and the validated body. */
export interface Decoded<T> {
  status: number;
  value: T;
}

class TimeoutSignal extends Error {}

const formatBytes = (bytes: number): string => {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : [bytes / 1024, 'KiB'];
  return `${Number(value.toFixed(1))} ${unit}`;
};

export class HttpSession {
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly secrets: SecretRegistry;
  readonly logger: Logger;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(settings: HttpSettings) {
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = settings.fetch;
    this.clock = settings.clock;
    this.secrets = settings.secrets;
    this.logger = settings.logger;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** Send one request and read its whole body (any status). Fails only when no complete answer came. */
  async send(request: HttpRequest): Promise<Result<HttpAnswer, CidxFailure>> {
    const started = this.clock.now();
    const label = `${request.method} ${request.path}`;
    const controller = new AbortController();
    let timedOut = false;
    let rejectOnTimeout: (reason: unknown) => void = () => undefined;
    const timeout = new Promise<never>((_, reject) => (rejectOnTimeout = reject));
    timeout.catch(() => undefined);
    // Our own timer (not AbortSignal.timeout) so the injected clock drives it, and racing it
    // means even a transport that ignores the signal cannot hang a poll.
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
      rejectOnTimeout(new TimeoutSignal());
    }, this.timeoutMs);
    try {
      const response = await Promise.race([
        this.fetchImpl(this.url(request), this.init(request, controller)),
        timeout,
      ]);
      const text = await Promise.race([readBodyLimited(response, this.maxResponseBytes), timeout]);
      this.logger.debug(`${label} -> ${response.status}`, { ms: this.clock.now() - started });
      return ok({ status: response.status, headers: response.headers, text });
    } catch (error) {
      const failure = this.transportFailure(error, timedOut);
      this.logger.debug(`${label} failed: ${failure.kind}`, { ms: this.clock.now() - started });
      return err(failure);
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

  /** Send, then map non-2xx to a failure, parse JSON and validate it with `schema`. */
  async json<S extends z.ZodType>(
    request: HttpRequest,
    schema: S,
  ): Promise<Result<Decoded<z.infer<S>>, CidxFailure>> {
    const answer = await this.send(request);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    if (status < 200 || status >= 300) return err(this.failureFor(answer.value));
    const what = `${request.method} ${request.path}`;
    const parsed = parseJsonBody(text, what);
    if (!parsed.ok) return err({ ...parsed.error, status });
    const valid = validateBody(schema, parsed.value, what);
    if (!valid.ok) return err({ ...valid.error, status });
    return ok({ status, value: valid.value });
  }

  /** The failure for an error answer (its JSON body parsed leniently: proxies send HTML). */
  failureFor(answer: HttpAnswer): CidxFailure {
    let body: unknown = answer.text === '' ? undefined : answer.text;
    try {
      body = JSON.parse(answer.text);
    } catch {
      // Not JSON: keep the text; response-failure decides whether it is worth showing.
    }
    return failureFromResponse(
      { status: answer.status, headers: answer.headers, body },
      this.secrets,
      this.clock.now(),
    );
  }

  private transportFailure(error: unknown, timedOut: boolean): CidxFailure {
    if (timedOut || error instanceof TimeoutSignal) {
      return {
        kind: 'timeout',
        message: `${this.baseUrl} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
      };
    }
    if (error instanceof ResponseTooLargeError) {
      return {
        kind: 'unexpected-response',
        message: `The answer of ${this.baseUrl} was larger than ${formatBytes(error.limitBytes)}; stopped reading it.`,
      };
    }
    return failureFromTransportError(error, this.baseUrl, this.secrets);
  }

  private url(request: HttpRequest): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const query = params.toString();
    return `${this.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  private init(request: HttpRequest, controller: AbortController): RequestInit {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.bearer !== undefined) headers.authorization = `Bearer ${request.bearer}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
      // No cookies at all: HEAD lets a `session` cookie override the Bearer token (§1.4), and
      // Electron's net.fetch would otherwise send the session's cookie jar.
      credentials: 'omit',
      // A redirect is reported, not followed: following could carry a POST or a token elsewhere.
      redirect: 'manual',
    };
  }
}
