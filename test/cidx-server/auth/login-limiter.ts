/**
 * HEAD login rate limiting (cidx-api.md §1.6), per username and before the password check:
 * a token bucket (10, one back every 6 s) and a lockout (5 failures in 15 min lock 15 min).
 */
const BUCKET_CAPACITY = 10;
const REFILL_MS = 6_000;
const LOCKOUT_FAILURES = 5;
const LOCKOUT_WINDOW_MS = 15 * 60_000;
const LOCKOUT_MS = 15 * 60_000;

export type LimiterVerdict =
  { allowed: true } | { allowed: false; detail: string; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class LoginLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly failures = new Map<string, number[]>();
  private readonly lockedUntil = new Map<string, number>();

  /** Called before the password check; spends one bucket token. */
  admit(username: string, nowMs: number): LimiterVerdict {
    const bucket = this.refill(username, nowMs);
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil((REFILL_MS - (nowMs - bucket.updatedAt)) / 1000));
      return {
        allowed: false,
        detail: 'Too many login attempts. Please try again later.',
        retryAfterSeconds,
      };
    }
    bucket.tokens -= 1;
    const until = this.lockedUntil.get(username) ?? 0;
    if (until > nowMs) {
      // Python int() of the remaining seconds: 899 right after locking (captured).
      const seconds = Math.max(1, Math.floor((until - nowMs - 1) / 1000));
      return {
        allowed: false,
        detail: `account_locked: Too many failed attempts. Try again in ${seconds} seconds.`,
        retryAfterSeconds: seconds,
      };
    }
    return { allowed: true };
  }

  recordFailure(username: string, nowMs: number): void {
    const recent = (this.failures.get(username) ?? []).filter((t) => nowMs - t < LOCKOUT_WINDOW_MS);
    recent.push(nowMs);
    if (recent.length >= LOCKOUT_FAILURES) {
      this.lockedUntil.set(username, nowMs + LOCKOUT_MS);
      this.failures.delete(username);
      return;
    }
    this.failures.set(username, recent);
  }

  /** A successful login refunds its bucket token and forgets past failures. */
  recordSuccess(username: string): void {
    const bucket = this.buckets.get(username);
    if (bucket) bucket.tokens = Math.min(BUCKET_CAPACITY, bucket.tokens + 1);
    this.failures.delete(username);
  }

  /** In-memory state: a restart forgets it. */
  reset(): void {
    this.buckets.clear();
    this.failures.clear();
    this.lockedUntil.clear();
  }

  private refill(username: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(username) ?? { tokens: BUCKET_CAPACITY, updatedAt: nowMs };
    const gained = Math.floor((nowMs - bucket.updatedAt) / REFILL_MS);
    if (gained > 0) {
      bucket.tokens = Math.min(BUCKET_CAPACITY, bucket.tokens + gained);
      bucket.updatedAt += gained * REFILL_MS;
    }
    if (bucket.tokens >= BUCKET_CAPACITY) bucket.updatedAt = nowMs;
    this.buckets.set(username, bucket);
    return bucket;
  }
}
