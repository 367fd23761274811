/** The tray's own projection: joins from a snapshot, follows patches, keeps only what it shows. */
import { describe, expect, it } from 'vitest';
import { createTrayProjection } from '../../../main/core/tray/tray-projection';
import { job, server, snapshot, view } from './snapshot-builder';

describe('tray projection', () => {
  it('keeps only active jobs and failures waiting, and follows upserts and removals', () => {
    const running = view('lab', job('r', { status: 'running' }));
    const history = view('lab', job('h', { status: 'completed', progress: 100 }), { acknowledged: true });
    const failed = view('lab', job('f', { status: 'failed' }), { acknowledged: false });
    const projection = createTrayProjection({
      ...snapshot([server('lab')], [running, history, failed]),
      version: 4,
    });
    expect(projection.view().jobs.map((j) => j.job.id)).toEqual(['r', 'f']);

    const done = view('lab', job('r', { status: 'completed', progress: 100 }), { acknowledged: true });
    const dismissed = { ...failed, acknowledged: true };
    expect(projection.apply({ version: 5, jobs: [done, dismissed] })).toBe(true);
    expect(projection.view().jobs).toEqual([]);

    const next = view('lab', job('n', { status: 'pending' }));
    projection.apply({ version: 6, jobs: [next] });
    expect(projection.view().jobs.map((j) => j.job.id)).toEqual(['n']);
    projection.apply({ version: 7, removedJobs: [{ serverId: 'lab', jobId: 'n' }] });
    expect(projection.view().jobs).toEqual([]);
  });

  it('says when a version was skipped, and starts over from a snapshot', () => {
    const projection = createTrayProjection({ ...snapshot([server('lab')], []), version: 4 });
    expect(projection.apply({ version: 4, jobs: [view('lab', job('old'))] })).toBe(true); // already had it
    expect(projection.view().jobs).toEqual([]);
    expect(projection.apply({ version: 6, jobs: [view('lab', job('x'))] })).toBe(false);
    projection.reset({ ...snapshot([server('lab')], [view('lab', job('x'))]), version: 6 });
    expect(projection.view().jobs.map((j) => j.job.id)).toEqual(['x']);
    expect(projection.apply({ version: 7, polled: { lab: 42 } })).toBe(true);
    expect(projection.view().servers[0]?.state?.lastSuccessAt).toBe(42);
  });

  it('drops a removed server with its jobs', () => {
    const projection = createTrayProjection({
      ...snapshot([server('lab'), server('home')], [view('lab', job('a')), view('home', job('b'))]),
      version: 1,
    });
    projection.apply({ version: 2, removedServers: ['home'] });
    expect(projection.view().servers.map((s) => s.config.id)).toEqual(['lab']);
    expect(projection.view().jobs.map((j) => j.job.id)).toEqual(['a']);
  });
});
