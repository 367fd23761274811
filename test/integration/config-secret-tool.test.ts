/**
 * LinuxSecretToolStore against the real `secret-tool` and a real Secret Service (gnome-keyring
 * on a private D-Bus session bus started here). Where those programs are not installed the
 * test instead checks that the store reports itself unavailable, so chooseSecretStore falls
 * back to the file store; the stub-based unit tests cover the adapter everywhere.
 * Install on Debian: apt-get install libsecret-tools gnome-keyring dbus
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSecretStore, LinuxSecretToolStore } from '../../main/core/config';

const installed = (program: string) => !spawnSync(program, ['--version'], { stdio: 'ignore' }).error;
const realKeyring =
  process.platform === 'linux' &&
  installed('secret-tool') &&
  installed('gnome-keyring-daemon') &&
  installed('dbus-daemon');

let home = '';
let env: NodeJS.ProcessEnv = {};
const started: ChildProcess[] = [];

async function startSessionBus(): Promise<string> {
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  started.push(bus);
  return new Promise((resolve, reject) => {
    let out = '';
    bus.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    bus.on('exit', () => reject(new Error('dbus-daemon exited')));
  });
}

async function startKeyring(): Promise<void> {
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  started.push(keyring);
  keyring.stdin?.end('integration-test-keyring-password');
  const store = new LinuxSecretToolStore({ env });
  // The daemon needs a moment to claim org.freedesktop.secrets on the bus.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await store.available()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gnome-keyring never answered on the session bus');
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'cidx-secret-tool-'));
  if (!realKeyring) return;
  const address = await startSessionBus();
  env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'data'), DBUS_SESSION_BUS_ADDRESS: address };
  delete env.DISPLAY;
  await startKeyring();
});

afterAll(() => {
  for (const child of started.reverse()) child.kill();
  rmSync(home, { recursive: true, force: true });
});

describe('LinuxSecretToolStore with the real secret-tool', () => {
  it(
    realKeyring
      ? 'round-trips secrets through gnome-keyring'
      : 'reports no keychain where secret-tool is missing',
    async () => {
      if (!realKeyring) {
        // No session bus in this environment, so even a desktop's own keyring cannot answer.
        const bare = { PATH: process.env.PATH };
        expect(await new LinuxSecretToolStore({ env: bare }).available()).toBe(false);
        const choice = await chooseSecretStore({ platform: 'linux', configDir: home, env: bare });
        expect(choice.ok && choice.value.kind).toBe('file');
        return;
      }
      const store = new LinuxSecretToolStore({ env });
      const value = 'pä ss\nword with "quotes" ';
      expect(await store.get('server/it/password')).toBeNull();
      await store.set('server/it/password', value);
      expect(await store.get('server/it/password')).toBe(value);
      await store.set('server/it/password', 'replaced');
      expect(await store.get('server/it/password')).toBe('replaced');
      await store.delete('server/it/password');
      await store.delete('server/it/password');
      expect(await store.get('server/it/password')).toBeNull();

      const choice = await chooseSecretStore({ platform: 'linux', configDir: home, env });
      expect(choice.ok && choice.value.kind).toBe('keychain');
    },
  );
});
