/**
 * A private desktop for notification tests: its own D-Bus session bus, an Xvfb display and a
 * dunst daemon whose rule runs a script for every notification it receives, appending
 * (appname, summary, body, icon, urgency) to a log, one base64-encoded field per column. Identical
 * banners are not stacked, so each one is logged.
 * Everything is a child process of the test, so the test runner itself needs no D-Bus or X.
 * A missing program fails loudly, naming the Debian packages (never a skip).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DUNST_APT_PACKAGES = 'libnotify-bin dunst xvfb xauth dbus dbus-x11 x11-apps imagemagick';
const PROGRAMS = ['dbus-daemon', 'dbus-send', 'Xvfb', 'dunst', 'notify-send'];

export interface LoggedNotification {
  appname: string;
  summary: string;
  body: string;
  icon: string;
  urgency: string;
}

export interface DunstSession {
  /** What a notifier's child processes need to reach this desktop. */
  env: { DBUS_SESSION_BUS_ADDRESS: string; DISPLAY: string };
  notifications(): LoggedNotification[];
  close(): Promise<void>;
}

function requirePrograms(): void {
  const missing = PROGRAMS.filter((program) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0);
  if (missing.length > 0)
    throw new Error(
      `The notification test needs ${missing.join(', ')}: install with apt-get install -y --no-install-recommends ${DUNST_APT_PACKAGES}`,
    );
}

/** The first line a child prints on stdout (dbus-daemon's address, Xvfb's display number). */
function firstLine(child: ChildProcess, what: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs} ms: ${errors}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end === -1) return;
      clearTimeout(timer);
      resolve(text.slice(0, end).trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready: ${errors.trim()}`));
    });
  });
}

function logScript(logFile: string): string {
  const field = (n: number) => `$(printf '%s' "$${n}" | base64 -w0)`;
  return `#!/bin/sh
# dunst runs this for every notification: appname summary body icon urgency
line="${field(1)}\t${field(2)}\t${field(3)}\t${field(4)}\t${field(5)}"
printf '%s\\n' "$line" >> '${logFile}'
`;
}

const decode = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startDunstSession(): Promise<DunstSession> {
  requirePrograms();
  const dir = mkdtempSync(join(tmpdir(), 'cidx-dunst-'));
  const logFile = join(dir, 'notifications.log');
  const script = join(dir, 'log-notification.sh');
  writeFileSync(script, logScript(logFile));
  chmodSync(script, 0o755);
  const config = join(dir, 'dunstrc');
  writeFileSync(
    config,
    // No stacking: dunst merges a banner identical to one still shown (and runs the script once),
    // which would hide a duplicate from every test that counts banners.
    `[global]\n    markup = full\n    stack_duplicates = false\n[log_all]\n    appname = "*"\n    script = ${script}\n`,
  );

  const children: ChildProcess[] = [];
  const close = async () => {
    for (const child of children.reverse()) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = spawn('dbus-daemon', ['--session', '--print-address=1', '--nofork', '--nopidfile'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon');
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(xvfb);
    const display = `:${await firstLine(xvfb, 'Xvfb')}`;
    const env = { DBUS_SESSION_BUS_ADDRESS: address, DISPLAY: display };
    const dunst = spawn('dunst', ['-config', config], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(dunst);
    let dunstErrors = '';
    dunst.stderr?.on('data', (chunk: Buffer) => (dunstErrors += chunk.toString()));
    await waitForOwner(env, () =>
      dunst.exitCode !== null ? `dunst exited (${dunst.exitCode}): ${dunstErrors.trim()}` : null,
    );
    return {
      env,
      notifications: () =>
        existsSync(logFile)
          ? readFileSync(logFile, 'utf8')
              .split('\n')
              .filter((line) => line.length > 0)
              .map((line) => {
                const [appname, summary, body, icon, urgency] = line.split('\t').map(decode);
                return { appname: appname!, summary: summary!, body: body!, icon: icon!, urgency: urgency! };
              })
          : [],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Until org.freedesktop.Notifications has an owner on the bus (dunst took the name). */
async function waitForOwner(
  env: DunstSession['env'],
  died: () => string | null,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = spawnSync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.Notifications',
      ],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    if (reply.stdout.includes('boolean true')) return;
    const death = died();
    if (death) throw new Error(`The notification daemon could not be started: ${death}`);
    if (Date.now() > deadline)
      throw new Error('The notification daemon (dunst) never took org.freedesktop.Notifications on the bus');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
