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

/** @electron/fuses' sentinel: the fuse wire follows it in every Electron binary since v12. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron 45's fuses in wire order, with their defaults ('1' on, '0' off): RunAsNode,
 * EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
 */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
const DEFAULT_WIRE = '10110001';

const executable = Buffer.concat([
  Buffer.from(`#!/bin/sh
echo "${STANDIN_EXIT_MESSAGE}" >&2
exit 1
# fuse wire: `),
  Buffer.from(FUSE_SENTINEL),
  Buffer.from([1, DEFAULT_WIRE.length]),
  Buffer.from(DEFAULT_WIRE),
  Buffer.from('\n'),
]);

/** Reads the fuse wire of an Electron binary (or the stand-in): each fuse on, off, or absent. */
export function readFuses(binary: Buffer): Record<(typeof FUSE_NAMES)[number], boolean | undefined> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error('no fuse sentinel in this binary');
  const wire = at + FUSE_SENTINEL.length;
  if (binary[wire] !== 1) throw new Error(`unknown fuse wire version ${binary[wire]}`);
  const length = binary[wire + 1] ?? 0;
  const fuses = {} as Record<(typeof FUSE_NAMES)[number], boolean | undefined>;
  FUSE_NAMES.forEach((name, i) => {
    const state = i < length ? String.fromCharCode(binary[wire + 2 + i]!) : undefined;
    fuses[name] = state === '1' ? true : state === '0' ? false : undefined;
  });
  return fuses;
}

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
