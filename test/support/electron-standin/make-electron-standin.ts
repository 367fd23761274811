/**
 * A stand-in for Electron's unpacked distribution: the files electron-builder copies around the
 * app (`-c.electronDist=<dir>`), and an `electron` executable that says it is not Electron and
 * exits 1 at once (what a launcher sees when Electron cannot start). Electron's real zip cannot
 * be downloaded on these machines (testing.md, "Packaging").
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Electron version package.json pins; electron-builder reads it from the `version` file. */
const STANDIN_ELECTRON_VERSION = '45.5.0';

const STANDIN_EXIT_MESSAGE = 'electron stand-in: this is not Electron, it cannot open a window';

const executable = `#!/bin/sh
echo "${STANDIN_EXIT_MESSAGE}" >&2
exit 1
`;

/** Creates the stand-in folder in a fresh temporary directory and returns its path. */
export function makeElectronStandin(parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'electron-standin-'));
  writeFileSync(join(dir, 'electron'), executable);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), STANDIN_ELECTRON_VERSION);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license (MIT).\n');
  mkdirSync(join(dir, 'resources'));
  mkdirSync(join(dir, 'locales'));
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}
