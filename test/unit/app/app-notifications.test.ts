import { describe, expect, it } from 'vitest';
import { createAppNotifications, APP_NAME } from '../../../main/app/app-notifications';
import type { JobRef } from '../../../main/core/jobs/tracked-job';
import type { NotificationIntent } from '../../../main/core/notify/intent';
import type { Monitor } from '../../../main/core/monitor/monitor-types';
import type { DesktopNotifierOptions } from '../../../main/desktop-notifications/desktop-notifier';
import { useTempDir } from '../config/temp-dir';
import { FakeWorld, workServer } from '../monitor/helpers';

const tempDir = useTempDir();
const quiet = { debug: () => {}, info: () => {}, warn: () => {} };

/** The app's notifications over a recording notifier, fed by a real core over a fake server. */
async function setUp(supportsActions = true) {
  const world = new FakeWorld(tempDir());
  await world.writeConfig([workServer]);
  const shown: NotificationIntent[] = [];
  const opened: (JobRef | undefined)[] = [];
  let options: DesktopNotifierOptions | null = null;
  let core: Monitor | null = null;
  const notifications = createAppNotifications({
    createNotifier: (given) => {
      options = given;
      const deliver = (intent: NotificationIntent) => void shown.push(intent);
      return { deliver, stage: (intent) => () => deliver(intent), supportsActions };
    },
    iconPath: '/app/assets/app/icon-256.png',
    core: () => core,
    showWindow: (job) => opened.push(job),
    logger: quiet,
  });
  const harness = await world.core();
  core = harness.core;
  // Route the core's intents through the app's notifications, as index.ts does.
  harness.core.subscribe(() => {
    for (const intent of harness.delivered.splice(0)) notifications.deliver(intent);
  });
  return { world, core: harness.core, shown, opened, options: () => options!, notifications };
}

describe('app notifications', () => {
  it('show one notification per terminal transition, as CIDX Tray with the app icon', async () => {
    const { world, core, shown, options } = await setUp();
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    core.start();
    await world.clock.advance(2_000);
    api.updateJob(job.id, { status: 'failed', error: 'boom' });
    core.pollNow();
    await world.clock.advance(10_000);
    core.pollNow();
    await world.clock.advance(60_000);
    core.stop();
    expect(shown.map((intent) => intent.key)).toEqual([`work/${job.id}/failed`]);
    expect(options()).toMatchObject({ appName: APP_NAME, iconPath: '/app/assets/app/icon-256.png' });
  });

  it('open the window on the job a click was about, and run Cancel/Retry through the core', async () => {
    const { world, core, opened, options } = await setUp();
    const api = world.api('work');
    const job = api.addJob({ status: 'running' });
    core.start();
    await world.clock.advance(2_000);
    const intent = {
      key: 'k',
      jobs: [{ serverId: 'work', jobId: job.id }],
    } as NotificationIntent;
    options().onClick?.(intent);
    options().onClick?.({ ...intent, jobs: [intent.jobs[0]!, { serverId: 'work', jobId: 'other' }] });
    expect(opened).toEqual([{ serverId: 'work', jobId: job.id }, undefined]);

    options().onAction?.(intent, 'cancel');
    await world.clock.advance(0);
    expect(api.serverJob(job.id)?.status).toBe('cancelled');
    core.stop();
  });

  it('say when a tray command failed', async () => {
    const { shown, notifications } = await setUp();
    notifications.notifyFailure('Could not cancel the job', 'You may not cancel this job');
    expect(shown).toMatchObject([{ title: 'Could not cancel the job', body: 'You may not cancel this job' }]);
  });
});
