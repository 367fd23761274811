import { describe, expect, it } from 'vitest';
import type { NotificationIntent } from '../core/notify/intent';
import { createDesktopNotifier, type NodeNotifierLike, type NotifierCallback } from './desktop-notifier';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, truncateText } from './notification-text';

/** Records what node-notifier would be asked to show; `answer` plays the person's response. */
class FakeNotifier implements NodeNotifierLike {
  readonly shown: Record<string, unknown>[] = [];
  private readonly callbacks: NotifierCallback[] = [];
  throwOnNotify: Error | null = null;

  notify(notification: Record<string, unknown>, callback?: NotifierCallback): this {
    if (this.throwOnNotify) throw this.throwOnNotify;
    this.shown.push(notification);
    if (callback) this.callbacks.push(callback);
    return this;
  }

  answer(index: number, error: unknown, response?: unknown, metadata?: unknown): void {
    this.callbacks[index]?.(error, response, metadata);
  }
}

const failedIntent = (overrides: Partial<NotificationIntent> = {}): NotificationIntent => ({
  key: 'work/job-1/failed',
  kind: 'failed',
  title: 'Sync of web-app failed',
  body: "Merge conflict in <b>web-app</b> & 'main' \\074script\\076\nOn Work.",
  serverId: 'work',
  jobIds: ['job-1'],
  jobs: [{ serverId: 'work', jobId: 'job-1' }],
  actions: ['open', 'retry'],
  urgency: 'critical',
  status: 'failed',
  ...overrides,
});

function setup(platform: NodeJS.Platform, extra: Partial<Parameters<typeof createDesktopNotifier>[0]> = {}) {
  const fake = new FakeNotifier();
  const warnings: string[] = [];
  const clicks: NotificationIntent[] = [];
  const actions: string[] = [];
  const notifier = createDesktopNotifier({
    appName: 'CIDX Tray',
    iconPath: '/opt/cidx-tray/icon.png',
    platform,
    notifier: fake,
    logger: {
      debug: () => {},
      info: () => {},
      warn: (message, fields) => warnings.push(`${message} ${fields?.error ?? ''}`),
    },
    onClick: (intent) => clicks.push(intent),
    onAction: (intent, action) => actions.push(`${intent.key}:${action}`),
    ...extra,
  });
  return { fake, notifier, warnings, clicks, actions };
}

describe('the desktop notifier on Linux (notify-send)', () => {
  it('sets the app name and icon, and escapes the markup daemons interpret', () => {
    const { fake, notifier } = setup('linux');
    notifier.deliver(failedIntent({ title: 'Sync of <a&b> failed' }));
    expect(fake.shown).toHaveLength(1);
    const shown = fake.shown[0]!;
    expect(shown).toMatchObject({ 'app-name': 'CIDX Tray', icon: '/opt/cidx-tray/icon.png' });
    expect(shown.message).toBe(
      "Merge conflict in &lt;b&gt;web-app&lt;/b&gt; &amp; 'main' &#92;074script&#92;076\nOn Work.",
    );
    // The summary is plain text by the spec: look-alikes, not entities GNOME would show.
    expect(shown.title).toBe('Sync of \u2039a\uFF06b\u203A failed');
    expect(String(shown.title)).not.toMatch(/[<>&]/);
  });

  it('never sends critical urgency (it would stick and pass Do Not Disturb), but shows failures longer', () => {
    const { fake, notifier } = setup('linux');
    notifier.deliver(failedIntent());
    notifier.deliver(failedIntent({ key: 'k2', kind: 'finished', urgency: 'normal', status: 'completed' }));
    notifier.deliver(failedIntent({ key: 'k3', kind: 'cancelled', urgency: 'low', status: 'cancelled' }));
    expect(fake.shown.map((s) => s.urgency)).toEqual(['normal', 'normal', 'low']);
    expect(fake.shown.map((s) => s.timeout)).toEqual([20, 10, 5]);
    expect(fake.shown.map((s) => s.category)).toEqual(['transfer.error', 'transfer.complete', undefined]);
  });

  it('truncates long text at a code point and keeps a leading dash from reading as an option', () => {
    const { fake, notifier } = setup('linux');
    const long = `${'😀'.repeat(MAX_BODY_LENGTH)}tail`;
    notifier.deliver(failedIntent({ title: `-u ${'x'.repeat(300)}`, body: long }));
    const shown = fake.shown[0]!;
    expect(Array.from(String(shown.message))).toHaveLength(MAX_BODY_LENGTH);
    expect(String(shown.message).endsWith('😀…')).toBe(true);
    expect(Array.from(String(shown.title))).toHaveLength(MAX_TITLE_LENGTH);
    expect(String(shown.title).startsWith('\u2010u ')).toBe(true);
    expect(truncateText('short', 10)).toBe('short');
  });

  it('shows no buttons and says so', () => {
    const { fake, notifier } = setup('linux');
    expect(notifier.supportsActions).toBe(false);
    notifier.deliver(failedIntent());
    expect(fake.shown[0]).not.toHaveProperty('actions');
  });
});

describe('staging (what the notification center uses)', () => {
  it('hands a staging notifier the options and returns its release; deliver releases at once', () => {
    const staged: string[] = [];
    const notifier = createDesktopNotifier({
      appName: 'CIDX Tray',
      platform: 'linux',
      notifier: {
        stage: (options) => {
          staged.push(`staged ${String(options['title'])}`);
          return () => staged.push('released');
        },
      },
    });
    const release = notifier.stage(failedIntent());
    expect(staged).toEqual(['staged Sync of web-app failed']);
    release();
    notifier.deliver(failedIntent({ title: 'Second' }));
    expect(staged).toEqual(['staged Sync of web-app failed', 'released', 'staged Second', 'released']);
  });

  it('with a notifier that cannot stage (node-notifier), shows at once and the release does nothing', () => {
    const { fake, notifier } = setup('darwin');
    const release = notifier.stage(failedIntent());
    expect(fake.shown).toHaveLength(1);
    expect(release).not.toThrow();
  });
});

describe('the desktop notifier with buttons (macOS, Windows)', () => {
  it('offers Retry on macOS and reports the button with its intent', () => {
    const { fake, notifier, actions, clicks } = setup('darwin');
    expect(notifier.supportsActions).toBe(true);
    notifier.deliver(failedIntent());
    // Plain text there: nothing is escaped.
    expect(fake.shown[0]).toMatchObject({ actions: ['Retry'], closeLabel: 'Close', subtitle: 'CIDX Tray' });
    expect(fake.shown[0]!.message).toContain('<b>web-app</b> &');
    fake.answer(0, null, 'activate', { activationType: 'actionClicked', activationValue: 'Retry' });
    expect(actions).toEqual(['work/job-1/failed:retry']);
    expect(clicks).toEqual([]);
  });

  it('reports a click on the body on macOS, and Windows buttons by their label', () => {
    const { fake, notifier, actions, clicks } = setup('win32');
    notifier.deliver(failedIntent({ actions: ['open', 'cancel', 'retry'] }));
    expect(fake.shown[0]).toMatchObject({ actions: ['Cancel', 'Retry'], wait: true });
    fake.answer(0, null, 'cancel', { activationType: 'Cancel' });
    fake.answer(0, null, 'activate', { activationType: 'clicked' });
    fake.answer(0, null, 'timeout', {});
    expect(actions).toEqual(['work/job-1/failed:cancel']);
    expect(clicks.map((intent) => intent.key)).toEqual(['work/job-1/failed']);
  });

  it('ignores a button the intent did not offer', () => {
    const { fake, notifier, actions } = setup('win32');
    notifier.deliver(failedIntent({ actions: ['open'] }));
    expect(fake.shown[0]).not.toHaveProperty('actions');
    fake.answer(0, null, 'retry', {});
    expect(actions).toEqual([]);
  });
});

describe('notifier failures', () => {
  it('logs and swallows a throwing notifier', () => {
    const { fake, notifier, warnings } = setup('linux');
    fake.throwOnNotify = new Error('spawn notify-send ENOENT');
    expect(() => notifier.deliver(failedIntent())).not.toThrow();
    expect(warnings).toEqual(['the desktop notifier failed spawn notify-send ENOENT']);
  });

  it('logs an error reported through the callback, and a failing click handler', () => {
    const { fake, notifier, warnings } = setup('darwin', {
      onClick: () => {
        throw new Error('window gone');
      },
    });
    notifier.deliver(failedIntent());
    fake.answer(0, new Error('Command failed: terminal-notifier'));
    fake.answer(0, null, 'activate', { activationType: 'contentsClicked' });
    expect(warnings).toEqual([
      'a desktop notification could not be shown Command failed: terminal-notifier',
      'a notification click handler failed window gone',
    ]);
  });

  it('warns once per reason when banners keep failing the same way (a headless machine)', () => {
    const { fake, notifier, warnings } = setup('linux');
    const noBus = (title: string) =>
      new Error(`Command failed: notify-send "${title}"\nCannot autolaunch D-Bus without X11 $DISPLAY\n`);
    notifier.deliver(failedIntent());
    notifier.deliver(failedIntent());
    notifier.deliver(failedIntent());
    fake.answer(0, noBus('Sync of a failed'));
    fake.answer(1, noBus('Sync of b failed'));
    fake.answer(2, new Error('Command failed: notify-send "x"\nanother reason\n'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('Cannot autolaunch D-Bus');
    expect(warnings[1]).toContain('another reason');
  });
});
