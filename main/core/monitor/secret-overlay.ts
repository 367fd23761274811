/**
 * A secret store for "Test connection": it answers from the credentials just typed, falls back
 * to the real store (an edited server keeps its saved password), and keeps every write (a
 * rotated refresh token) in memory. Nothing reaches the real store.
 */
import type { SecretStore } from '../config/stores';

export function secretOverlay(
  base: SecretStore | null,
  typed: Readonly<Record<string, string>>,
): SecretStore {
  const values = new Map(Object.entries(typed));
  const deleted = new Set<string>();
  return {
    async get(key) {
      if (values.has(key)) return values.get(key)!;
      if (deleted.has(key) || !base) return null;
      return base.get(key);
    },
    async set(key, value) {
      deleted.delete(key);
      values.set(key, value);
    },
    async delete(key) {
      values.delete(key);
      deleted.add(key);
    },
    describe: () => ({ backend: 'memory (connection test)', protectedAtRest: false }),
  };
}
