/**
 * The app's log: `<logs>/cidx-tray.log`, rotated to `cidx-tray.log.1` past ~1 MB. Every line goes
 * through the core's redaction (known secret values, plus bearer tokens, JWTs, API keys and
 * secret-named fields), so no credential lands on disk even when a server echoes one back.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogFields, Logger } from '../core/cidx/logger';
import type { SecretRegistry } from '../core/cidx/redact';
import type { SecretStore } from '../core/config/stores';

export const LOG_FILE_NAME = 'cidx-tray.log';
export const MAX_LOG_BYTES = 1_000_000;

export interface AppLogger extends Logger {
  error(message: string, fields?: LogFields): void;
  readonly path: string;
}

export interface LogFileOptions {
  dir: string;
  secrets: SecretRegistry;
  maxBytes?: number;
  now?: () => number;
  /** Debug lines (every poll) only when asked for: CIDX_TRAY_DEBUG=1. */
  debug?: boolean;
}

/** Each value is redacted before quoting: JSON escaping would hide `"token":"…"` from the patterns. */
function describe(fields: LogFields | undefined, secrets: SecretRegistry): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        ` ${key}=${JSON.stringify(typeof value === 'string' ? secrets.redact(value) : value)}`,
    )
    .join('');
}

export function createLogFile(options: LogFileOptions): AppLogger {
  const path = join(options.dir, LOG_FILE_NAME);
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  const now = options.now ?? Date.now;
  let ready = false;

  function rotateIfFull(): void {
    try {
      if (statSync(path).size >= maxBytes) renameSync(path, `${path}.1`);
    } catch {
      // No log yet: nothing to rotate.
    }
  }

  const write =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      const text = `${options.secrets.redact(message)}${describe(fields, options.secrets)}`;
      const line = options.secrets.redact(`${new Date(now()).toISOString()} ${level} ${text}`);
      try {
        if (!ready) {
          mkdirSync(options.dir, { recursive: true, mode: 0o700 });
          ready = true;
        }
        rotateIfFull();
        appendFileSync(path, `${line.replace(/[\r\n]+/g, ' ')}\n`, { mode: 0o600 });
      } catch {
        // A full or read-only disk must not take the app down with it; stderr still has the line.
        process.stderr.write(`${line}\n`);
      }
    };

  return {
    path,
    debug: options.debug ? write('DEBUG') : () => undefined,
    info: write('INFO'),
    warn: write('WARN'),
    error: write('ERROR'),
  };
}

/** Every secret read or written through the store is remembered, so the log scrubs it by value. */
export function rememberingSecrets(store: SecretStore, registry: SecretRegistry): SecretStore {
  return {
    async get(key) {
      const value = await store.get(key);
      registry.add(value);
      return value;
    },
    async set(key, value) {
      registry.add(value);
      await store.set(key, value);
    },
    delete: (key) => store.delete(key),
    describe: () => store.describe(),
  };
}

/** Uncaught errors are logged (a tray app keeps watching jobs rather than vanish). */
export function logUncaughtErrors(log: AppLogger, target: NodeJS.EventEmitter = process): void {
  const text = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
  target.on('uncaughtException', (error: unknown) => log.error(`uncaught exception: ${text(error)}`));
  target.on('unhandledRejection', (reason: unknown) => log.error(`unhandled rejection: ${text(reason)}`));
}
