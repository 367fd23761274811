import { newUuid, urlSafeToken } from '../ids';

export const REFRESH_LIFETIME_SECONDS = 604_800;
const FAILURE_LIMIT = 10;
const FAILURE_LOCK_MS = 5 * 60_000;

interface RefreshRecord {
  familyId: string;
  username: string;
  expiresAt: number;
  used: boolean;
}

export type RefreshOutcome =
  { ok: true; username: string; refreshToken: string } | { ok: false; status: 401 | 429; detail: string };

/**
 * Rotating refresh tokens grouped in families (cidx-api.md §1.3): every use spends the token;
 * reusing a spent one revokes the whole family; 10 failures per username lock it for 5 minutes.
 */
export class RefreshTokenStore {
  private readonly tokens = new Map<string, RefreshRecord>();
  private readonly revokedFamilies = new Map<string, string>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  issue(username: string, nowMs: number, familyId = newUuid()): string {
    const token = urlSafeToken(64);
    this.tokens.set(token, {
      familyId,
      username,
      expiresAt: nowMs + REFRESH_LIFETIME_SECONDS * 1000,
      used: false,
    });
    return token;
  }

  /** Spends `token` and returns its successor, or the exact CIDX failure. */
  rotate(token: string, nowMs: number): RefreshOutcome {
    const record = this.tokens.get(token);
    const username = record?.username ?? 'unknown';
    const lock = this.failures.get(username);
    if (lock && lock.lockedUntil > nowMs) {
      const minutes = Math.max(1, Math.ceil((lock.lockedUntil - nowMs) / 60_000));
      return { ok: false, status: 429, detail: `Too many failed attempts. Try again in ${minutes} minutes.` };
    }
    const failure = this.check(record, nowMs);
    if (failure) {
      this.recordFailure(username, nowMs);
      return { ok: false, status: 401, detail: failure };
    }
    const live = record as RefreshRecord;
    live.used = true;
    this.failures.delete(username);
    return {
      ok: true,
      username: live.username,
      refreshToken: this.issue(live.username, nowMs, live.familyId),
    };
  }

  /** Legacy /auth/refresh spends the token too but hands back no successor (§1.3). */
  peekUsername(token: string, nowMs: number): string | undefined {
    const record = this.tokens.get(token);
    if (!record || this.check(record, nowMs)) return undefined;
    record.used = true;
    return record.username;
  }

  /** Control: make every refresh token issued so far expired. */
  expireAll(nowMs: number): void {
    for (const record of this.tokens.values()) record.expiresAt = Math.min(record.expiresAt, nowMs);
  }

  private check(record: RefreshRecord | undefined, nowMs: number): string | undefined {
    if (!record) return 'Invalid refresh token';
    const revoked = this.revokedFamilies.get(record.familyId);
    if (revoked) return `Refresh token revoked due to ${revoked}`;
    if (record.used) {
      this.revokedFamilies.set(record.familyId, 'replay_attack');
      return 'Token replay attack detected';
    }
    if (record.expiresAt <= nowMs) return 'Refresh token has expired';
    return undefined;
  }

  private recordFailure(username: string, nowMs: number): void {
    const entry = this.failures.get(username) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= FAILURE_LIMIT) {
      entry.lockedUntil = nowMs + FAILURE_LOCK_MS;
      entry.count = 0;
    }
    this.failures.set(username, entry);
  }
}
