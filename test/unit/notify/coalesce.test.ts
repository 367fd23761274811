import { describe, expect, it } from 'vitest';
import type { NotificationIntent } from '../../../main/core/notify';
import { buildDigest, createCoalescer, summarizeIntents } from '../../../main/core/notify';
import { createFakeClock } from '../jobs/helpers';

function intent(jobId: string, status: 'completed' | 'failed', serverId = 'work'): NotificationIntent {
  return {
    key: `${serverId}/${jobId}/${status}`,
    kind: status === 'failed' ? 'failed' : 'finished',
    title: `Sync of ${jobId} ${status}`,
    body: '',
    serverId,
    jobIds: [jobId],
    jobs: [{ serverId, jobId }],
    actions: ['open'],
    urgency: status === 'failed' ? 'critical' : 'normal',
    status,
    label: `Sync of ${jobId}`,
  };
}

describe('coalescing', () => {
  it('passes a lone intent unchanged', () => {
    const one = intent('a', 'completed');
    expect(summarizeIntents([one])).toBe(one);
    expect(summarizeIntents([])).toBeNull();
  });

  it('turns a burst into one summary with counts and the failures named', () => {
    const summary = summarizeIntents([
      intent('a', 'completed'),
      intent('b', 'failed'),
      intent('c', 'completed'),
      intent('d', 'completed', 'home'),
    ]);
    expect(summary).toMatchObject({
      kind: 'summary',
      title: '4 jobs finished',
      body: '1 failed, 3 completed.\nFailed: Sync of b.',
      serverId: null,
      jobIds: ['a', 'b', 'c', 'd'],
      urgency: 'critical',
      actions: ['open'],
    });
  });

  it('batches by a clock-driven window that starts with the first intent', () => {
    const clock = createFakeClock();
    const delivered: NotificationIntent[] = [];
    const coalescer = createCoalescer({ clock, windowMs: () => 3_000, deliver: (i) => delivered.push(i) });
    coalescer.add(intent('a', 'completed'));
    clock.advanceSync(2_000);
    coalescer.add(intent('b', 'completed'));
    expect(delivered).toEqual([]);
    clock.advanceSync(1_000);
    expect(delivered.map((i) => i.title)).toEqual(['2 jobs finished']);
    coalescer.add(intent('c', 'failed'));
    coalescer.flush();
    expect(delivered.map((i) => i.title)).toEqual(['2 jobs finished', 'Sync of c failed']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('builds digests with their own heading', () => {
    const digest = buildDigest([intent('a', 'completed'), intent('b', 'completed')], 'away');
    expect(digest).toMatchObject({
      kind: 'digest',
      title: 'While you were away: 2 jobs finished',
      body: '2 completed.',
    });
    expect(buildDigest([], 'quiet')).toBeNull();
  });
});
