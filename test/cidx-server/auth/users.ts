import { seededHex } from '../ids';
import type { Flavor, Role } from '../types';

export interface UserAccount {
  username: string;
  password: string;
  role: Role;
  createdAt: string;
  /** Base32 TOTP secret when MFA is enabled (HEAD only). */
  totpSecret?: string;
  recoveryCodes?: string[];
}

export interface SeededUser {
  username: string;
  password: string;
  role: Role;
  mfa?: boolean;
}

/** The seeded accounts of the double; `carol` (MFA) exists only on HEAD (cidx-api.md §1.1). */
export const SEEDED_USERS: readonly SeededUser[] = [
  { username: 'admin', password: 'admin', role: 'admin' },
  { username: 'alice', password: 'alice-pass', role: 'normal_user' },
  { username: 'bob', password: 'bob-pass', role: 'normal_user' },
  { username: 'carol', password: 'carol-pass', role: 'normal_user', mfa: true },
];

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The user table. Survives restarts (HEAD and v5 both keep users in SQLite). */
export class UserDirectory {
  private readonly users = new Map<string, UserAccount>();

  constructor(flavor: Flavor, seed: string, createdAt: string) {
    for (const user of SEEDED_USERS) {
      if (user.mfa && flavor !== 'head') continue;
      const account: UserAccount = {
        username: user.username,
        password: user.password,
        role: user.role,
        createdAt,
      };
      if (user.mfa) {
        account.totpSecret = [...seededHex(`${seed}:totp:${user.username}`, 32)]
          .map((c) => BASE32[Number.parseInt(c, 16) * 2] ?? 'A')
          .join('');
        account.recoveryCodes = [seededHex(`${seed}:recovery:${user.username}`, 12).toUpperCase()];
      }
      this.users.set(user.username, account);
    }
  }

  get(username: string): UserAccount | undefined {
    return this.users.get(username);
  }

  add(account: UserAccount): boolean {
    if (this.users.has(account.username)) return false;
    this.users.set(account.username, account);
    return true;
  }

  all(): UserAccount[] {
    return [...this.users.values()];
  }
}

/** `User.to_dict()`: {username, role, created_at} (cidx-api.md §1.1). */
export function userDict(user: UserAccount): Record<string, unknown> {
  return { username: user.username, role: user.role, created_at: user.createdAt };
}
