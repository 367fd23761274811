import { randomBytes } from 'node:crypto';
import { newUuid, seededHex, seededUuid } from '../ids';

export interface ApiKeyRecord {
  keyId: string;
  username: string;
  name: string | null;
  key: string;
  createdAt: string;
}

/** HEAD API keys: `cidx_sk_` + 32 hex characters, no expiry (cidx-api.md §1.4). */
export class ApiKeyStore {
  private readonly keys = new Map<string, ApiKeyRecord>();

  /** One deterministic key per user so the CLI can print it before anyone logs in. */
  seed(seed: string, username: string, createdAt: string): ApiKeyRecord {
    return this.insert({
      keyId: seededUuid(`${seed}:keyid:${username}`),
      username,
      name: 'seeded',
      key: `cidx_sk_${seededHex(`${seed}:apikey:${username}`, 32)}`,
      createdAt,
    });
  }

  create(username: string, name: string | null, createdAt: string): ApiKeyRecord {
    return this.insert({
      keyId: newUuid(),
      username,
      name,
      key: `cidx_sk_${randomBytes(16).toString('hex')}`,
      createdAt,
    });
  }

  findByKey(key: string): ApiKeyRecord | undefined {
    return [...this.keys.values()].find((k) => k.key === key);
  }

  listFor(username: string): ApiKeyRecord[] {
    return [...this.keys.values()].filter((k) => k.username === username);
  }

  delete(username: string, keyId: string): boolean {
    const record = this.keys.get(keyId);
    if (!record || record.username !== username) return false;
    return this.keys.delete(keyId);
  }

  private insert(record: ApiKeyRecord): ApiKeyRecord {
    this.keys.set(record.keyId, record);
    return record;
  }
}
