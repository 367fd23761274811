/** First run, adding/editing/removing servers, the connection test and per-server health. */
import { act, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../../renderer/stores/uiStore';
import { fail, FakeBridge, ok } from './support/fakeBridge';
import { makeServer, makeServerState, makeSnapshot, patch } from './support/fixtures';
import { renderApp } from './support/renderApp';

describe('first run', () => {
  it('explains the app and walks through adding the first server', async () => {
    const user = userEvent.setup();
    const fake = new FakeBridge(makeSnapshot({ servers: [], version: 1 }));
    fake.on('servers:add', ({ server }) => ok(makeServer('first', { name: server.name }).config));
    const { screen } = await renderApp(fake);
    expect(screen.getByRole('heading', { name: 'Welcome to CIDX Tray' })).toBeInTheDocument();
    expect(screen.getByText(/watches the background jobs of your CIDX servers/)).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Add a server' });
    await user.type(within(form).getByLabelText('Name'), 'Work');
    await user.type(within(form).getByLabelText('Server address'), 'https://cidx.work.example');
    await user.type(within(form).getByLabelText('API key'), 'cidx_sk_secret');
    await user.click(within(form).getByRole('button', { name: 'Add server' }));
    expect(fake.callsTo('servers:add')).toEqual([
      {
        server: {
          name: 'Work',
          url: 'https://cidx.work.example',
          auth: { mode: 'api-key' },
          tls: { insecureSkipVerify: false },
          showAllUsers: false,
          showSystemJobs: false,
          enabled: true,
        },
        credentials: { apiKey: 'cidx_sk_secret' },
      },
    ]);
    // The server arrives as a patch, and the window leaves the first-run state.
    act(() => fake.emit('core:patch', patch(2, { servers: [makeServer('first', { name: 'Work' })] })));
    expect(await screen.findByRole('tablist', { name: 'Views' })).toBeInTheDocument();
  });

  it('says what is missing before sending anything', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await renderApp(makeSnapshot({ servers: [] }));
    await user.click(screen.getByRole('button', { name: 'Add server' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Give the server a name.');
    expect(alert).toHaveTextContent('The address must start with http:// or https://.');
    expect(alert).toHaveTextContent('Enter the API key.');
    expect(fake.callsTo('servers:add')).toEqual([]);
  });
});

describe('servers view', () => {
  async function serversView(snapshot = makeSnapshot()) {
    const rendered = await renderApp(snapshot);
    act(() => useUiStore.getState().setView('servers'));
    return rendered;
  }

  it('shows a failing connection test in words, with what to do', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await serversView();
    fake.on('servers:test', () =>
      fail('mfa-required', 'The account alice has multi-factor authentication enabled.'),
    );
    await user.click(screen.getByRole('button', { name: 'Add server' }));
    const form = screen.getByRole('form', { name: 'Add a server' });
    await user.type(within(form).getByLabelText('Name'), 'Lab');
    await user.type(within(form).getByLabelText('Server address'), 'https://lab.example');
    await user.click(within(form).getByLabelText('Username and password'));
    await user.type(within(form).getByLabelText('Username'), 'alice');
    await user.type(within(form).getByLabelText('Password'), 'hunter2');
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Connection test failed: The account alice has multi-factor authentication enabled.',
    );
    expect(alert).toHaveTextContent('create an API key');
    expect(fake.callsTo('servers:test')).toEqual([
      expect.objectContaining({
        credentials: { password: 'hunter2' },
        server: expect.objectContaining({ auth: { mode: 'password', username: 'alice' } }),
      }),
    ]);
  });

  it('reports a successful connection test', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await serversView();
    fake.on('servers:test', () =>
      ok({ flavor: 'head', version: '11.2.0', healthStatus: 'healthy', username: 'bob', role: 'admin' }),
    );
    await user.click(screen.getByRole('button', { name: 'Add server' }));
    const form = screen.getByRole('form', { name: 'Add a server' });
    await user.type(within(form).getByLabelText('Name'), 'Lab');
    await user.type(within(form).getByLabelText('Server address'), 'https://lab.example');
    await user.type(within(form).getByLabelText('API key'), 'cidx_sk_x');
    await user.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(
      await within(form).findByText('Connected: CIDX 11 (HEAD) version 11.2.0, signed in as bob (admin).'),
    ).toBeInTheDocument();
  });

  it('shows each server health: state, last poll, latency, version, secret-store warning', async () => {
    const { screen } = await serversView(
      makeSnapshot({
        servers: [
          makeServer(
            'prod',
            {},
            {
              state: makeServerState('prod', {
                latencyMs: 87,
                version: '5.0.1',
                flavor: 'v5',
                lastSuccessAt: Date.now() - 30_000,
                unreadableJobs: 2,
              }),
              secretStoreWarning:
                'Secrets are stored in a file readable by your user only: no keychain was found.',
            },
          ),
          makeServer(
            'down',
            {},
            {
              state: makeServerState('down', {
                health: 'offline',
                lastError: {
                  kind: 'offline',
                  message: 'Server at https://down.example is unreachable (connection refused).',
                },
              }),
            },
          ),
        ],
      }),
    );
    const prod = screen.getByRole('article', { name: 'Production' });
    expect(prod).toHaveTextContent('Online');
    expect(prod).toHaveTextContent('87 ms');
    expect(prod).toHaveTextContent('CIDX 5, version 5.0.1');
    expect(prod).toHaveTextContent(/Polled 3\d s ago/);
    expect(prod).toHaveTextContent('no keychain was found');
    expect(prod).toHaveTextContent('2 jobs on this server could not be read and are left out.');
    const down = screen.getByRole('article', { name: 'down' });
    expect(down).toHaveTextContent('Offline');
    expect(down).toHaveTextContent(
      'Last problem: Server at https://down.example is unreachable (connection refused).',
    );
    expect(down).not.toHaveTextContent('could not be read');
  });

  it('edits a server without pre-filling its secret, and keeps the secret when left empty', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await serversView(
      makeSnapshot({ servers: [makeServer('prod', { auth: { mode: 'password', username: 'alice' } })] }),
    );
    fake.on('servers:update', ({ id }) => ok(makeServer(id).config));
    await user.click(screen.getByRole('button', { name: 'Edit Production' }));
    const form = screen.getByRole('form', { name: 'Edit Production' });
    expect(within(form).getByLabelText('Username')).toHaveValue('alice');
    expect(within(form).getByLabelText(/Password/)).toHaveValue('');
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Prod EU');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.callsTo('servers:update')).toHaveLength(1));
    const [request] = fake.callsTo('servers:update') as {
      id: string;
      patch: { name: string };
      credentials?: unknown;
    }[];
    expect(request!.id).toBe('prod');
    expect(request!.patch.name).toBe('Prod EU');
    expect(request!.credentials).toBeUndefined();
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
  });

  it('asks for the credential again when the address moves to another origin, and sends it with the change', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await serversView(
      makeSnapshot({ servers: [makeServer('prod', { auth: { mode: 'password', username: 'alice' } })] }),
    );
    fake.on('servers:update', ({ id }) => ok(makeServer(id).config));
    await user.click(screen.getByRole('button', { name: 'Edit Production' }));
    const form = screen.getByRole('form', { name: 'Edit Production' });
    const address = within(form).getByLabelText('Server address');
    await user.clear(address);
    await user.type(address, 'https://elsewhere.example:8443');
    expect(within(form).getByLabelText(/Password/)).toHaveAccessibleName(
      'Password (needed again: the address points at another server)',
    );
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    const alert = within(form).getByRole('alert');
    expect(alert).toHaveTextContent('Enter the password (the address points at another server');
    expect(fake.callsTo('servers:update')).toHaveLength(0);

    await user.type(within(form).getByLabelText(/Password/), 'pw-new');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake.callsTo('servers:update')).toHaveLength(1));
    const [request] = fake.callsTo('servers:update') as {
      patch: { url: string };
      credentials?: { password?: string };
    }[];
    expect(request!.patch.url).toBe('https://elsewhere.example:8443');
    expect(request!.credentials).toEqual({ password: 'pw-new' });
  });

  it('removes a server after confirmation and explains a failure', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await serversView();
    fake.on('servers:remove', () => fail('write-failed', 'The settings file could not be saved: disk full.'));
    await user.click(screen.getByRole('button', { name: 'Remove Production' }));
    expect(fake.callsTo('servers:remove')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Yes, remove Production' }));
    expect(fake.callsTo('servers:remove')).toEqual([{ id: 'prod' }]);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not remove the server: The settings file could not be saved: disk full.',
    );
  });
});
