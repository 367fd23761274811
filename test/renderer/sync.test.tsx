/** Starting a sync: repositories of the chosen server, submit, follow the job, 409 explained. */
import { act, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../../renderer/stores/uiStore';
import { fail, FakeBridge, ok } from './support/fakeBridge';
import { makeServer, makeSnapshot } from './support/fixtures';
import { renderApp } from './support/renderApp';

function bridgeWithRepositories() {
  const fake = new FakeBridge(makeSnapshot({ servers: [makeServer(), makeServer('staging')] }));
  fake.on('servers:repositories', ({ serverId }) =>
    ok(
      serverId === 'prod'
        ? [
            { alias: 'backend', goldenAlias: 'backend', branch: 'main' },
            { alias: 'frontend', goldenAlias: 'frontend', branch: null },
          ]
        : [{ alias: 'staging-repo', goldenAlias: null, branch: 'dev' }],
    ),
  );
  return fake;
}

async function syncView(fake: FakeBridge) {
  const rendered = await renderApp(fake);
  act(() => useUiStore.getState().setView('sync'));
  await rendered.screen.findByRole('option', { name: 'backend (main)' });
  return rendered;
}

describe('sync view', () => {
  it('lists the chosen server activated repositories', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await syncView(bridgeWithRepositories());
    await user.selectOptions(screen.getByLabelText('Server'), 'staging');
    expect(await screen.findByRole('option', { name: 'staging-repo (dev)' })).toBeInTheDocument();
    expect(fake.callsTo('servers:repositories')).toEqual([{ serverId: 'prod' }, { serverId: 'staging' }]);
  });

  it('submits and then follows the new job', async () => {
    const user = userEvent.setup();
    const fake = bridgeWithRepositories().on('jobs:sync', ({ serverId }) => ok({ serverId, jobId: 'fresh' }));
    const { screen } = await syncView(fake);
    await user.selectOptions(screen.getByLabelText('Repository'), 'frontend');
    await user.click(screen.getByRole('button', { name: 'Start sync' }));
    expect(fake.callsTo('jobs:sync')).toEqual([{ serverId: 'prod', repository: 'frontend' }]);
    await waitFor(() => expect(useUiStore.getState().view).toBe('jobs'));
    expect(useUiStore.getState().selectedJob).toBe('prod/fresh');
    expect(screen.getByText(/Waiting for Production to report job fresh/)).toBeInTheDocument();
  });

  it('explains a 409: one sync per user at a time, on any repository', async () => {
    const user = userEvent.setup();
    const fake = bridgeWithRepositories().on('jobs:sync', () =>
      fail('conflict', 'Sync already in progress for user alice.'),
    );
    const { screen } = await syncView(fake);
    await user.click(screen.getByRole('button', { name: 'Start sync' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You already have a sync running on Production.');
    expect(alert).toHaveTextContent('one sync per user at a time, on any repository');
    expect(alert).toHaveTextContent('Sync already in progress for user alice.');
    expect(useUiStore.getState().view).toBe('sync');
  });

  it('says when repositories cannot be listed', async () => {
    const fake = new FakeBridge(makeSnapshot()).on('servers:repositories', () =>
      fail('offline', 'Server at https://prod.cidx.example is unreachable (connection refused).'),
    );
    const { screen } = await renderApp(fake);
    act(() => useUiStore.getState().setView('sync'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not list the repositories: Server at');
  });
});
