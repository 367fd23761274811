/**
 * The Linux keychain through libsecret's `secret-tool` (GNOME Keyring, KWallet's Secret Service):
 * no native module needed. The value goes in on stdin (`secret-tool store` reads it from there
 * when stdin is not a terminal) and comes out on stdout; it never appears in argv.
 */
import type { SecretStore } from '../stores';
import { firstLine, runCommand } from './run-command';
import { SecretStoreReadError } from './secret-store-error';

export interface LinuxSecretToolStoreOptions {
  /** The program to run; PATH lookup by default. */
  command?: string;
  env?: NodeJS.ProcessEnv;
  /** The `service` attribute every item carries, so ours never mix with other apps'. */
  service?: string;
  timeoutMs?: number;
}

export class LinuxSecretToolStore implements SecretStore {
  private readonly command: string;
  private readonly service: string;

  constructor(private readonly options: LinuxSecretToolStoreOptions = {}) {
    this.command = options.command ?? 'secret-tool';
    this.service = options.service ?? 'cidx-tray';
  }

  private attributes(key: string): string[] {
    return ['service', this.service, 'account', key];
  }

  private run(args: string[], input?: string) {
    return runCommand(this.command, args, {
      input,
      env: this.options.env,
      timeoutMs: this.options.timeoutMs,
    });
  }

  /**
   * True when secret-tool is installed AND a Secret Service answers on D-Bus. A lookup of an
   * absent item exits 1 with nothing on stderr; without a service it prints an error instead.
   */
  async available(): Promise<boolean> {
    const probe = await this.run(['lookup', ...this.attributes('__cidx-tray-probe__')]);
    if (probe.spawnError) return false;
    return probe.code === 0 || (probe.code === 1 && probe.stderr.trim() === '');
  }

  async get(key: string): Promise<string | null> {
    const result = await this.run(['lookup', ...this.attributes(key)]);
    // Exit 1 with a silent stderr is "no such item".
    if (result.code === 1 && result.stderr.trim() === '') return null;
    // Anything else (not installed, no Secret Service, a locked or dismissed keyring) is not
    // "absent": the caller must not take it for a missing key.
    if (result.code !== 0)
      throw new SecretStoreReadError(this.why(result, 'lookup'), this.describe().backend);
    // secret-tool writes the secret as stored (a newline only when stdout is a terminal).
    return result.stdout === '' ? null : result.stdout;
  }

  async set(key: string, value: string): Promise<void> {
    const result = await this.run(['store', `--label=CIDX Tray ${key}`, ...this.attributes(key)], value);
    this.check(result, 'store');
  }

  async delete(key: string): Promise<void> {
    const result = await this.run(['clear', ...this.attributes(key)]);
    if (result.code === 1 && result.stderr.trim() === '') return; // nothing to clear
    this.check(result, 'clear');
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    return { backend: 'libsecret (secret-tool)', protectedAtRest: true };
  }

  private check(result: Awaited<ReturnType<typeof runCommand>>, action: string): void {
    if (result.code === 0) return;
    throw new Error(this.why(result, action));
  }

  private why(result: Awaited<ReturnType<typeof runCommand>>, action: string): string {
    const why =
      result.spawnError ?? `exit ${result.code}${result.stderr ? `: ${firstLine(result.stderr)}` : ''}`;
    return `secret-tool ${action} failed (${why})`;
  }
}
