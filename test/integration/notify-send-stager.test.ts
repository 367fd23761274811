/**
 * The staged notify-send (main/desktop-notifications/notify-send-stager.ts) with a stand-in
 * `notify-send` on PATH that records its arguments: a staged banner shows only when released, a
 * process killed with SIGKILL before the release shows nothing, and one killed right after it
 * shows the banner once. The real daemon's side is in notifications-dunst.test.ts.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNotifySendStager,
  notifySendArguments,
} from '../../main/desktop-notifications/notify-send-stager';

const STAGER = fileURLToPath(
  new URL('../../main/desktop-notifications/notify-send-stager.ts', import.meta.url),
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notify-send, staged', () => {
  let dir: string;
  let log: string;
  const savedPath = process.env.PATH;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cidx-stager-'));
    log = join(dir, 'shown.log');
    // One line per banner: its arguments separated by '|'.
    const fake = join(dir, 'notify-send');
    writeFileSync(fake, `#!/bin/sh\nIFS='|'\necho "$*" >> "${log}"\n`);
    chmodSync(fake, 0o755);
    process.env.PATH = `${dir}:${savedPath ?? ''}`;
  });

  afterAll(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  const shown = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

  /** A Node process that stages one banner and kills itself with SIGKILL, before or after the release. */
  async function stageAndDie(moment: 'before-release' | 'after-release'): Promise<void> {
    const script = `
      const { createNotifySendStager } = await import(${JSON.stringify(STAGER)});
      const release = createNotifySendStager().stage({ title: ${JSON.stringify(moment)}, message: 'body' });
      if (${JSON.stringify(moment)} === 'after-release') release();
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: process.env,
      stdio: 'ignore',
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
  }

  it('shows a staged banner only once it is released, with the arguments notify-send takes', async () => {
    rmSync(log, { force: true });
    const outcomes: unknown[] = [];
    const release = createNotifySendStager().stage(
      {
        title: 'Sync of web-app failed',
        message: 'line one\nline two',
        'app-name': 'CIDX Tray',
        urgency: 'normal',
        timeout: 10,
      },
      (error) => outcomes.push(error),
    );
    await sleep(300);
    expect(shown()).toEqual([]);
    release();
    for (let waited = 0; outcomes.length === 0 && waited < 5_000; waited += 50) await sleep(50);
    expect(outcomes).toEqual([null]);
    expect(readFileSync(log, 'utf8')).toBe(
      '--app-name=CIDX Tray|--urgency=normal|--expire-time=10000|Sync of web-app failed|line one\nline two\n',
    );
  });

  it('a process killed before the release shows nothing; killed right after it, the banner once', async () => {
    rmSync(log, { force: true });
    await stageAndDie('before-release');
    await sleep(500);
    expect(shown()).toEqual([]);
    await stageAndDie('after-release');
    for (let waited = 0; shown().length === 0 && waited < 5_000; waited += 50) await sleep(50);
    await sleep(200);
    expect(shown()).toEqual(['after-release|body']);
  });

  it('reports a notify-send that fails, with its words', async () => {
    const failing = join(dir, 'failing');
    mkdirSync(failing);
    writeFileSync(
      join(failing, 'notify-send'),
      '#!/bin/sh\necho "Cannot connect to the notification service" >&2\nexit 1\n',
    );
    chmodSync(join(failing, 'notify-send'), 0o755);
    const outcomes: unknown[] = [];
    process.env.PATH = `${failing}:${savedPath ?? ''}`;
    try {
      createNotifySendStager().stage({ title: 't', message: 'm' }, (error) => outcomes.push(error))();
      for (let waited = 0; outcomes.length === 0 && waited < 5_000; waited += 50) await sleep(50);
    } finally {
      process.env.PATH = `${dir}:${savedPath ?? ''}`;
    }
    expect(String(outcomes[0])).toContain('Cannot connect to the notification service');
  });

  it('maps node-notifier-style options to flags, leaving out what is not set', () => {
    expect(
      notifySendArguments({ title: 'T', message: 'M', icon: '/i.png', category: 'transfer.error' }),
    ).toEqual(['--category=transfer.error', '--icon=/i.png', 'T', 'M']);
  });
});
