/** Test doubles for the CIDX client units: a fake clock, a scripted fetch and JWT minting. */
import type { Clock, TimerHandle } from '../../../main/core/clock';
import type { FetchLike } from '../../../main/core/cidx/http';
import type { LogFields, Logger } from '../../../main/core/cidx/logger';

export class FakeClock implements Clock {
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  constructor(public current = Date.UTC(2026, 10, 28, 9, 45)) {}

  now(): number {
    return this.current;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, callback });
    return { id };
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers.delete((handle as { id: number }).id);
  }
  pendingTimers(): number {
    return this.timers.size;
  }
  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= target)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = target;
  }
}

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  init: RequestInit;
}

export type Responder = (call: RecordedCall) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

/** A fetch answering "METHOD /path" routes from scripts; each call takes the next responder, the last repeats. */
export class ScriptedFetch {
  readonly calls: RecordedCall[] = [];
  private routes = new Map<string, Responder[]>();

  on(route: string, ...responders: Responder[]): this {
    this.routes.set(route, [...(this.routes.get(route) ?? []), ...responders]);
    return this;
  }
  callsTo(route: string): RecordedCall[] {
    return this.calls.filter((call) => `${call.method} ${call.path}` === route);
  }

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      url: input,
      path: url.pathname,
      headers,
      body,
      init,
    };
    this.calls.push(call);
    const queue = this.routes.get(`${call.method} ${call.path}`);
    if (!queue || queue.length === 0) throw new Error(`unscripted request ${call.method} ${call.path}`);
    const responder = queue.length > 1 ? queue.shift()! : queue[0]!;
    return responder(call);
  };
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** A JWT shaped like CIDX's (§1.2): float exp/iat, HS256 header, fake signature. */
export function makeJwt(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  return `${header}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

export function jwtFor(
  clock: FakeClock,
  lifetimeSeconds = 600,
  username = 'alice',
  role = 'normal_user',
): string {
  const iat = clock.now() / 1000 + 0.167056;
  return makeJwt({
    username,
    role,
    created_at: null,
    exp: iat + lifetimeSeconds,
    iat,
    jti: crypto.randomUUID(),
  });
}

export class MemoryLogger implements Logger {
  readonly lines: { level: string; message: string; fields?: LogFields }[] = [];
  debug = (message: string, fields?: LogFields): void =>
    void this.lines.push({ level: 'debug', message, fields });
  info = (message: string, fields?: LogFields): void =>
    void this.lines.push({ level: 'info', message, fields });
  warn = (message: string, fields?: LogFields): void =>
    void this.lines.push({ level: 'warn', message, fields });
  text(): string {
    return JSON.stringify(this.lines);
  }
}

/** A job body as the server sends it (§9.5). */
export function jobBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: '8b663834-9a18-4378-b460-5259d1ff16fa',
    operation_type: 'sync_repository',
    status: 'running',
    created_at: '2026-11-28T09:44:17.530506+00:00',
    started_at: '2026-11-28T09:44:17.531189+00:00',
    completed_at: null,
    progress: 25,
    result: null,
    error: null,
    username: 'alice',
    current_phase: null,
    phase_detail: null,
    ...overrides,
  };
}

export const API_KEY = 'cidx_sk_78dda893fe1620e3224ac51e0e29d159';
