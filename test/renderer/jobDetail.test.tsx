/** Job detail: error as text, actions through the bridge, failures in words, retry reasons. */
import { act, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../renderer/stores/uiStore';
import { fail, ok } from './support/fakeBridge';
import { makeJob, makeSnapshot, patch } from './support/fixtures';
import { renderApp } from './support/renderApp';

async function openDetail(jobs = [makeJob({ id: 'a' })], version = 5) {
  const rendered = await renderApp(makeSnapshot({ jobs, version }));
  act(() => useUiStore.getState().selectJob(`prod/${jobs[0]!.job.id}`));
  const detail = rendered.screen.getByRole('region', { name: /Sync/ });
  return { ...rendered, detail };
}

describe('job detail', () => {
  it('shows server error text as text, never as markup', async () => {
    const hostile = 'Sync failed: <img src=x onerror="window.pwned=1"><b>bold</b>';
    const { detail } = await openDetail([
      makeJob({ id: 'a', status: 'failed', error: hostile, completedAt: Date.now() }),
    ]);
    const error = within(detail).getByLabelText('Error text');
    expect(error.textContent).toBe(hostile);
    expect(detail.querySelector('img')).toBeNull();
    expect(detail.querySelector('b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('cancels through the bridge', async () => {
    const user = userEvent.setup();
    const { detail, fake } = await openDetail();
    await user.click(within(detail).getByRole('button', { name: 'Cancel job' }));
    expect(fake.callsTo('jobs:cancel')).toEqual([{ serverId: 'prod', jobId: 'a' }]);
    expect(within(detail).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says in words why a cancel failed', async () => {
    const user = userEvent.setup();
    const { detail, fake } = await openDetail();
    fake.on('jobs:cancel', () => fail('forbidden', 'You may only cancel your own jobs.'));
    await user.click(within(detail).getByRole('button', { name: 'Cancel job' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent(
      'Cancel failed: You may only cancel your own jobs.',
    );
  });

  it('disables retry and gives the reason when the job cannot be retried', async () => {
    const reason =
      'This sync was submitted outside CIDX Tray: the server does not say which repository it was for.';
    const { detail } = await openDetail([
      makeJob({ id: 'a', status: 'failed', completedAt: Date.now(), retry: { retryable: false, reason } }),
    ]);
    const retry = within(detail).getByRole('button', { name: 'Retry job' });
    expect(retry).toBeDisabled();
    expect(retry).toHaveAccessibleDescription(`Cannot retry: ${reason}`);
  });

  it('retries, then follows the new job; a failed retry is explained', async () => {
    const user = userEvent.setup();
    const retryable = {
      retryable: true as const,
      request: { kind: 'sync' as const, repository: 'backend', options: {} },
    };
    const { detail, fake } = await openDetail([
      makeJob({ id: 'a', status: 'failed', completedAt: Date.now(), retry: retryable }),
    ]);
    fake.on('jobs:retry', () => fail('conflict', 'A sync is already running for this user.'));
    await user.click(within(detail).getByRole('button', { name: 'Retry job' }));
    expect(await within(detail).findByRole('alert')).toHaveTextContent(
      'Retry failed: A sync is already running for this user.',
    );

    fake.on('jobs:retry', () => ok({ serverId: 'prod', jobId: 'new-job' }));
    await user.click(within(detail).getByRole('button', { name: 'Retry job' }));
    await waitFor(() => expect(useUiStore.getState().selectedJob).toBe('prod/new-job'));
    expect(fake.callsTo('jobs:retry')).toEqual([
      { serverId: 'prod', jobId: 'a' },
      { serverId: 'prod', jobId: 'a' },
    ]);
  });

  it('opens the job in the web UI and copies its id', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    const { detail, fake } = await openDetail();
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await user.click(within(detail).getByRole('button', { name: 'Open in CIDX web UI' }));
    expect(fake.callsTo('open:job')).toEqual([{ serverId: 'prod', jobId: 'a' }]);
    await user.click(within(detail).getByRole('button', { name: 'Copy job id' }));
    expect(writeText).toHaveBeenCalledWith('a');
    expect(within(detail).getByText('Job id copied.')).toBeInTheDocument();
  });

  it('draws the timeline and progress chart from what it observed', async () => {
    const { detail, fake } = await openDetail(
      [makeJob({ id: 'a', progress: 10, operationType: 'reindex' })],
      5,
    );
    act(() =>
      fake.emit('core:patch', patch(6, { jobs: [makeJob({ id: 'a', progress: 50, phase: 'embedding' })] })),
    );
    act(() =>
      fake.emit(
        'core:patch',
        patch(7, {
          jobs: [
            makeJob({
              id: 'a',
              progress: 100,
              status: 'completed',
              completedAt: Date.now(),
              result: { files_indexed: 12 },
            }),
          ],
        }),
      ),
    );
    const timeline = within(detail).getByRole('list', { name: 'Timeline' });
    const steps = within(timeline)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps.some((s) => s?.includes('Created on the server'))).toBe(true);
    expect(steps.some((s) => s?.includes('Seen: Running, phase embedding'))).toBe(true);
    expect(steps.some((s) => s?.includes('Ended: Completed'))).toBe(true);
    expect(within(detail).getByRole('img', { name: 'Progress over time' })).toBeInTheDocument();
    expect(within(detail).getByText(/Progress went from 10 to 100 percent/)).toBeInTheDocument();
    expect(within(detail).getByText('files_indexed').closest('dt')?.nextSibling).toHaveTextContent('12');
  });

  it('tells main a failure was seen when it is opened, and only then', async () => {
    const { fake } = await openDetail([
      makeJob({ id: 'a', status: 'failed', completedAt: Date.now(), acknowledged: false }),
      makeJob({ id: 'b', status: 'failed', completedAt: Date.now(), acknowledged: true }),
    ]);
    expect(fake.callsTo('jobs:acknowledge')).toEqual([{ serverId: 'prod', jobId: 'a' }]);
    act(() => useUiStore.getState().selectJob('prod/b'));
    expect(fake.callsTo('jobs:acknowledge')).toHaveLength(1);
  });

  it('waits for a job it has not heard of yet', async () => {
    const { screen } = await renderApp(makeSnapshot());
    act(() => useUiStore.getState().selectJob('prod/unknown'));
    expect(screen.getByText(/Waiting for Production to report job unknown/)).toBeInTheDocument();
  });
});
