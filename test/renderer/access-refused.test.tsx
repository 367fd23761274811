/**
 * Browser mode kept the page out for its token: the window says why and what to do (open the
 * printed address), not "Loading…" or "reconnecting…"; and a page that had data shows the way
 * back in rather than counts that can no longer update.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { App } from '../../renderer/App';
import { useProjectionStore } from '../../renderer/stores/projectionStore';
import { startSubscriptions } from '../../renderer/subscriptions';
import { fail, FakeBridge } from './support/fakeBridge';
import { renderApp } from './support/renderApp';

function renderRefused(refusal: 'no-token' | 'token-refused') {
  const fake = new FakeBridge().on('snapshot:get', () => fail(refusal, 'kept out'));
  fake.setConnection(refusal);
  fake.install();
  onTestFinished(startSubscriptions(fake.bridge, { focusDelayMs: 0, schedule: (flush) => flush() }));
  render(<App />);
}

describe('a page kept out for its token', () => {
  it('without a token: says so and what to do', async () => {
    renderRefused('no-token');
    const alert = await screen.findByRole('alert', { name: 'Open the address CIDX Tray printed' });
    expect(alert).toHaveTextContent('This page was opened without its access token.');
    expect(alert).toHaveTextContent('#token=');
    expect(screen.getByRole('status', { name: 'Connection' })).toHaveTextContent(
      'Not connected to CIDX Tray: this page has no access token.',
    );
    expect(screen.queryByText('Loading…')).toBeNull();
    expect(document.body.textContent).not.toMatch(/reconnecting/i);
  });

  it('with a refused token: says it changes at each start and what to do', async () => {
    renderRefused('token-refused');
    const alert = await screen.findByRole('alert', { name: 'Open the address CIDX Tray printed' });
    expect(alert).toHaveTextContent('did not accept this page’s access token');
    expect(alert).toHaveTextContent('changes each time CIDX Tray starts');
    expect(document.body.textContent).not.toMatch(/reconnecting/i);
  });

  it('a page with data that is then refused (browser mode restarted) shows the way back in', async () => {
    const { fake } = await renderApp();
    expect(screen.getByRole('tab', { name: 'Jobs' })).toBeInTheDocument();
    act(() => fake.setConnection('token-refused'));
    expect(screen.getByRole('alert', { name: 'Open the address CIDX Tray printed' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Jobs' })).toBeNull();
    await waitFor(() => expect(useProjectionStore.getState().connection).toBe('token-refused'));
  });

  it('does not retry the snapshot while kept out; a new token’s connection loads it', async () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const fake = new FakeBridge().on('snapshot:get', () => fail('token-refused', 'kept out'));
    fake.setConnection('token-refused');
    const stop = startSubscriptions(fake.bridge, { reloadDelayMs: 10, schedule: (flush) => flush() });
    onTestFinished(stop);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.callsTo('snapshot:get')).toHaveLength(1);

    delete fake.handlers['snapshot:get'];
    fake.setConnection('connecting');
    fake.setConnection('connected');
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.callsTo('snapshot:get')).toHaveLength(2);
    expect(useProjectionStore.getState().status).toBe('ready');
  });
});
