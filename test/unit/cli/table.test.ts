import { describe, expect, it } from 'vitest';
import { renderTable, type Column } from '../../../main/cli/output/table';

interface Row {
  name: string;
  count: number;
}

const columns: Column<Row>[] = [
  { header: 'NAME', value: (row) => row.name },
  { header: 'COUNT', value: (row) => String(row.count), align: 'right' },
];

describe('renderTable', () => {
  it('sizes columns to the widest cell and separates them by two spaces', () => {
    const text = renderTable(
      [
        { name: 'my-proj', count: 3 },
        { name: 'a', count: 1234 },
      ],
      columns,
    );
    expect(text.split('\n')).toEqual(['NAME     COUNT', 'my-proj      3', 'a         1234']);
  });

  it('prints only the header row when there are no rows', () => {
    expect(renderTable([], columns)).toBe('NAME  COUNT');
  });

  it('cuts cells longer than maxWidth with an ellipsis', () => {
    const cut: Column<Row>[] = [{ header: 'NAME', value: (row) => row.name, maxWidth: 6 }, columns[1]!];
    const lines = renderTable([{ name: 'a-very-long-name', count: 1 }], cut).split('\n');
    expect(lines[1]).toBe('a-ver…      1');
    expect(lines[0]).toBe('NAME    COUNT');
  });

  it('measures by characters, so symbols and accents do not break the alignment', () => {
    const status: Column<Row>[] = [
      { header: 'STATUS', value: (row) => row.name },
      { header: 'N', value: (row) => String(row.count) },
    ];
    const lines = renderTable(
      [
        { name: '✓ completed', count: 1 },
        { name: 'café', count: 2 },
      ],
      status,
    ).split('\n');
    expect(lines).toEqual(['STATUS       N', '✓ completed  1', 'café         2']);
  });

  it('never leaves trailing spaces on a line', () => {
    const text = renderTable(
      [{ name: 'x', count: 1 }],
      [columns[1]!, { header: 'NAME', value: (row: Row) => row.name }],
    );
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });
});
