/**
 * `npm run bench:ui`: the real built renderer in Chromium, fed a synthetic world through a
 * `window.cidxTray` bridge (ui-bridge.ts): 10,000 jobs and 1,000 progress updates a second to
 * the running jobs, while the list is scrolled a page a second. Prints frame times (p95 of the
 * requestAnimationFrame deltas), long tasks and the JS heap. Figures, not a test.
 * Options: --json (one JSON object), --seconds N, --jobs N, --rate N (updates a second).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../e2e/support/chromium';
import { syntheticBridgeScript } from './ui-bridge';
import { heapUsedMb, measureFrames, type FrameStats } from './ui-measure';
import { serveDirectory } from './ui-static';
import { benchTemplates } from './ui-world';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function numberArg(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  const value = index >= 0 ? Number(args[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

interface UiBenchResult {
  jobs: number;
  updatesPerSecond: number;
  seconds: number;
  firstRenderMs: number;
  updatesDelivered: number;
  frame: FrameStats;
  heapAfterLoadMb: number;
  heapAfterUpdatesMb: number;
  chromium: string;
}

async function run(args: string[]): Promise<UiBenchResult> {
  const seconds = numberArg(args, '--seconds', 10);
  const jobCount = numberArg(args, '--jobs', 10_000);
  const rate = numberArg(args, '--rate', 1000);
  const outDir = mkdtempSync(join(tmpdir(), 'cidx-ui-bench-'));
  const browser = await launchChromium();
  try {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--out', outDir], { cwd: ROOT });
    const site = await serveDirectory(join(outDir, 'renderer'));
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const script = syntheticBridgeScript({
        templates: benchTemplates(Date.now()),
        jobCount,
        runningCount: Math.min(200, jobCount),
        updatesPerSecond: rate,
      });
      await page.addInitScript({ content: script });
      const started = performance.now();
      await page.goto(site.url);
      await page.locator('[role="row"][data-job-key="bench/job-000000"]').waitFor({ timeout: 60_000 });
      const firstRenderMs = Math.round(performance.now() - started);
      const heapAfterLoadMb = await heapUsedMb(cdp);

      // The renderer must be listening, or the figures would measure nothing.
      if ((await page.evaluate('window.__bench.listenerCount()')) === 0)
        throw new Error('the renderer never subscribed to patches');
      await page.evaluate('window.__bench.startUpdates()');
      const frame = await measureFrames(page, seconds * 1000, 1000);
      await page.evaluate('window.__bench.stopUpdates()');
      const updatesDelivered = (await page.evaluate('window.__bench.stats.emitted')) as number;
      const heapAfterUpdatesMb = await heapUsedMb(cdp);
      await context.close();
      return {
        jobs: jobCount,
        updatesPerSecond: rate,
        seconds,
        firstRenderMs,
        updatesDelivered,
        frame,
        heapAfterLoadMb,
        heapAfterUpdatesMb,
        chromium: browser.version(),
      };
    } finally {
      await site.close();
    }
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

function describe(result: UiBenchResult): string {
  const { frame } = result;
  return [
    `UI benchmark: ${result.jobs} jobs, ${result.updatesPerSecond} updates/s for ${result.seconds} s, list scrolled a page a second (Chromium ${result.chromium})`,
    `  first render of the snapshot   ${result.firstRenderMs} ms`,
    `  updates delivered              ${result.updatesDelivered} (${Math.round(result.updatesDelivered / result.seconds)}/s)`,
    `  frames                         ${frame.frames} (${Math.round(frame.frames / result.seconds)}/s)`,
    `  frame time p50 / p95 / p99     ${frame.p50FrameMs} / ${frame.p95FrameMs} / ${frame.p99FrameMs} ms (max ${frame.maxFrameMs} ms)`,
    `  long tasks (> 50 ms)           ${frame.longTasks}, ${frame.longTaskMs} ms in total`,
    `  JS heap after load / updates   ${result.heapAfterLoadMb} / ${result.heapAfterUpdatesMb} MB`,
  ].join('\n');
}

const args = process.argv.slice(2);
try {
  const result = await run(args);
  console.log(args.includes('--json') ? JSON.stringify(result) : describe(result));
} catch (error) {
  console.error(`bench:ui: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
