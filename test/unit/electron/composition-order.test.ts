/**
 * The composition root's security order, against the fakes: loading main/electron/index.ts
 * makes `app://` privileged at once (Electron refuses it after `ready`), and only once the app
 * is ready does it deny every permission and serve the scheme from the renderer folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const logs = mkdtempSync(join(tmpdir(), 'cidx-composition-'));
let becomeReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (becomeReady = resolve));
/** Startup goes on past the security steps and stops at the secret store (no safeStorage fake). */
const errorBoxes = vi.hoisted(() => [] as string[]);
afterAll(() => rmSync(logs, { recursive: true, force: true }));

vi.mock('electron', async () => {
  const fake = await import('./fake-electron');
  const app = {
    ...fake.app,
    getPath: () => logs,
    getAppPath: () => '/opt/cidx-tray/resources/app.asar',
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    on: () => app,
    // Ready is marked on the fake protocol too, so it refuses what Electron refuses after it.
    whenReady: () =>
      ready.then(() => {
        fake.protocol.ready = true;
      }),
  };
  const dialog = { showErrorBox: (title: string) => void errorBoxes.push(title) };
  const electron = { ...fake.default, app, dialog };
  return { ...electron, default: electron };
});

describe('main/electron/index.ts', () => {
  it('registers app:// as privileged at load, before ready; permissions and the scheme handler come after ready', async () => {
    const { protocol, session } = await import('./fake-electron');
    process.env.CIDX_TRAY_CONFIG_DIR = logs;
    const before = {
      uncaught: process.listeners('uncaughtException').length,
      rejection: process.listeners('unhandledRejection').length,
    };
    await import('../../../main/electron/index');
    expect(protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(protocol.handlers.size).toBe(0);
    expect(session.defaultSession.permissionRequestHandler).toBeNull();

    becomeReady();
    await vi.waitFor(() => expect(protocol.isProtocolHandled('app')).toBe(true));
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    await vi.waitFor(() => expect(errorBoxes).toEqual(['CIDX Tray could not start']));
    expect(
      session.defaultSession.permissionCheckHandler?.(null, 'media', 'app://cidx-tray', {} as never),
    ).toBe(false);
    // The module's crash logger is the app's business, not the test runner's.
    for (const listener of process.listeners('uncaughtException').slice(before.uncaught))
      process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection').slice(before.rejection))
      process.off('unhandledRejection', listener);
    delete process.env.CIDX_TRAY_CONFIG_DIR;
  });
});
