/** A plain-text table sized to its content; columns never wrap, long cells are cut with "…". */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  maxWidth?: number;
  align?: 'left' | 'right';
}

const width = (text: string): number => [...text].length;

function fit(text: string, max: number | undefined): string {
  if (max === undefined || width(text) <= max) return text;
  return `${[...text].slice(0, max - 1).join('')}…`;
}

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => fit(column.value(row), column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(width(column.header), ...cells.map((line) => width(line[index] ?? ''))),
  );
  const pad = (text: string, index: number): string => {
    const gap = ' '.repeat((widths[index] ?? 0) - width(text));
    return columns[index]?.align === 'right' ? gap + text : text + gap;
  };
  const lines = [
    columns.map((column, index) => pad(column.header, index)),
    ...cells.map((line) => line.map(pad)),
  ];
  return lines.map((line) => line.join('  ').trimEnd()).join('\n');
}
