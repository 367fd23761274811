/**
 * The persistence seams each host fills: electron-store + safeStorage in the app,
 * `conf` + the OS keychain (or a private file) in the CLI and browser mode, memory in tests.
 */

/** A secret store keyed by name (see `secretKeys`). Values never reach logs or settings. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** How well secrets are protected here, said to the person (e.g. Linux `basic_text`). */
  describe(): { backend: string; protectedAtRest: boolean; warning?: string };
}

/** A small JSON document store (settings, server list, ledgers). Writes are atomic. */
export interface DocumentStore<T> {
  read(): T;
  write(value: T): void;
  /**
   * Reads again from where the document lives, for documents another process may write too
   * (the CLI and the tray app share the submission ledger).
   */
  reload?(): T;
  /** Whether `reload` would read anything new; without it, every reload is assumed to. */
  changed?(): boolean;
}
