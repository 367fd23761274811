/**
 * The app's secret store over the CLI's: secrets the CLI stored (keychain or file) are still
 * found, and new ones go to the app's encrypted store.
 *
 * A secret stays where it already lives. The CLI and the app share servers, and HEAD's refresh
 * tokens rotate with replay detection (cidx-api.md §1.3: re-using a rotated token revokes the
 * whole family): if the app wrote a rotated token only to its own store, the CLI would replay
 * the stale one and sign both out. Writing it back where the CLI reads it keeps them in step.
 */
import type { SecretStore } from '../core/config/stores';

export class LayeredSecretStore implements SecretStore {
  constructor(
    private readonly app: SecretStore,
    private readonly shared: SecretStore,
  ) {}

  async get(key: string): Promise<string | null> {
    return (await this.app.get(key)) ?? (await this.shared.get(key));
  }

  async set(key: string, value: string): Promise<void> {
    if ((await this.app.get(key)) === null && (await this.shared.get(key)) !== null) {
      return this.shared.set(key, value);
    }
    return this.app.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.app.delete(key);
    await this.shared.delete(key);
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    return this.app.describe();
  }
}
