/**
 * Builds the real renderer once for the e2e project, into a throw-away folder (so the project
 * also runs alone, without `npm run build`), and hands its path to the tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built renderer (index.html and assets) the host serves. */
    rendererDir: string;
  }
}

let outDir: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  outDir = mkdtempSync(join(tmpdir(), 'cidx-e2e-build-'));
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--out', outDir], { cwd: REPO_ROOT });
  project.provide('rendererDir', join(outDir, 'renderer'));
}

export function teardown(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
