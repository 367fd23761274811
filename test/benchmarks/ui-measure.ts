/**
 * What the UI benchmark measures in the page: frame times (requestAnimationFrame deltas),
 * long tasks (PerformanceObserver 'longtask'), and the JS heap through the DevTools protocol.
 * Page code is a string for the same reason as in ui-bridge.ts.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  p50FrameMs: number;
  p95FrameMs: number;
  p99FrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  longTaskMs: number;
}

interface RawMeasure {
  deltas: number[];
  longTasks: number;
  longTaskMs: number;
}

/** Records for `durationMs`; while it runs, the grid is scrolled a page every `scrollEveryMs`. */
const MEASURE_SCRIPT = `
(async ({ durationMs, scrollEveryMs }) => {
  const deltas = [];
  let longTasks = 0;
  let longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks += 1;
      longTaskMs += entry.duration;
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const scroller = document.querySelector('.job-grid__scroll');
  let direction = 1;
  const scrolling = scrollEveryMs > 0 && scroller
    ? setInterval(() => {
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) direction = -1;
        if (scroller.scrollTop <= 0) direction = 1;
        scroller.scrollTop += direction * scroller.clientHeight;
      }, scrollEveryMs)
    : null;
  await new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    const frame = (time) => {
      deltas.push(time - last);
      last = time;
      if (time - start < durationMs) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  if (scrolling) clearInterval(scrolling);
  observer.disconnect();
  return { deltas: deltas.slice(1), longTasks, longTaskMs };
})
`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function measureFrames(
  page: Page,
  durationMs: number,
  scrollEveryMs: number,
): Promise<FrameStats> {
  const raw = (await page.evaluate(
    `${MEASURE_SCRIPT}(${JSON.stringify({ durationMs, scrollEveryMs })})`,
  )) as RawMeasure;
  const sorted = [...raw.deltas].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    p50FrameMs: round(percentile(sorted, 50)),
    p95FrameMs: round(percentile(sorted, 95)),
    p99FrameMs: round(percentile(sorted, 99)),
    maxFrameMs: round(sorted.at(-1) ?? NaN),
    longTasks: raw.longTasks,
    longTaskMs: Math.round(raw.longTaskMs),
  };
}

/** JS heap in use, MB, after a forced garbage collection (what stays, not what is pending). */
export async function heapUsedMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return round(used / (1024 * 1024));
}
