/**
 * Browser mode's tab is a tray: the title carries the counts ("2 running · 1 failed — CIDX
 * Tray"; just "CIDX Tray" when nothing) and the favicon is the tray's icon for the same state;
 * the document is touched only when either changes; the desktop window is left alone.
 */
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TRAY_ICON_PATH } from '../../preload/protocol';
import { tabLook } from '../../renderer/model/tabLook';
import { startSubscriptions } from '../../renderer/subscriptions';
import { jobsSummary } from '../support/jobs-summary';
import { FakeBridge } from './support/fakeBridge';
import { makeJob, makeSnapshot, patch } from './support/fixtures';
import { renderApp } from './support/renderApp';
import { bridgeOver } from '../../renderer/bridge';

const icon = (name: string) => `${TRAY_ICON_PATH}${name}@2x.png`;

const summary = jobsSummary;

describe('the tab’s look', () => {
  it('is just "CIDX Tray" with the idle icon when nothing runs or failed', () => {
    expect(tabLook(summary(), 'connected')).toEqual({ title: 'CIDX Tray', iconHref: icon('idle') });
  });

  it('carries the counts, worst icon first', () => {
    const look = tabLook(
      summary({ running: 2, unacknowledgedFailures: 1, progress: 40, worst: 'failed' }),
      'connected',
    );
    expect(look).toEqual({ title: '2 running · 1 failed — CIDX Tray', iconHref: icon('failed') });
    expect(tabLook(summary({ running: 1, pending: 3, progress: 37, worst: 'running' }), 'connected')).toEqual(
      {
        title: '1 running · 3 waiting — CIDX Tray',
        iconHref: icon('running-40'),
      },
    );
  });

  it('shows a server in trouble with the offline icon, as the tray does', () => {
    expect(tabLook(summary({ worst: 'auth-failed' }), 'connected').iconHref).toBe(icon('offline'));
    expect(tabLook(summary({ running: 1, worst: 'offline' }), 'connected')).toEqual({
      title: '1 running — CIDX Tray',
      iconHref: icon('offline'),
    });
  });

  it('vouches for no count while not connected, and claims nothing before it knows', () => {
    const lost = { title: 'Not connected — CIDX Tray', iconHref: icon('offline') };
    expect(tabLook(summary({ running: 2, worst: 'running' }), 'reconnecting')).toEqual(lost);
    expect(tabLook(null, 'token-refused')).toEqual(lost);
    expect(tabLook(null, 'connecting')).toEqual({ title: 'CIDX Tray', iconHref: null });
    expect(tabLook(null, 'connected')).toEqual({ title: 'CIDX Tray', iconHref: null });
  });
});

describe('the browser tab', () => {
  const favicon = () => document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  afterEach(() => {
    document.title = '';
    favicon()?.remove();
  });

  it('follows the patches, and is written only when the title or icon changes', async () => {
    const { fake } = await renderApp(
      makeSnapshot({ jobs: [makeJob({ id: 'a', status: 'running', progress: 41 })] }),
    );
    expect(document.title).toBe('1 running — CIDX Tray');
    expect(favicon()?.getAttribute('href')).toBe(icon('running-40'));

    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => writes.push(...records));
    observer.observe(document.head, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const running = (progress: number) =>
      makeSnapshot({ jobs: [makeJob({ id: 'a', status: 'running', progress })] }).summary;
    act(() => fake.emit('core:patch', patch(11, { summary: running(42) })));
    await Promise.resolve();
    expect(writes).toEqual([]);

    act(() => {
      fake.emit(
        'core:patch',
        patch(12, {
          jobs: [makeJob({ id: 'a', status: 'failed', acknowledged: false })],
          summary: makeSnapshot({ jobs: [makeJob({ id: 'a', status: 'failed', acknowledged: false })] })
            .summary,
        }),
      );
    });
    expect(document.title).toBe('1 failed — CIDX Tray');
    expect(favicon()?.getAttribute('href')).toBe(icon('failed'));
    observer.disconnect();

    act(() => fake.setConnection('reconnecting'));
    expect(document.title).toBe('Not connected — CIDX Tray');
    expect(favicon()?.getAttribute('href')).toBe(icon('offline'));
  });

  it('leaves the desktop window’s title and icon alone', () => {
    const fake = new FakeBridge(makeSnapshot({ jobs: [makeJob({ id: 'a', status: 'running' })] }));
    document.title = 'CIDX Tray';
    const stop = startSubscriptions(bridgeOver(fake.bridge.api, 'electron'), {
      schedule: (flush) => flush(),
    });
    stop();
    expect(document.title).toBe('CIDX Tray');
    expect(favicon()).toBeNull();
  });
});
