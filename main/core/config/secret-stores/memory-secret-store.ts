/** Secrets in a Map: for tests and for `CIDX_TRAY_SECRET_STORE=memory` (nothing survives exit). */
import type { SecretStore } from '../stores';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  /** The keys currently held (tests check what was stored or removed). */
  keys(): string[] {
    return [...this.values.keys()];
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    return {
      backend: 'memory',
      protectedAtRest: false,
      warning: 'Secrets are kept in memory only and forgotten on exit',
    };
  }
}
