/**
 * A REAL notification received by a REAL notification daemon: browser mode's tray core watches
 * the CIDX double (HEAD); a job that completes and a job that fails with hostile text are
 * announced through createDesktopNotifier -> node-notifier -> notify-send -> D-Bus -> dunst,
 * whose rule logs every notification it gets. Exactly one per job, escaped where the daemon
 * reads markup. Fails (never skips) when the desktop pieces are missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../main/host/browser-mode';
import { writeSingleServerConfig } from '../../main/host/demo-config';
import { startCidxServer, type RunningCidxServer } from '../cidx-server/server';
import { startDunstSession, type DunstSession, type LoggedNotification } from '../support/dunst-session';

const ICON = fileURLToPath(new URL('../../assets/app/icon.png', import.meta.url));
const HOSTILE = `Merge <b>conflict</b> & <script>alert("x")</script> in \\074i\\076 'web-app'`;

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('desktop notifications through dunst', () => {
  let desktop: DunstSession;
  let double: RunningCidxServer;
  let dir: string;
  let mode: BrowserMode;
  let serverId: string;
  const savedEnv = { bus: process.env.DBUS_SESSION_BUS_ADDRESS, display: process.env.DISPLAY };

  beforeAll(async () => {
    desktop = await startDunstSession();
    // node-notifier spawns notify-send with this process's environment: point it at our bus.
    process.env.DBUS_SESSION_BUS_ADDRESS = desktop.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DISPLAY = desktop.env.DISPLAY;
    double = await startCidxServer({ flavor: 'head', port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'cidx-notify-'));
    const apiKey = double.control.credentials().apiKeys.find((key) => key.username === 'alice')!.apiKey;
    const server = await writeSingleServerConfig({
      configDir: dir,
      name: 'Double',
      url: double.url,
      credentials: { apiKey },
      settings: {
        polling: { activeIntervalMs: 500 },
        notifications: { coalesceWindowMs: 0, digestWindowMs: 0 },
      },
    });
    serverId = server.id;
    mode = await startBrowserMode({
      configDir: dir,
      env: { CIDX_TRAY_SECRET_STORE: 'file' },
      rendererDir: join(dir, 'renderer'),
      iconPath: existsSync(ICON) ? ICON : undefined,
      openExternal: () => {},
      logger: { debug: () => {}, info: () => {}, warn: (message, fields) => console.warn(message, fields) },
    });
    await waitFor('the server online', () =>
      mode.core.snapshot().servers[0]?.state?.health === 'online' ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    await mode?.stop();
    await double?.close();
    await desktop?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of [
      ['DBUS_SESSION_BUS_ADDRESS', savedEnv.bus],
      ['DISPLAY', savedEnv.display],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const about = (repository: string) => (n: LoggedNotification) => n.summary.includes(repository);

  it('announces a completed and a failed job exactly once each, escaped for the daemon', async () => {
    double.control.setNextSyncOutcome('my-proj', { runMs: 200 });
    double.control.setNextSyncOutcome('web-app', { runMs: 300, outcome: 'failed', error: HOSTILE });
    // HEAD runs one sync per user at a time (cidx-api.md §3: its 409 ignores the repository).
    for (const repository of ['my-proj', 'web-app']) {
      const submitted = await mode.core.jobs.submitSync(serverId, repository);
      if (!submitted.ok) throw new Error(submitted.error.message);
      const { jobId } = submitted.value;
      await waitFor(`the ${repository} sync to end`, () =>
        mode.core
          .snapshot()
          .jobs.find((view) => view.job.id === jobId && ['completed', 'failed'].includes(view.job.status)),
      );
    }
    await waitFor('both notifications in the daemon', () =>
      desktop.notifications().some(about('my-proj')) && desktop.notifications().some(about('web-app'))
        ? true
        : undefined,
    );

    // Several more polls (at 500 ms) must not announce anything again.
    const loggedAt = Date.now();
    await waitFor('more polls', () =>
      (mode.core.snapshot().servers[0]?.state?.lastSuccessAt ?? 0) > loggedAt + 1_500 ? true : undefined,
    );
    const logged = desktop.notifications();
    expect(logged.filter(about('my-proj'))).toHaveLength(1);
    expect(logged.filter(about('web-app'))).toHaveLength(1);

    const done = logged.find(about('my-proj'))!;
    expect(done).toMatchObject({
      appname: 'CIDX Tray',
      summary: 'Sync of my-proj completed',
      urgency: 'NORMAL',
    });
    expect(done.body).toContain('On Double.');
    if (existsSync(ICON)) expect(done.icon).toBe(ICON);

    const failed = logged.find(about('web-app'))!;
    expect(failed).toMatchObject({
      appname: 'CIDX Tray',
      summary: 'Sync of web-app failed',
      urgency: 'NORMAL',
    });
    expect(failed.body).toBe(
      `Merge &lt;b&gt;conflict&lt;/b&gt; &amp; &lt;script&gt;alert("x")&lt;/script&gt; in &#92;074i&#92;076 'web-app'\nOn Double.`,
    );
    expect(failed.body).not.toMatch(/<|>/);
  });
});
