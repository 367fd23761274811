/**
 * What a job row says at a glance (issue 9): when and how long, the time left, the repository
 * only when something names it, a failed job's first error line; server headings without a
 * gap; and in a narrow window, taller two-band rows and the job detail as a page of its own.
 */
import { fireEvent, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished } from 'vitest';
import { clockTime } from '../../preload/clock-time';
import { rowTimes } from '../../renderer/model/jobRowText';
import { useUiStore } from '../../renderer/stores/uiStore';
import { makeJob, makeServer, makeSnapshot } from './support/fixtures';
import { renderApp } from './support/renderApp';

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 15, 14, 30, 0);

/** happy-dom's own window control: media queries follow the viewport it sets. */
function setViewportWidth(width: number): void {
  const { happyDOM } = window as unknown as { happyDOM: { setViewport(v: { width: number }): void } };
  happyDOM.setViewport({ width });
  onTestFinished(() => happyDOM.setViewport({ width: 1024 }));
}

/** The virtual list's slot of a row or heading: its top and height, as the list laid it out. */
function slotOf(element: HTMLElement): { top: number; height: number } {
  const slot = element.closest<HTMLElement>('.job-grid__slot')!;
  const top = Number(/translateY\(([\d.]+)px\)/.exec(slot.style.transform)?.[1]);
  return { top, height: parseFloat(slot.style.height) };
}

describe('row times', () => {
  it('says when a running job started, how long it has run and, with an estimate, how long is left', () => {
    const job = {
      status: 'running',
      createdAt: NOW - 5 * MIN,
      startedAt: NOW - 4 * MIN - 12_000,
      completedAt: null,
    };
    const eta = { remainingMs: 100_000, finishAt: NOW + 100_000, ratePerMinute: 10 };
    expect(rowTimes(job, eta, NOW)).toEqual({
      when: `Started ${clockTime(job.startedAt)}`,
      howLong: 'Elapsed 4 min 12 s',
      // An estimate in whole minutes: "about 1 min 40 s" would claim a precision it lacks.
      left: 'About 2 min left',
    });
    expect(rowTimes(job, { ...eta, finishAt: NOW + 34_000 }, NOW).left).toBe('About 30 s left');
    expect(rowTimes(job, { ...eta, finishAt: NOW - 5000 }, NOW).left).toBe('About 10 s left');
    expect(rowTimes(job, null, NOW).left).toBeNull();
  });

  it('says when a finished job finished and how long it took', () => {
    const job = { status: 'completed', createdAt: 0, startedAt: NOW - 10 * MIN, completedAt: NOW - 3 * MIN };
    expect(rowTimes(job, null, NOW)).toEqual({
      when: 'Finished 3 min ago',
      howLong: 'Took 7 min',
      left: null,
    });
    // Cancelled while pending: it never started, so it took nothing worth saying.
    expect(rowTimes({ ...job, status: 'cancelled', startedAt: null }, null, NOW)).toEqual({
      when: 'Finished 3 min ago',
      howLong: null,
      left: null,
    });
  });

  it('says when a pending job was queued and how long it has waited, and no duration it does not know', () => {
    const job = { status: 'pending', createdAt: NOW - 40_000, startedAt: null, completedAt: null };
    expect(rowTimes(job, null, NOW)).toEqual({
      when: `Queued ${clockTime(job.createdAt)}`,
      howLong: 'Waiting 40 s',
      left: null,
    });
    // HEAD can run a job without ever giving its start (cidx-api.md §2.1): no made-up duration.
    expect(rowTimes({ ...job, status: 'running' }, null, NOW)).toEqual({
      when: `Submitted ${clockTime(job.createdAt)}`,
      howLong: null,
      left: null,
    });
  });
});

describe('job rows', () => {
  it('show times, the ETA, the error line of failed jobs, and no placeholder for an unknown repository', async () => {
    const now = Date.now();
    const { screen } = await renderApp(
      makeSnapshot({
        jobs: [
          makeJob({
            id: 'run',
            repository: null,
            startedAt: now - 63_000,
            eta: { remainingMs: 2 * MIN, finishAt: now + 2 * MIN, ratePerMinute: 30 },
          }),
          makeJob({
            id: 'bad',
            repository: 'web-app',
            status: 'failed',
            startedAt: now - 10 * MIN - 1000,
            completedAt: now - 3 * MIN - 1000,
            error: "Sync failed due to merge conflicts in repository 'web-app'. Manual resolution required.",
          }),
        ],
      }),
    );
    const running = screen.getByRole('row', { name: /^Sync, Running, Production$/ });
    expect(running).not.toHaveTextContent('Repository not reported');
    expect(running).toHaveTextContent(/Started \d\d:\d\d/);
    expect(running).toHaveTextContent(/Elapsed 1 min [34] s/);
    expect(running).toHaveTextContent('About 2 min left');

    const failed = screen.getByRole('row', { name: /^Sync: web-app, Failed, Production$/ });
    expect(failed).toHaveTextContent(/Finished 3 min( \d+ s)? ago/);
    expect(failed).toHaveTextContent('Took 7 min');
    const errorLine = failed.querySelector('.job-row__error')!;
    expect(errorLine.textContent).toBe(
      "Sync failed due to merge conflicts in repository 'web-app'. Manual resolution required.",
    );
    // What a narrow row cuts short stays one hover away (and one click away, in the detail).
    expect(errorLine).toHaveAttribute('title', errorLine.textContent);
    expect(failed).not.toHaveTextContent('About');
  });

  it('puts each server heading right above its jobs, without a gap', async () => {
    useUiStore.getState().setFilters({ groupByServer: true });
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [makeServer(), makeServer('staging')],
        jobs: [makeJob({ id: 'a' }), makeJob({ id: 'b', serverId: 'staging', repository: 'beta' })],
      }),
    );
    const grid = screen.getByRole('grid', { name: 'Jobs' });
    const production = slotOf(within(grid).getByRole('rowheader', { name: /Production/ }));
    const first = slotOf(within(grid).getByRole('row', { name: /^Sync: backend/ }));
    const staging = slotOf(within(grid).getByRole('rowheader', { name: /staging/ }));
    const second = slotOf(within(grid).getByRole('row', { name: /^Sync: beta/ }));
    // A heading is one line tall, not a job row's three, and each slot starts where the last ends.
    expect(production.height).toBeLessThanOrEqual(first.height / 2);
    expect(first.top).toBe(production.top + production.height);
    expect(staging.top).toBe(first.top + first.height);
    expect(second.top).toBe(staging.top + staging.height);
  });
});

describe('a narrow window', () => {
  it('gives rows two bands of room and opens a job as its own page, with a way back to its row', async () => {
    setViewportWidth(420);
    const user = userEvent.setup();
    const { screen } = await renderApp(
      makeSnapshot({
        jobs: [
          makeJob({ id: 'a', repository: 'alpha' }),
          makeJob({ id: 'b', repository: 'beta', status: 'completed_partial', completedAt: Date.now() }),
        ],
      }),
    );
    const row = screen.getByRole('row', { name: /^Sync: beta, Partly completed/ });
    expect(slotOf(row).height).toBeGreaterThanOrEqual(100);
    await user.click(row);

    // The detail replaces the list: no list, no close cross, a back control instead.
    const detail = screen.getByRole('region', { name: 'Sync: beta' });
    expect(screen.queryByRole('grid', { name: 'Jobs' })).not.toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Close job details' })).not.toBeInTheDocument();
    await user.click(within(detail).getByRole('button', { name: 'Back to jobs' }));

    expect(screen.queryByRole('region', { name: 'Sync: beta' })).not.toBeInTheDocument();
    const back = screen.getByRole('row', { name: /^Sync: beta/ });
    expect(back).toHaveFocus();

    // Escape goes back too, as it closes the side panel of a wide window.
    await user.click(back);
    fireEvent.keyDown(screen.getByRole('region', { name: 'Sync: beta' }), { key: 'Escape' });
    expect(screen.getByRole('grid', { name: 'Jobs' })).toBeInTheDocument();
  });

  it('keeps the side panel and its close control in a wide window', async () => {
    const user = userEvent.setup();
    const { screen } = await renderApp(makeSnapshot({ jobs: [makeJob({ id: 'a', repository: 'alpha' })] }));
    await user.click(screen.getByRole('row', { name: /^Sync: alpha/ }));
    const detail = screen.getByRole('region', { name: 'Sync: alpha' });
    expect(screen.getByRole('grid', { name: 'Jobs' })).toBeInTheDocument();
    expect(within(detail).getByRole('button', { name: 'Close job details' })).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: 'Back to jobs' })).not.toBeInTheDocument();
  });
});
