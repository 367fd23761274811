/**
 * Where the Jobs view's rows and cells are drawn, read from the page as boxes, so the tests can
 * say what a person would see: cells that overlap, text cut short, a gap in the list.
 */
import type { Page } from 'playwright-core';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface RowLayout {
  /** The row's job key, or "head" for the column headings. */
  key: string;
  row: Box;
  cells: Box[];
  /** The status badge's words and whether they are drawn whole (not clipped or ellipsized). */
  status: { text: string; whole: boolean } | null;
}

/** Runs in the page (a string: the node project has no DOM types, and the page needs none). */
const MEASURE_ROWS = `
(() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  // Job rows scroll under the column headings: only what the scroller shows is seen.
  const view = box(document.querySelector('.job-grid__scroll'));
  const clip = (b) => ({
    left: b.left,
    right: b.right,
    top: Math.max(b.top, view.top),
    bottom: Math.min(b.bottom, view.bottom),
  });
  return [...document.querySelectorAll('.job-grid [role="row"].job-row')].flatMap((row) => {
    const job = row.hasAttribute('data-job-key');
    const rowBox = box(row);
    if (job && (rowBox.bottom <= view.top || rowBox.top >= view.bottom)) return [];
    const seen = job ? clip : (b) => b;
    const badge = row.querySelector('.job-row__status .status');
    return [{
      key: row.getAttribute('data-job-key') || 'head',
      row: seen(rowBox),
      cells: [...row.children].map((cell) => seen(box(cell))),
      status: badge
        ? {
            text: badge.textContent,
            whole: badge.scrollWidth <= badge.clientWidth && box(badge).right <= box(badge.parentElement).right + 0.5,
          }
        : null,
    }];
  });
})()
`;

export async function measureRows(page: Page): Promise<RowLayout[]> {
  return (await page.evaluate(MEASURE_ROWS)) as RowLayout[];
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlap(a: Box, b: Box): boolean {
  const slack = 0.5; // sub-pixel rounding of adjacent boxes
  return (
    a.left < b.right - slack &&
    b.left < a.right - slack &&
    a.top < b.bottom - slack &&
    b.top < a.bottom - slack
  );
}

export function inside(inner: Box, outer: Box): boolean {
  const slack = 0.5;
  return (
    inner.left >= outer.left - slack &&
    inner.top >= outer.top - slack &&
    inner.right <= outer.right + slack &&
    inner.bottom <= outer.bottom + slack
  );
}

/** Everything wrong with the drawn rows, in words: an empty list means nothing overlaps or is cut. */
export function layoutProblems(rows: RowLayout[]): string[] {
  const problems: string[] = [];
  for (const { key, row, cells, status } of rows) {
    cells.forEach((cell, i) => {
      if (!inside(cell, row)) problems.push(`${key}: cell ${i + 1} spills out of its row`);
      cells.slice(i + 1).forEach((other, j) => {
        if (overlap(cell, other)) problems.push(`${key}: cells ${i + 1} and ${i + j + 2} overlap`);
      });
    });
    if (status && !status.whole) problems.push(`${key}: status "${status.text}" is cut`);
  }
  for (let i = 1; i < rows.length; i += 1) {
    if (overlap(rows[i - 1]!.row, rows[i]!.row))
      problems.push(`${rows[i - 1]!.key} overlaps ${rows[i]!.key}`);
  }
  return problems;
}
