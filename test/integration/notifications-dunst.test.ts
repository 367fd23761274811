/**
 * A REAL notification received by a REAL notification daemon: browser mode's monitor watches
 * the CIDX double (HEAD); a job that completes and a job that fails with hostile text are
 * announced through createDesktopNotifier -> the staged notify-send -> D-Bus -> dunst,
 * whose rule logs every notification it gets. Exactly one per job, escaped where the daemon
 * reads markup. Fails (never skips) when the desktop pieces are missing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserMode } from '../../main/host/browser-mode';
import type { RunningCidxServer } from '../cidx-server/server';
import { startDunstSession, type DunstSession, type LoggedNotification } from '../support/dunst-session';
import { startBrowserWorld, type BrowserWorld } from '../support/host-world';
import { waitFor } from '../support/wait-for';

const ICON = fileURLToPath(new URL('../../assets/app/icon.png', import.meta.url));
const HOSTILE = `Merge <b>conflict</b> & <script>alert("x")</script> in \\074i\\076 'web-app'`;

/** The desktop round trip (notify-send, D-Bus, dunst, its script) is slower than a poll. */
const waitLong = <T>(what: string, probe: () => T | undefined): Promise<T> => waitFor(what, probe, 15_000);

describe('desktop notifications through dunst', () => {
  let desktop: DunstSession;
  let world: BrowserWorld;
  let double: RunningCidxServer;
  let mode: BrowserMode;
  let serverId: string;
  const savedEnv = { bus: process.env.DBUS_SESSION_BUS_ADDRESS, display: process.env.DISPLAY };

  beforeAll(async () => {
    desktop = await startDunstSession();
    // notify-send runs with this process's environment: point it at our bus.
    process.env.DBUS_SESSION_BUS_ADDRESS = desktop.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DISPLAY = desktop.env.DISPLAY;
    // No notifier given: the real one (notify-send on Linux), so banners reach the daemon.
    world = await startBrowserWorld({
      dirPrefix: 'cidx-notify-',
      host: {
        iconPath: existsSync(ICON) ? ICON : undefined,
        logger: { debug: () => {}, info: () => {}, warn: (message, fields) => console.warn(message, fields) },
      },
    });
    ({ double, mode, serverId } = world);
    await waitLong('the server online', () =>
      mode.core.snapshot().servers[0]?.state?.health === 'online' ? true : undefined,
    );
  }, 30_000);

  afterAll(async () => {
    await world?.close();
    await desktop?.close();
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
      await waitLong(`the ${repository} sync to end`, () =>
        mode.core
          .snapshot()
          .jobs.find((view) => view.job.id === jobId && ['completed', 'failed'].includes(view.job.status)),
      );
    }
    await waitLong('both notifications in the daemon', () =>
      desktop.notifications().some(about('my-proj')) && desktop.notifications().some(about('web-app'))
        ? true
        : undefined,
    );

    // Several more polls (at 500 ms) must not announce anything again.
    const loggedAt = Date.now();
    await waitLong('more polls', () =>
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
