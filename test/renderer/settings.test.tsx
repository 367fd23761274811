/** Settings: edited as a draft, saved through settings:update, failures in words. */
import { act, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../main/core/monitor/settings-patch';
import { useUiStore } from '../../renderer/stores/uiStore';
import { fail, FakeBridge, ok } from './support/fakeBridge';
import { makeSnapshot } from './support/fixtures';
import { renderApp } from './support/renderApp';

async function settingsView(fake = new FakeBridge(makeSnapshot())) {
  const rendered = await renderApp(fake);
  act(() => useUiStore.getState().setView('settings'));
  return rendered;
}

describe('settings view', () => {
  it('shows the current settings and saves changes through settings:update', async () => {
    const user = userEvent.setup();
    const fake = new FakeBridge(makeSnapshot());
    fake.on('settings:update', () => ok({ ...fake.snapshot.settings, theme: 'dark', launchAtLogin: true }));
    const { screen } = await settingsView(fake);
    expect(screen.getByLabelText('Interval while jobs run (seconds)')).toHaveValue('1');
    expect(screen.getByLabelText('Interval when idle (seconds)')).toHaveValue('15');
    await user.clear(screen.getByLabelText('Interval while jobs run (seconds)'));
    await user.type(screen.getByLabelText('Interval while jobs run (seconds)'), '2.5');
    await user.click(screen.getByLabelText('When a job is cancelled'));
    await user.click(screen.getByLabelText('Hold notifications during quiet hours'));
    await user.click(screen.getByLabelText('Start CIDX Tray when I log in'));
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    const [sent] = fake.callsTo('settings:update') as SettingsPatch[];
    expect(sent?.polling).toEqual({ activeIntervalMs: 2500, idleIntervalMs: 15_000 });
    expect(sent?.notifications?.events?.cancelled).toBe(false);
    expect(sent?.notifications?.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(sent?.launchAtLogin).toBe(true);
    expect(sent?.theme).toBe('dark');
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('shows main validation failures in words', async () => {
    const user = userEvent.setup();
    const fake = new FakeBridge(makeSnapshot()).on('settings:update', () =>
      fail(
        'invalid-input',
        'Settings not changed: polling.activeIntervalMs: Too small: expected number to be >=500',
      ),
    );
    const { screen } = await settingsView(fake);
    await user.clear(screen.getByLabelText('Interval while jobs run (seconds)'));
    await user.type(screen.getByLabelText('Interval while jobs run (seconds)'), '0.1');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Settings not changed: polling.activeIntervalMs: Too small: expected number to be >=500',
    );
  });

  it('catches a value that is not a number before sending', async () => {
    const user = userEvent.setup();
    const { screen, fake } = await settingsView();
    await user.clear(screen.getByLabelText('Keep finished jobs for (days)'));
    await user.type(screen.getByLabelText('Keep finished jobs for (days)'), 'a week');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Days to keep finished jobs must be a number.');
    expect(fake.callsTo('settings:update')).toEqual([]);
  });
});
