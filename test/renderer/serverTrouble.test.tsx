/** A server in trouble shows on the Jobs view: why, how old its data is, and until when it is paused. */
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatTimeOfDay } from '../../renderer/model/serverTrouble';
import { makeJob, makeServer, makeServerState, makeSnapshot } from './support/fixtures';
import { renderApp } from './support/renderApp';

const region = (screen: Awaited<ReturnType<typeof renderApp>>['screen']) =>
  screen.queryByRole('region', { name: 'Servers in trouble' });

describe('server trouble banner', () => {
  it('shows an offline server with its reason and how old its data is, and dates the summary', async () => {
    const lastSuccessAt = Date.now() - 5 * 60_000;
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [
          makeServer(
            'prod',
            {},
            {
              state: makeServerState('prod', {
                health: 'offline',
                lastSuccessAt,
                lastError: { kind: 'offline', message: 'Server at https://prod.cidx.example is unreachable' },
              }),
            },
          ),
        ],
        jobs: [makeJob({ id: 'a' })],
      }),
    );
    const banners = region(screen);
    expect(banners).not.toBeNull();
    const banner = within(banners!).getByRole('group', { name: 'Production: Offline' });
    expect(banner).toHaveTextContent('Production');
    expect(banner).toHaveTextContent('Offline');
    expect(banner).toHaveTextContent('Server at https://prod.cidx.example is unreachable');
    expect(banner).toHaveTextContent(/Last answered 5 min( \d+ s)? ago \(stale\)/);
    expect(banner).not.toHaveTextContent('paused by the server');
    expect(banner).toHaveClass('failure');
    expect(document.querySelector('.summary')).toHaveTextContent(
      /1 running · 0 pending · .*as of 5 min( \d+ s)? ago/,
    );
  });

  it('says until when a rate-limited server paused polling', async () => {
    const until = Date.now() + 10 * 60_000;
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [
          makeServer(
            'prod',
            {},
            {
              state: makeServerState('prod', {
                health: 'degraded',
                lastSuccessAt: Date.now() - 30_000,
                rateLimitedUntil: until,
                lastError: {
                  kind: 'rate-limited',
                  message: 'Too many requests',
                  status: 429,
                  retryAfterMs: 600_000,
                },
              }),
            },
          ),
        ],
      }),
    );
    const banner = within(region(screen)!).getByRole('group', { name: 'Production: Degraded' });
    expect(banner).toHaveTextContent('Too many requests');
    expect(banner).toHaveTextContent(`paused by the server until ${formatTimeOfDay(until)}`);
    expect(formatTimeOfDay(until)).toMatch(/\d{1,2}.\d{2}/);
    expect(banner).toHaveClass('warning');
  });

  it('shows nothing for a healthy server, a switched-off one, or a Retry-After already over', async () => {
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [
          makeServer('prod', {}, { state: makeServerState('prod', { lastSuccessAt: Date.now() }) }),
          makeServer(
            'old',
            { enabled: false },
            {
              state: makeServerState('old', {
                health: 'offline',
                lastError: { kind: 'offline', message: 'gone' },
              }),
            },
          ),
          makeServer('late', {}, { state: makeServerState('late', { rateLimitedUntil: Date.now() - 1000 }) }),
        ],
        jobs: [makeJob({ id: 'a' })],
      }),
    );
    expect(region(screen)).toBeNull();
    expect(document.querySelector('.summary')).toHaveTextContent('1 running · 0 pending');
    expect(document.querySelector('.summary')).not.toHaveTextContent('as of');
  });

  it('renders hostile error text as text, never as markup', async () => {
    const hostile = 'Bad gateway: <img src=x onerror="window.pwned=1"><b>bold</b>';
    const { screen } = await renderApp(
      makeSnapshot({
        servers: [
          makeServer(
            'prod',
            {},
            {
              state: makeServerState('prod', {
                health: 'degraded',
                lastError: { kind: 'server-error', message: hostile, status: 502 },
              }),
            },
          ),
        ],
      }),
    );
    const banner = within(region(screen)!).getByRole('group', { name: 'Production: Degraded' });
    expect(banner.querySelector('.server-trouble__reason')?.textContent).toBe(hostile);
    expect(banner.querySelector('img')).toBeNull();
    expect(banner.querySelector('b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
