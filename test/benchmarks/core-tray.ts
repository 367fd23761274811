/**
 * Case `tray`: how often the tray adapter rebuilds its menu in a minute while 20 jobs run and
 * their progress moves by 1 % a second. Replacing a menu closes it if the person has it open,
 * so it should happen only when the text the menu shows changes (progress in 10 % steps).
 *
 * The real adapter (main/electron/tray-adapter.ts) over a real monitor and a fake server on a
 * FakeClock, with a tray that counts what is set on it; `buildMenu` is the adapter's seam for
 * Electron's Menu, so no Electron is needed. One minute of the clock = 60 ticks.
 */
import { createTrayAdapter } from '../../main/electron/tray-adapter';
import type { TrayIcon } from '../../main/core/tray/tray-model-types';
import { FakeCidxApi } from '../support/fake-cidx-api';
import { FakeClock } from '../support/fake-clock';
import type { CaseReport } from './core-report';
import { int, ms } from './core-report';
import { cpuMs, createCoreRig } from './core-world';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const RUNNING = 20;
const MINUTES = 3;
/** Text changes a minute at 1 %/s when progress is shown in 10 % steps: 20 jobs x 6 steps. */
const STEP_CHANGES_PER_MINUTE = 6;

export async function runTrayCase(progress: (line: string) => void): Promise<CaseReport> {
  progress(`tray: ${RUNNING} running jobs moving 1 %/s, ${MINUTES} minutes of the clock...`);
  const clock = new FakeClock(T0);
  const api = new FakeCidxApi({ flavor: 'head', now: () => clock.now() });
  const jobs = Array.from({ length: RUNNING }, (_, index) =>
    api.addJob({ status: 'running', progress: 10 + index, operationType: 'global_repo_refresh' }),
  );
  const rig = await createCoreRig({
    clock,
    servers: [
      {
        id: 'lab',
        name: 'Lab',
        url: 'https://lab.bench.invalid',
        auth: { mode: 'password', username: 'alice' },
      },
    ],
    connect: () => api,
    engineOptions: { random: () => 0.5 },
  });
  const counts = { menus: 0, tooltips: 0, images: 0 };
  const tray = {
    setImage: () => void (counts.images += 1),
    setToolTip: () => void (counts.tooltips += 1),
    setContextMenu: () => void (counts.menus += 1),
    on: () => tray,
  };
  const adapter = createTrayAdapter({
    tray: tray as never,
    core: rig.core,
    buildMenu: () => ({}) as never,
    clock,
    platform: 'linux',
    imageFor: (icon: TrayIcon) => icon as never,
    openWindow: () => {},
    quit: () => {},
    reportFailure: () => {},
  });
  try {
    rig.core.start();
    await clock.advance(5_000); // the first look, the first menu
    const before = { ...counts };
    const cpuStart = process.cpuUsage();
    for (let second = 0; second < MINUTES * 60; second += 1) {
      for (const job of jobs) {
        const current = api.serverJob(job.id)?.progress ?? 0;
        api.updateJob(job.id, { progress: current >= 99 ? 10 : current + 1 });
      }
      await clock.advance(1_000);
    }
    const cpu = cpuMs(process.cpuUsage(cpuStart));
    const perMinute = (key: keyof typeof counts) => (counts[key] - before[key]) / MINUTES;
    const menus = perMinute('menus');
    const limit = RUNNING * STEP_CHANGES_PER_MINUTE;
    return {
      id: 'tray',
      title: 'the Electron tray adapter over the patch stream',
      rows: [
        {
          case: 'tray',
          measure: `menu rebuilds per minute (${RUNNING} running, +1 %/s)`,
          value: `${int(menus)} /min (${int(perMinute('tooltips'))} tooltips, ${int(perMinute('images'))} icons)`,
          target: `only on shown text: <= ${limit}/min (10 % steps)`,
          met: menus <= limit,
        },
        {
          case: 'tray',
          measure: 'adapter + core CPU per second of the clock',
          value: ms(cpu / (MINUTES * 60)),
          target: null,
          met: null,
        },
      ],
      details: [
        `${MINUTES} minutes on a FakeClock: ${int(adapter.counts.renders)} renders in all; a render sets only what changed.`,
        'Before the rework the adapter took a snapshot per patch and the menu data held "pause until now + 1 h", so every render rebuilt the menu.',
      ],
      data: { menusPerMinute: menus, counts, renders: adapter.counts.renders, cpuMs: cpu },
    };
  } finally {
    adapter.dispose();
    rig.close();
  }
}
