/** The jobs list: rows, order, filters, virtualisation, keyboard, focus reported to main. */
import { act, fireEvent, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../../renderer/stores/uiStore';
import { makeJob, makeServer, makeSnapshot, patch } from './support/fixtures';
import { renderApp } from './support/renderApp';

const rows = (grid: HTMLElement) =>
  within(grid)
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-job-key'));

describe('jobs view', () => {
  it('renders a row with operation, repository, status in words, progress, phase and ETA', async () => {
    const now = Date.now();
    const { screen } = await renderApp(
      makeSnapshot({
        jobs: [
          makeJob({
            id: 'a',
            operation: 'Index build',
            repository: 'frontend',
            progress: 60,
            phase: 'embedding',
            phaseDetail: '120/200 files',
            startedAt: now - 90_000,
            eta: { remainingMs: 60_000, finishAt: now + 60_000, ratePerMinute: 30 },
            stall: { stalled: true, quietForMs: 700_000, message: 'No progress for 12 minutes.' },
          }),
        ],
      }),
    );
    const row = screen.getByRole('row', { name: /Index build: frontend, Running/ });
    expect(row).toHaveTextContent('frontend');
    expect(row).toHaveTextContent('Running');
    expect(row).toHaveTextContent('embedding — 120/200 files');
    expect(row).toHaveTextContent(/Elapsed 1 min 3\d s/);
    expect(row).toHaveTextContent(/About (59 s|1 min) left/);
    expect(row).toHaveTextContent('Possibly stalled: No progress for 12 minutes.');
    const bar = within(row).getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '60');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
  });

  it('lists running jobs first, then pending, then the most recently finished', async () => {
    const { screen } = await renderApp(
      makeSnapshot({
        jobs: [
          makeJob({ id: 'old', repository: 'old-done', status: 'completed', completedAt: 1000 }),
          makeJob({ id: 'p', repository: 'waiting', status: 'pending' }),
          makeJob({ id: 'new', repository: 'new-done', status: 'failed', completedAt: 5000 }),
          makeJob({ id: 'r', repository: 'busy', status: 'running' }),
        ],
      }),
    );
    const order = rows(screen.getByRole('grid', { name: 'Jobs' })).map((r) => r.getAttribute('data-job-key'));
    expect(order).toEqual(['prod/r', 'prod/p', 'prod/new', 'prod/old']);
  });

  it('filters by server, status and text, and groups by server', async () => {
    const user = userEvent.setup();
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [makeServer(), makeServer('staging')],
        jobs: [
          makeJob({ id: 'a', repository: 'alpha' }),
          makeJob({ id: 'b', repository: 'beta', status: 'failed', serverId: 'staging' }),
          makeJob({ id: 'c', repository: 'gamma', status: 'completed' }),
        ],
      }),
    );
    const grid = () => screen.getByRole('grid', { name: 'Jobs' });
    await user.selectOptions(screen.getByLabelText('Server'), 'staging');
    expect(rows(grid()).map((r) => r.getAttribute('data-job-key'))).toEqual(['staging/b']);
    await user.selectOptions(screen.getByLabelText('Server'), 'all');
    await user.selectOptions(screen.getByLabelText('Status'), 'completed');
    expect(rows(grid()).map((r) => r.getAttribute('data-job-key'))).toEqual(['prod/c']);
    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    await user.type(screen.getByLabelText('Search jobs'), 'ALP');
    expect(rows(grid()).map((r) => r.getAttribute('data-job-key'))).toEqual(['prod/a']);
    expect(screen.getByText('1 job')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Search jobs'));
    await user.click(screen.getByLabelText('Group by server'));
    expect(within(grid()).getByRole('rowheader', { name: /Production \(2 jobs\)/ })).toBeInTheDocument();
    expect(within(grid()).getByRole('rowheader', { name: /staging \(1 job\)/ })).toBeInTheDocument();
  });

  it('renders a window of rows, not all 10,000 jobs', async () => {
    const jobs = Array.from({ length: 10_000 }, (_, i) =>
      makeJob({
        id: `j${i}`,
        repository: `repo-${i}`,
        status: i % 3 === 0 ? 'running' : 'completed',
        completedAt: i,
      }),
    );
    const { screen } = await renderApp(makeSnapshot({ jobs }));
    const grid = screen.getByRole('grid', { name: 'Jobs' });
    const rendered = rows(grid);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    expect(screen.getByText('10000 jobs')).toBeInTheDocument();
  });

  it('updates a row when a patch arrives', async () => {
    const { screen, fake } = await renderApp(
      makeSnapshot({ version: 3, jobs: [makeJob({ id: 'a', progress: 25 })] }),
    );
    act(() => fake.emit('core:patch', patch(4, { jobs: [makeJob({ id: 'a', progress: 80 })] })));
    expect(screen.getByRole('progressbar', { name: /Progress of Sync: backend/ })).toHaveAttribute(
      'aria-valuenow',
      '80',
    );
  });

  it('reorders the list when a patch changes a job status', async () => {
    const { screen, fake } = await renderApp(
      makeSnapshot({
        version: 3,
        jobs: [
          makeJob({ id: 'a', repository: 'alpha' }),
          makeJob({ id: 'b', repository: 'beta', status: 'pending' }),
        ],
      }),
    );
    const order = () =>
      rows(screen.getByRole('grid', { name: 'Jobs' })).map((r) => r.getAttribute('data-job-key'));
    expect(order()).toEqual(['prod/a', 'prod/b']);
    act(() =>
      fake.emit(
        'core:patch',
        patch(4, {
          jobs: [makeJob({ id: 'a', repository: 'alpha', status: 'completed', completedAt: Date.now() })],
        }),
      ),
    );
    expect(order()).toEqual(['prod/b', 'prod/a']);
  });

  it('moves between rows with the arrow keys, opens with Enter and closes with Escape', async () => {
    const user = userEvent.setup();
    const { screen } = await renderApp(
      makeSnapshot({
        jobs: [
          makeJob({ id: 'a', repository: 'alpha' }),
          makeJob({ id: 'b', repository: 'beta', status: 'pending' }),
        ],
      }),
    );
    const first = screen.getByRole('row', { name: /alpha/ });
    expect(first).toHaveAttribute('tabindex', '0');
    first.focus();
    await user.keyboard('{ArrowDown}');
    const second = screen.getByRole('row', { name: /beta/ });
    expect(second).toHaveFocus();
    expect(second).toHaveAttribute('tabindex', '0');
    expect(first).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{Enter}');
    expect(useUiStore.getState().selectedJob).toBe('prod/b');
    const detail = screen.getByRole('region', { name: 'Sync: beta' });
    expect(within(detail).getByRole('heading', { name: 'Sync: beta' })).toHaveFocus();
    fireEvent.keyDown(detail, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Sync: beta' })).not.toBeInTheDocument();
    expect(second).toHaveFocus();
  });

  it('tells main which jobs are on screen', async () => {
    const { fake } = await renderApp(
      makeSnapshot({
        servers: [makeServer(), makeServer('staging')],
        jobs: [makeJob({ id: 'a' }), makeJob({ id: 'b', serverId: 'staging' })],
      }),
    );
    await waitFor(() => expect(fake.callsTo('jobs:focus')).toHaveLength(2));
    expect(fake.callsTo('jobs:focus')).toEqual(
      expect.arrayContaining([
        { serverId: 'prod', jobIds: ['a'] },
        { serverId: 'staging', jobIds: ['b'] },
      ]),
    );
  });
});
