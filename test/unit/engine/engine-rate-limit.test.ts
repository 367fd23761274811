/** The server state says until when a server's Retry-After holds polling back, and views hear of it. */
import { describe, expect, it } from 'vitest';
import { failure } from '../../support/fake-cidx-api';
import { eventsOf, harness } from './helpers';

const states = (h: ReturnType<typeof harness>) =>
  eventsOf(h.events, 'server-state').map((event) => event.state);

describe('rate limited until', () => {
  it('starts null, is set by a 429 with Retry-After, and clears when polling resumes', async () => {
    const h = harness();
    expect(h.engine.getServerState('s1')?.rateLimitedUntil).toBeNull();
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'online', rateLimitedUntil: null });

    h.api.failNext('listJobs', failure('rate-limited', { status: 429, retryAfterMs: 40_000 }));
    await h.clock.advance(15_000);
    const limited = h.engine.getServerState('s1');
    expect(limited?.health).toBe('degraded');
    expect(limited?.lastAttemptAt).not.toBeNull();
    const until = (limited?.lastAttemptAt ?? 0) + 40_000;
    expect(limited?.rateLimitedUntil).toBe(until);
    // Views heard of it: the tick's closing state carries it.
    expect(states(h).at(-1)?.rateLimitedUntil).toBe(until);

    await h.clock.advance(40_000);
    expect(h.engine.getServerState('s1')).toMatchObject({ health: 'online', rateLimitedUntil: null });
    expect(states(h).at(-1)?.rateLimitedUntil).toBeNull();
  });

  it('is set by a 503 Retry-After on an offline server, and stays null for failures without one', async () => {
    const h = harness();
    h.api.failNext('listJobs', failure('server-error', { status: 503, retryAfterMs: 60_000 }));
    h.engine.start();
    await h.clock.advance(0);
    const state = h.engine.getServerState('s1');
    expect(state?.health).toBe('offline');
    expect(state?.rateLimitedUntil).toBe((state?.lastAttemptAt ?? 0) + 60_000);

    const other = harness();
    other.api.failAlways('all', failure('offline'));
    other.engine.start();
    await other.clock.advance(0);
    expect(other.engine.getServerState('s1')).toMatchObject({ health: 'offline', rateLimitedUntil: null });
  });
});
