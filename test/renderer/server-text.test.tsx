/**
 * Issue 8 in the window: a hostile server's job, as the client hands it over, is rendered as
 * text (never markup) and every piece of server text sits in a bidi-isolating element, so a
 * right-to-left name cannot reorder what surrounds it.
 */
import { act, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { normalizeJob } from '../../main/core/cidx/job';
import { jobSchema } from '../../main/core/cidx/schemas';
import { operationInWords, repositoryOf } from '../../main/core/jobs/operation-names';
import { useUiStore } from '../../renderer/stores/uiStore';
import { hostileJobBody } from '../support/hostile-text';
import { makeJob, makeSnapshot } from './support/fixtures';
import { renderApp } from './support/renderApp';

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The element holding exactly `text` is (or sits in) a `<bdi>`, which isolates its direction. */
function expectIsolated(container: HTMLElement, text: string): void {
  const holders = within(container).getAllByText((_, element) => element?.textContent === text);
  const innermost = holders.filter(
    (element) => ![...holders].some((o) => o !== element && element.contains(o)),
  );
  expect(innermost.length).toBeGreaterThan(0);
  for (const element of innermost) expect(element.closest('bdi')).not.toBeNull();
}

function hostileView() {
  const job = normalizeJob(
    jobSchema.parse({
      ...hostileJobBody('hostile-1'),
      status: 'failed',
      // Right-to-left text (legitimate, kept) next to the attack strings.
      current_phase: 'مرحلة\u202e',
    }),
  )!;
  return makeJob({
    ...job,
    id: job.id,
    repository: repositoryOf(job),
    operation: operationInWords(job.operationType),
    completedAt: Date.now(),
  });
}

describe('server text in the window', () => {
  it('is text inside <bdi> in the job row and the job detail', async () => {
    const view = hostileView();
    const { screen } = await renderApp(makeSnapshot({ jobs: [view] }));
    const row = screen.getAllByRole('row').find((r) => r.hasAttribute('data-job-key'))!;
    expectIsolated(row, view.operation);
    expectIsolated(row, view.repository!);
    expect(row.textContent).toContain('abcgnp.exe');
    expect(row.textContent).not.toMatch(BIDI_CONTROLS);

    act(() => useUiStore.getState().selectJob(`prod/${view.job.id}`));
    const detail = screen.getByRole('region', { name: /evil-repo/ });
    for (const text of [view.job.id, view.job.username!, view.job.error!]) expectIsolated(detail, text);
    expectIsolated(detail, `${view.job.phase} — ${view.job.phaseDetail}`);
    expect(view.job.phase).toBe('مرحلة');
    expect(within(detail).getByLabelText('Error text').textContent).toBe(view.job.error);

    // Markup stays text: no element was made from the server's HTML.
    expect(document.querySelector('img')).toBeNull();
    expect(document.body.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(document.body.textContent).not.toMatch(BIDI_CONTROLS);
    expect(document.body.textContent).not.toContain('pwned title');
  });

  it('isolates an unknown status word, which is the server’s own', async () => {
    const { screen } = await renderApp(
      makeSnapshot({ jobs: [makeJob({ id: 'w', status: 'weird_status', repository: 'repo' })] }),
    );
    const row = screen.getAllByRole('row').find((r) => r.hasAttribute('data-job-key'))!;
    expectIsolated(row, 'Weird status');
  });
});
