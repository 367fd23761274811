/** The window: tabs by keyboard, the live region, connection state, data age. */
import { act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fakeBridge';
import { makeJob, makeServer, makeServerState, makeSnapshot, patch } from './support/fixtures';
import { renderApp } from './support/renderApp';

describe('app window', () => {
  it('moves between views with the arrow keys', async () => {
    const user = userEvent.setup();
    const { screen } = await renderApp();
    const jobsTab = screen.getByRole('tab', { name: 'Jobs' });
    expect(jobsTab).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Jobs' })).toBeInTheDocument();
    jobsTab.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: 'Sync' })).toHaveFocus();
    expect(screen.getByRole('tabpanel', { name: 'Sync' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: 'Jobs' })).toHaveFocus();
  });

  it('announces finished and failed jobs politely, but not history from the snapshot', async () => {
    const { screen, fake } = await renderApp(
      makeSnapshot({
        version: 1,
        jobs: [
          makeJob({ id: 'a', repository: 'backend' }),
          makeJob({ id: 'b', repository: 'frontend' }),
          makeJob({ id: 'old', repository: 'docs', status: 'failed', completedAt: 1 }),
        ],
      }),
    );
    const region = screen.getByRole('log', { name: 'Job announcements' });
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toBeEmptyDOMElement();
    act(() => {
      fake.emit(
        'core:patch',
        patch(2, { jobs: [makeJob({ id: 'a', repository: 'backend', status: 'failed' })] }),
      );
      fake.emit(
        'core:patch',
        patch(3, { jobs: [makeJob({ id: 'b', repository: 'frontend', status: 'completed' })] }),
      );
      fake.emit(
        'core:patch',
        patch(4, {
          jobs: [makeJob({ id: 'b', repository: 'frontend', status: 'completed', progress: 100 })],
        }),
      );
    });
    expect(region.textContent).toBe(
      'Sync of backend on Production failed.Sync of frontend on Production completed.',
    );
  });

  it('shows how old the data is', async () => {
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [
          makeServer(
            'prod',
            {},
            { state: makeServerState('prod', { lastSuccessAt: Date.now() - 5 * 60_000 }) },
          ),
        ],
      }),
    );
    expect(screen.getByText(/Data updated 5 min( \d+ s)? ago \(stale\)/)).toBeInTheDocument();
  });

  it('shows when browser mode lost its connection, and catches up when it returns', async () => {
    const fake = new FakeBridge(makeSnapshot({ version: 1 }));
    const { screen } = await renderApp(fake);
    const connection = screen.getByRole('status', { name: 'Connection' });
    expect(connection).toHaveTextContent('Connected');
    act(() => fake.setConnection('reconnecting'));
    expect(connection).toHaveTextContent('Connection to CIDX Tray lost; reconnecting…');
    fake.snapshot = makeSnapshot({ version: 9, jobs: [makeJob({ id: 'z', repository: 'zeta' })] });
    act(() => fake.setConnection('connected'));
    expect(await screen.findByRole('row', { name: /zeta/ })).toBeInTheDocument();
    expect(connection).toHaveTextContent('Connected');
  });
});
