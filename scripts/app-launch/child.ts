/** Starting a child that shares the terminal, and reading how it ended. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the child could not be started at all (missing or not executable). */
  error?: Error;
  afterMs: number;
}

export interface RunningChild {
  child: ChildProcess;
  exited: Promise<ChildExit>;
}

/** Spawns with the terminal inherited, so the child's own messages reach the person. */
export function startChild(command: string, args: string[], options: SpawnOptions): RunningChild {
  const started = performance.now();
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const exited = new Promise<ChildExit>((resolve) => {
    const afterMs = () => Math.round(performance.now() - started);
    // 'error' without 'exit' means it never ran; both may fire, the first one wins.
    child.once('error', (error) => resolve({ code: null, signal: null, error, afterMs: afterMs() }));
    child.once('exit', (code, signal) => resolve({ code, signal, afterMs: afterMs() }));
  });
  return { child, exited };
}

/**
 * Why an Electron run counts as "did not start" (completing "Electron …"), or undefined when it
 * ran. A failing Electron
 * (no display, a sandbox helper without its setuid bit, a missing library) dies within moments;
 * a quick exit with code 0 is a normal hand-over to an instance that is already running.
 */
export function launchFailure(exit: ChildExit, quickExitMs: number): string | undefined {
  if (exit.error) return `could not be started: ${exit.error.message}`;
  if (exit.afterMs >= quickExitMs) return undefined;
  if (exit.signal) return `was stopped by ${exit.signal} within ${seconds(quickExitMs)}`;
  if (exit.code !== 0) return `exited with code ${exit.code} within ${seconds(quickExitMs)}`;
  return undefined;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Asks a child to stop, and insists if it has not after a grace period. */
export function stopChild(running: RunningChild, graceMs = 5_000): Promise<ChildExit> {
  const { child } = running;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const insist = setTimeout(() => child.kill('SIGKILL'), graceMs);
    insist.unref();
    void running.exited.then(() => clearTimeout(insist));
  }
  return running.exited;
}
