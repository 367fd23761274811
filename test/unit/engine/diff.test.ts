import { describe, expect, it } from 'vitest';
import type { Job } from '../../../main/core/cidx/job';
import type { DiffInput, Observation } from '../../../main/core/engine/diff';
import { diffJobs } from '../../../main/core/engine/diff';
import type { KnownJob } from '../../../main/core/engine/known-job';
import { T0, eventsOf, makeJob } from './helpers';

const NOW = T0 + 10_000;
const entry = (job: Job, observedAt: number | null = T0): [string, KnownJob] => [
  job.id,
  { job, observedAt, fetchedAt: null },
];
const run = (known: [string, KnownJob][], observations: Observation[], patch: Partial<DiffInput> = {}) =>
  diffJobs({
    serverId: 's1',
    known: new Map(known),
    observations,
    now: NOW,
    previousSuccessAt: T0,
    catchUpBefore: T0 - 100_000,
    submittedHere: new Set(),
    ...patch,
  });

describe('diffJobs', () => {
  it('adds unseen jobs; createdSinceLastPoll only for jobs created after the previous poll', () => {
    const old = makeJob({ createdAt: T0 - 1 });
    const fresh = makeJob({ createdAt: T0 + 5_000, status: 'completed' });
    const { events, known } = run(
      [],
      [
        { source: 'list', job: old },
        { source: 'list', job: fresh },
      ],
    );
    expect(eventsOf(events, 'job-added').map((event) => [event.job.id, event.createdSinceLastPoll])).toEqual([
      [old.id, false],
      [fresh.id, true],
    ]);
    expect(known.get(fresh.id)?.observedAt).toBe(NOW);
  });

  it('treats everything as history on the first poll, except jobs this app submitted', () => {
    const fresh = makeJob({ createdAt: T0 + 5_000 });
    const mine = makeJob({ createdAt: T0 - 5_000 });
    const { events } = run(
      [],
      [
        { source: 'list', job: fresh },
        { source: 'get', job: mine },
      ],
      {
        previousSuccessAt: null,
        submittedHere: new Set([mine.id]),
      },
    );
    expect(eventsOf(events, 'job-added').map((event) => event.createdSinceLastPoll)).toEqual([false, true]);
  });

  it('reports progress and status changes once, and nothing for unchanged jobs', () => {
    const job = makeJob({ status: 'pending', progress: 0 });
    const same = makeJob({ ...job });
    expect(run([entry(job)], [{ source: 'list', job: same }]).events).toEqual([]);
    const started = { ...job, status: 'running', progress: 25 };
    const { events } = run(
      [entry(job)],
      [
        { source: 'list', job: started },
        { source: 'list', job: started },
      ],
    );
    expect(events).toEqual([{ type: 'job-changed', serverId: 's1', job: started, previous: job }]);
  });

  it('reports a finish once, with catchUp false while the app was looking', () => {
    const job = makeJob({ status: 'running' });
    const done = { ...job, status: 'completed', progress: 100, completedAt: T0 + 9_000 };
    const first = run([entry(job)], [{ source: 'list', job: done }]);
    expect(eventsOf(first.events, 'job-finished')).toEqual([
      { type: 'job-finished', serverId: 's1', job: done, previous: job, status: 'completed', catchUp: false },
    ]);
    const again = diffJobs({
      serverId: 's1',
      known: first.known,
      observations: [
        { source: 'get', job: { ...done, progress: 99 } },
        { source: 'list', job: done },
      ],
      now: NOW + 2_000,
      previousSuccessAt: NOW,
      catchUpBefore: T0,
      submittedHere: new Set(),
    });
    expect(again.events).toEqual([]);
  });

  it('never lets a job leave a terminal status (no second finish)', () => {
    const done = makeJob({ status: 'failed', error: 'boom' });
    const { events, known } = run([entry(done)], [{ source: 'list', job: { ...done, status: 'running' } }]);
    expect(events).toEqual([]);
    expect(known.get(done.id)?.job.status).toBe('failed');
  });

  it('marks finishes of seeded jobs and of jobs last seen before an outage as catch-up', () => {
    const seeded = makeJob();
    const beforeOutage = makeJob();
    const lookedAt = makeJob();
    const finish = (job: Job): Observation => ({ source: 'list', job: { ...job, status: 'completed' } });
    const { events } = run(
      [entry(seeded, null), entry(beforeOutage, T0 - 60_000), entry(lookedAt, T0 + 1_000)],
      [finish(seeded), finish(beforeOutage), finish(lookedAt)],
      { catchUpBefore: T0 },
    );
    expect(eventsOf(events, 'job-finished').map((event) => [event.job.id, event.catchUp])).toEqual([
      [seeded.id, true],
      [beforeOutage.id, true],
      [lookedAt.id, false],
    ]);
  });

  it('keeps phases a GET taught while lists (null phases on HEAD, §2.2) show the job', () => {
    const job = makeJob({
      operationType: 'global_repo_refresh',
      progress: 40,
      phase: 'scip',
      phaseDetail: 'SCIP: generating...',
    });
    const listItem = { ...job, phase: null, phaseDetail: null };
    const unchanged = run([entry(job)], [{ source: 'list', job: listItem }]);
    expect(unchanged.events).toEqual([]);
    expect(unchanged.known.get(job.id)?.job.phase).toBe('scip');

    const moved = run([entry(job)], [{ source: 'list', job: { ...listItem, progress: 55 } }]);
    const changed = eventsOf(moved.events, 'job-changed')[0];
    expect(changed?.job).toMatchObject({ progress: 55, phase: 'scip', phaseDetail: 'SCIP: generating...' });
  });

  it('takes phases from a GET and remembers when it was read', () => {
    const job = makeJob({ operationType: 'global_repo_refresh', progress: 40 });
    const fetched = { ...job, phase: 'fts', phaseDetail: 'FTS: building index...' };
    const { events, known } = run(
      [entry(job)],
      [
        { source: 'list', job },
        { source: 'get', job: fetched },
      ],
    );
    expect(events).toEqual([{ type: 'job-changed', serverId: 's1', job: fetched, previous: job }]);
    expect(known.get(job.id)?.fetchedAt).toBe(NOW);
  });

  it('lets the furthest status win when two lists of one tick disagree', () => {
    const job = makeJob({ status: 'pending' });
    const running = { ...job, status: 'running' };
    const done = { ...job, status: 'cancelled' };
    const { events } = run(
      [entry(job)],
      [
        { source: 'list', job: done },
        { source: 'list', job: running },
      ],
    );
    expect(events).toHaveLength(1);
    expect(eventsOf(events, 'job-finished')[0]?.status).toBe('cancelled');
  });

  it('reports a 404 of a known job as gone, and forgets it; unknown 404s say nothing', () => {
    const job = makeJob();
    const { events, known } = run(
      [entry(job)],
      [
        { source: 'not-found', jobId: job.id },
        { source: 'not-found', jobId: 'never-seen' },
      ],
    );
    expect(events).toEqual([
      { type: 'job-gone', serverId: 's1', jobId: job.id, previous: job, reason: 'not-found' },
    ]);
    expect(known.has(job.id)).toBe(false);
  });

  it('reports a lost job as gone with reason lost, and forgets it', () => {
    const job = makeJob();
    const other = makeJob({ status: 'pending' });
    const { events, known } = run(
      [entry(job), entry(other)],
      [
        { source: 'lost', jobId: job.id },
        { source: 'lost', jobId: 'never-seen' },
      ],
    );
    expect(events).toEqual([
      { type: 'job-gone', serverId: 's1', jobId: job.id, previous: job, reason: 'lost' },
    ]);
    expect([...known.keys()]).toEqual([other.id]);
  });

  it('keeps jobs no observation mentions, untouched', () => {
    const job = makeJob();
    const { events, known } = run([entry(job, T0 - 5)], []);
    expect(events).toEqual([]);
    expect(known.get(job.id)).toEqual({ job, observedAt: T0 - 5, fetchedAt: null });
  });
});
