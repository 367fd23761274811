/**
 * The macOS login keychain through `/usr/bin/security` (no native module).
 *
 * `security add-generic-password` only takes the secret as an argument (`-w` / `-X`), which any
 * local user could read from the process list. To avoid that we start `security -i` (its
 * interactive mode reads commands from stdin) and send the command line there, with the value
 * hex-encoded via `-X` so no quoting of arbitrary characters is needed. Reading is
 * `find-generic-password -w`, whose output is the secret on stdout, again never in argv.
 * Because interactive mode does not report failures through its exit code, a write is verified
 * by reading it back. (This adapter is exercised here only against a stub `security`.)
 */
import type { SecretStore } from '../stores';
import { firstLine, runCommand } from './run-command';
import { SecretStoreReadError } from './secret-store-error';

export interface MacKeychainStoreOptions {
  command?: string;
  env?: NodeJS.ProcessEnv;
  service?: string;
  /** Keychain access may raise a permission dialog, so the default leaves a person time to answer. */
  timeoutMs?: number;
}

/** `security` exit status for "The specified item could not be found in the keychain." */
const ITEM_NOT_FOUND = 44;
/** Keys and service go unquoted into the interactive command line: allow only safe characters. */
const SAFE_TOKEN = /^[A-Za-z0-9._/-]+$/;

export class MacKeychainStore implements SecretStore {
  private readonly command: string;
  private readonly service: string;

  constructor(private readonly options: MacKeychainStoreOptions = {}) {
    this.command = options.command ?? '/usr/bin/security';
    this.service = options.service ?? 'cidx-tray';
    if (!SAFE_TOKEN.test(this.service)) throw new Error(`unsafe keychain service name "${this.service}"`);
  }

  private run(args: string[], input?: string) {
    return runCommand(this.command, args, {
      input,
      env: this.options.env,
      timeoutMs: this.options.timeoutMs ?? 120_000,
    });
  }

  /** True when `security` runs and a default keychain exists. */
  async available(): Promise<boolean> {
    const result = await this.run(['default-keychain']);
    return !result.spawnError && result.code === 0;
  }

  async get(key: string): Promise<string | null> {
    const result = await this.run(['find-generic-password', '-s', this.service, '-a', safeKey(key), '-w']);
    if (result.code === ITEM_NOT_FOUND) return null;
    // Anything else (security missing, a locked keychain, access denied or the dialog cancelled)
    // is not "absent": the caller must not take it for a missing key.
    if (result.code !== 0) {
      throw new SecretStoreReadError(this.why(result, 'find-generic-password'), this.describe().backend);
    }
    // -w prints the secret followed by one newline.
    return result.stdout.endsWith('\n') ? result.stdout.slice(0, -1) : result.stdout;
  }

  async set(key: string, value: string): Promise<void> {
    const hex = Buffer.from(value, 'utf8').toString('hex');
    const line = `add-generic-password -U -s ${this.service} -a ${safeKey(key)} -X ${hex}\n`;
    const result = await this.run(['-i'], line);
    this.check(result, 'add-generic-password');
    if ((await this.get(key)) !== value) {
      throw new Error(
        `security add-generic-password did not store the item (${firstLine(result.stderr) || 'no detail'})`,
      );
    }
  }

  async delete(key: string): Promise<void> {
    const result = await this.run(['delete-generic-password', '-s', this.service, '-a', safeKey(key)]);
    if (result.code === ITEM_NOT_FOUND) return;
    this.check(result, 'delete-generic-password');
  }

  describe(): { backend: string; protectedAtRest: boolean; warning?: string } {
    return { backend: 'macOS Keychain', protectedAtRest: true };
  }

  private check(result: Awaited<ReturnType<typeof runCommand>>, action: string): void {
    if (result.code === 0) return;
    throw new Error(this.why(result, action));
  }

  private why(result: Awaited<ReturnType<typeof runCommand>>, action: string): string {
    const why =
      result.spawnError ?? `exit ${result.code}${result.stderr ? `: ${firstLine(result.stderr)}` : ''}`;
    return `security ${action} failed (${why})`;
  }
}

function safeKey(key: string): string {
  if (!SAFE_TOKEN.test(key)) throw new Error(`unsafe secret key "${key}"`);
  return key;
}
