/**
 * The core benchmark's rows and tables. Pure: numbers in, text out. Every case reports rows of
 * "what was measured, the figure, its target, met or not"; a row without a target is context.
 */

export interface CoreRow {
  /** The case id, as given to --cases. */
  case: string;
  /** What the row measures, e.g. "snapshot() at 10,000 jobs". */
  measure: string;
  /** The figure as printed, e.g. "4,812 ms min / 4,990 ms median". */
  value: string;
  /** The target in words; null for a context row. */
  target: string | null;
  /** null when the row has no target, or nothing was measured to judge it by. */
  met: boolean | null;
}

export interface CaseReport {
  id: string;
  title: string;
  rows: CoreRow[];
  /** Extra lines printed under the summary table (a per-checkpoint table, notes). */
  details: string[];
  /** Raw figures for --json. */
  data: unknown;
}

/** "12,345" */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Milliseconds with sensible precision: 0.042 ms, 4.2 ms, 42 ms, 4,200 ms. */
export function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${int(value)} ms`;
}

export const mb = (bytes: number | null): string =>
  bytes === null ? '-' : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const pct = (fraction: number, digits = 2): string => `${(fraction * 100).toFixed(digits)} %`;

/** Nearest-rank percentile of unsorted samples; null for none. */
export function percentile(samples: readonly number[], fraction: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? null;
}

export const median = (samples: readonly number[]): number | null => percentile(samples, 0.5);

/** Left-aligned columns, two spaces apart, a dashed line under the header. */
export function renderColumns(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...rows.map((row) => row[index]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

const verdict = (met: boolean | null, target: string | null): string =>
  target === null ? '' : met === null ? 'NOT MEASURED' : met ? 'MET' : 'MISSED';

export function renderReport(reports: readonly CaseReport[]): string {
  const rows = reports.flatMap((report) =>
    report.rows.map((row) => [
      row.case,
      row.measure,
      row.value,
      row.target ?? '',
      verdict(row.met, row.target),
    ]),
  );
  const lines = renderColumns(['case', 'measure', 'value', 'target', 'verdict'], rows);
  for (const report of reports) {
    if (report.details.length === 0) continue;
    lines.push('', `${report.id}: ${report.title}`, ...report.details.map((detail) => `  ${detail}`));
  }
  return lines.join('\n');
}
