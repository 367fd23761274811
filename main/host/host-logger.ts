/** The host's log: one line per event on stderr, so stdout keeps just the page address. */
import type { LogFields, Logger } from '../core/cidx/logger';

export interface LineSink {
  write(line: string): unknown;
}

function formatFields(fields?: LogFields): string {
  if (!fields) return '';
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

export function createLineLogger(sink: LineSink = process.stderr, options: { debug?: boolean } = {}): Logger {
  const line = (level: string) => (message: string, fields?: LogFields) => {
    sink.write(`${new Date().toISOString()} ${level} ${message}${formatFields(fields)}\n`);
  };
  return {
    debug: options.debug ? line('debug') : () => {},
    info: line('info'),
    warn: line('warn'),
  };
}
