/** The CLI's window on the world, injected so tests run commands in-process and read what they print. */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Resolves on Ctrl+C (SIGINT); tests resolve it themselves. */
  interrupted: Promise<void>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Opened when a command reads it (a secret, say): most never do, and opening costs a start.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    interrupted: new Promise((resolve) => process.once('SIGINT', () => resolve())),
  };
}

export const println = (stream: Writable, line = ''): void => {
  stream.write(`${line}\n`);
};
