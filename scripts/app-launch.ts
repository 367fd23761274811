/**
 * `npm start` / `npm run demo` after the build (scripts/start-app.mjs): opens CIDX Tray.
 *
 * With no server configured (or with --demo) it first starts the demo world — the CIDX server
 * double with live jobs and a throw-away settings folder — so the app has something to show.
 * Then it runs Electron on the built app. Where Electron cannot run (its binary cannot be
 * downloaded, or it dies at once: no display, no sandbox helper) it says why in one sentence
 * and opens browser mode on the same settings instead. Ctrl+C stops everything it started.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoWanted, startDemoWorld } from './demo/demo-world';
import { launchFailure, startChild, stopChild, type RunningChild } from './app-launch/child';
import {
  downloadMemoryPath,
  recentDownloadFailure,
  rememberDownloadFailure,
} from './app-launch/download-memory';
import { electronNeedsDownload, resolveElectronBinary } from './app-launch/resolve-electron';

const root = fileURLToPath(new URL('..', import.meta.url));
/** An Electron that has not died by now has opened the app (see launchFailure). */
const QUICK_EXIT_MS = 5_000;
const BROWSER_HOST = join('main', 'host', 'start.ts');

/** Said once the download failed: how to get the desktop app after all. */
const HOW_TO_GET_ELECTRON =
  "; on a machine that can reach Electron's download host, `npm rebuild electron` installs it, or install a packaged build (npm run package)";

let current: RunningChild | undefined;
let stopSignal: NodeJS.Signals | undefined;

type ElectronRun = { ran: true; code: number } | { ran: false; reason: string };

/** Runs Electron until it ends, or says why it did not start. */
async function runElectron(env: NodeJS.ProcessEnv): Promise<ElectronRun> {
  const needsDownload = electronNeedsDownload(root, env);
  const memory = downloadMemoryPath(root, env);
  if (needsDownload) {
    const failed = recentDownloadFailure(memory, Date.now());
    if (failed)
      return {
        ran: false,
        reason: `could not be downloaded earlier today (${failed.reason})${HOW_TO_GET_ELECTRON}`,
      };
    console.log('Electron is not installed yet; downloading it (about 100 MB, once)…');
  }
  const binary = await resolveElectronBinary(root, env);
  if (!binary.ok) {
    if (needsDownload) rememberDownloadFailure(memory, { at: Date.now(), reason: binary.reason });
    return { ran: false, reason: needsDownload ? `${binary.reason}${HOW_TO_GET_ELECTRON}` : binary.reason };
  }
  if (stopSignal) return { ran: true, code: 0 };
  const electronEnv = { ...env };
  // Set by some parent tools; it would make Electron behave as plain Node and ignore the app.
  delete electronEnv.ELECTRON_RUN_AS_NODE;
  current = startChild(binary.path, ['.'], { cwd: root, env: electronEnv });
  const exit = await current.exited;
  const reason = stopSignal ? undefined : launchFailure(exit, QUICK_EXIT_MS);
  return reason === undefined ? { ran: true, code: exit.code ?? 1 } : { ran: false, reason };
}

async function runBrowserMode(env: NodeJS.ProcessEnv): Promise<number> {
  if (!existsSync(join(root, BROWSER_HOST))) {
    console.error(`Browser mode is not available either: ${BROWSER_HOST} is missing.`);
    return 1;
  }
  current = startChild(process.execPath, ['--import', 'tsx', BROWSER_HOST], { cwd: root, env });
  const exit = await current.exited;
  return exit.code ?? 1;
}

function onStopSignal(signal: NodeJS.Signals): void {
  if (stopSignal) return;
  stopSignal = signal;
  // A terminal's Ctrl+C already reached the child (same process group); a kill of this process
  // alone did not, so pass it on. The demo world closes once the child is gone.
  if (current) void stopChild(current);
}

async function main(argv: string[]): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onStopSignal);
  const demo = (await demoWanted(argv, process.env)) ? await startDemoWorld() : undefined;
  try {
    const env: NodeJS.ProcessEnv = demo ? { ...process.env, ...demo.env } : process.env;
    if (demo) {
      const why = argv.includes('--demo') ? 'Demo mode' : 'No CIDX server is configured yet';
      console.log(`${why}: CIDX Tray watches the built-in demo server at ${demo.serverUrl}.`);
    }
    const electron = stopSignal ? undefined : await runElectron(env);
    if (!electron || electron.ran) return exitCodeAfterStop(electron?.code ?? 0);
    if (stopSignal) return exitCodeAfterStop(0);
    console.log(
      `The desktop app cannot run here (Electron ${electron.reason}), so CIDX Tray opens in browser mode instead.`,
    );
    return exitCodeAfterStop(await runBrowserMode(env));
  } finally {
    await demo?.close();
  }
}

/** 128 + the signal number when stopped by one, as shells report it. */
function exitCodeAfterStop(code: number): number {
  return stopSignal ? 128 + constants.signals[stopSignal] : code;
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Keep-alive handles of the demo world must not hold the terminal once everything has ended.
setTimeout(() => process.exit(code), 100).unref();
