/**
 * `--json` output: indented JSON with the job's times as ISO 8601 strings ("2026-11-29T22:05:00.000Z"),
 * which is what `jq`, spreadsheets and other tools read as times; epoch milliseconds are not.
 * Durations (`etaMs`) stay numbers of milliseconds.
 */
import type { CliIo } from '../io';
import { println } from '../io';

const TIME_KEYS = new Set(['createdAt', 'startedAt', 'completedAt']);

const isoTimes = (key: string, value: unknown): unknown =>
  TIME_KEYS.has(key) && typeof value === 'number' && Number.isFinite(value)
    ? new Date(value).toISOString()
    : value;

export function printJson(io: CliIo, value: unknown): void {
  println(io.stdout, JSON.stringify(value, isoTimes, 2));
}
