import { randomUUID } from 'node:crypto';

/**
 * What a fault does to a matching request:
 * - `latency`: answer normally after `latencyMs` of wall time;
 * - `status`: answer `status` (5xx by default 503 with the middleware body), with `retryAfter`;
 * - `reset`: destroy the connection without answering;
 * - `malformed-json` / `truncated-json`: run the route, then corrupt its body;
 * - `hang`: never answer until the fault is cleared.
 */
export type FaultKind = 'latency' | 'status' | 'reset' | 'malformed-json' | 'truncated-json' | 'hang';

export interface FaultInput {
  kind: FaultKind;
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Path prefix to match, e.g. `/api/jobs`. */
  path?: string;
  /** Regular expression source matched against the path. */
  pattern?: string;
  latencyMs?: number;
  status?: number;
  /** Seconds for the `Retry-After` header (and the 503 body's `retry_after`). */
  retryAfter?: number;
  /** A body to send instead of the default for `status`. */
  body?: unknown;
  /** Apply this many times, then disappear. Unlimited when absent. */
  count?: number;
}

export interface FaultRule extends FaultInput {
  id: string;
  /** Times applied so far. */
  hits: number;
}

/** Rules in insertion order; the first one matching a request applies. */
export class FaultBook {
  private rules: FaultRule[] = [];

  add(input: FaultInput): FaultRule {
    if (input.pattern !== undefined) new RegExp(input.pattern); // reject bad patterns early
    const rule: FaultRule = { ...input, id: randomUUID(), hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Finds the rule for this request and counts the hit (removing spent rules). */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.path === undefined || path.startsWith(r.path)) &&
        (r.pattern === undefined || new RegExp(r.pattern).test(path)),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.count !== undefined && rule.hits >= rule.count) this.remove(rule.id);
    return { ...rule };
  }
}
