import { describe, expect, it } from 'vitest';
import type { Job } from '../../../main/core/cidx/job';
import type { ListOutcome } from '../../../main/core/engine/coverage';
import { findVanished, listCovers } from '../../../main/core/engine/coverage';
import { DEFAULT_ENGINE_OPTIONS as options } from '../../../main/core/engine/options';
import {
  followsFewJobs,
  getPathCostPerTick,
  listPathCostPerTick,
  planGets,
  planLists,
} from '../../../main/core/engine/plan';
import { T0, makeJob } from './helpers';
import { busyServer, getInput, known } from './plan-fixtures';

const listInput = {
  flavor: 'head' as const,
  tick: 1,
  forceFullList: false,
  hasPendingJobs: false,
  budget: 6,
  options,
};

describe('planLists', () => {
  it('spends one unfiltered list on an idle tick (limit 50 on HEAD, 100 on v5)', () => {
    expect(planLists({ ...listInput, active: false })).toEqual([
      { kind: 'list', role: 'all', query: { limit: 50 } },
    ]);
    expect(planLists({ ...listInput, active: false, flavor: 'v5' })[0]?.query).toEqual({ limit: 100 });
  });

  it('reads running jobs on every active tick, pending only while pending jobs are known', () => {
    expect(planLists({ ...listInput, active: true }).map((list) => list.role)).toEqual(['running']);
    expect(planLists({ ...listInput, active: true, hasPendingJobs: true }).map((list) => list.query)).toEqual(
      [
        { status: 'pending', limit: 50 },
        { status: 'running', limit: 50 },
      ],
    );
  });

  it('adds the full list every fullListEveryTicks ticks and after an outage', () => {
    const roles = (tick: number, forceFullList = false) =>
      planLists({ ...listInput, active: true, tick, forceFullList }).map((list) => list.role);
    expect(roles(0)).toEqual(['pending', 'running', 'all']);
    expect(roles(options.fullListEveryTicks)).toEqual(['pending', 'running', 'all']);
    expect(roles(7)).toEqual(['running']);
    expect(roles(7, true)).toEqual(['pending', 'running', 'all']);
    // v5 pending lasts milliseconds (§4.2): no periodic pending list there.
    expect(planLists({ ...listInput, flavor: 'v5', active: true, tick: 0 }).map((list) => list.role)).toEqual(
      ['running', 'all'],
    );
  });

  it('never exceeds its budget, and always keeps the main list', () => {
    expect(planLists({ ...listInput, active: true, tick: 0, budget: 1 }).map((list) => list.role)).toEqual([
      'running',
    ]);
    expect(planLists({ ...listInput, active: true, tick: 0, budget: 0 })).toHaveLength(1);
  });
});

describe('a whole tick stays within the budget', () => {
  for (const count of [1, 20, 200]) {
    it(`with ${count} active job(s), on every tick`, () => {
      const jobs = busyServer(count);
      const map = known(jobs, T0 - 60_000); // all last seen a minute ago: everything is due
      const newestPending = jobs.filter((job) => job.status === 'pending').slice(-50);
      for (let tick = 0; tick < 10; tick += 1) {
        const lists = planLists({ ...listInput, active: true, tick, hasPendingJobs: count > 5 });
        const seen = new Set([...jobs.slice(0, 5), ...newestPending].map((job) => job.id));
        const gets = planGets(
          getInput({ known: map, budget: options.maxRequestsPerTick - lists.length, seenThisTick: seen }),
        );
        expect(lists.length + gets.length).toBeLessThanOrEqual(options.maxRequestsPerTick);
        expect(gets.filter((get) => get.reason === 'phase').length).toBeLessThanOrEqual(
          options.phaseGetsPerTick,
        );
        expect(lists.length).toBeGreaterThanOrEqual(1);
      }
    });
  }
});

describe('the list window (HEAD: newest first, 50 at most, no paging, §2.2)', () => {
  const jobs = busyServer(200);
  const pending = jobs.filter((job) => job.status === 'pending');
  const newest50 = [...pending].sort((a, b) => b.createdAt - a.createdAt).slice(0, 50);
  const pendingPage: ListOutcome = {
    query: { status: 'pending', limit: 50 },
    page: { jobs: newest50, limit: 50, offset: 0, total: 55 },
  };

  it('says nothing about jobs older than the oldest item of a full page', () => {
    const oldPending = pending[0]!;
    expect(listCovers(pendingPage, oldPending)).toBe(false);
    expect(listCovers(pendingPage, newest50[10]!)).toBe(true);
    const vanished = findVanished(known(jobs), [pendingPage]);
    expect(vanished).toEqual([]);
  });

  it('reports a covered job missing from the page as vanished (one GET to learn how it ended)', () => {
    const gone = newest50[3]!;
    const page: ListOutcome = {
      ...pendingPage,
      page: { ...pendingPage.page, jobs: newest50.filter((job) => job !== gone) },
    };
    // 49 items: the page is short, so it is the whole set of pending jobs.
    expect(findVanished(known(jobs), [page])).toContain(gone.id);
  });

  it('a status filter covers only jobs last known in that status', () => {
    const running = jobs[0]!;
    expect(listCovers(pendingPage, running)).toBe(false);
    const emptyRunning: ListOutcome = {
      query: { status: 'running', limit: 50 },
      page: { jobs: [], limit: 50, offset: 0, total: 0 },
    };
    expect(findVanished(known(jobs.slice(0, 5)), [emptyRunning])).toHaveLength(5);
  });

  it('reads jobs beyond the window one by one, least recently seen first, only when due', () => {
    const beyond = pending.slice(0, 145);
    const map = known(jobs, T0);
    map.set(beyond[7]!.id, { job: beyond[7]!, observedAt: T0 - 40_000, fetchedAt: null });
    map.set(beyond[3]!.id, { job: beyond[3]!, observedAt: T0 - 90_000, fetchedAt: null });
    const seen = new Set([...jobs.slice(0, 5), ...newest50].map((job) => job.id));
    const gets = planGets(getInput({ known: map, budget: 3, seenThisTick: seen, flavor: 'v5' }));
    expect(gets).toEqual([
      { kind: 'get', jobId: beyond[3]!.id, reason: 'beyond-window' },
      { kind: 'get', jobId: beyond[7]!.id, reason: 'beyond-window' },
    ]);
  });
});

describe('planGets priorities', () => {
  const phaseJobs = [1, 2, 3, 4].map((n) =>
    makeJob({ status: 'running', operationType: n === 4 ? 'add_golden_repo' : 'global_repo_refresh' }),
  );
  const sync = makeJob({ status: 'running', operationType: 'sync_repository' });
  const all = [...phaseJobs, sync];
  const seen = new Set(all.map((job) => job.id));

  it('ends before awaited before phases, within the budget', () => {
    const gets = planGets(
      getInput({
        known: known(all),
        endChecks: ['x1', 'x2'],
        awaited: ['new1'],
        seenThisTick: seen,
        budget: 4,
      }),
    );
    expect(gets.map((get) => get.reason)).toEqual(['ended', 'ended', 'awaited', 'phase']);
  });

  it('does not GET an awaited job a list already showed', () => {
    const gets = planGets(getInput({ awaited: ['new1'], seenThisTick: new Set(['new1']) }));
    expect(gets).toEqual([]);
  });

  it('round-robins phases over phase-reporting running jobs on screen, never sync_repository', () => {
    const map = known(all);
    const fetched: string[] = [];
    const focus = new Set(all.map((job) => job.id));
    for (let tick = 0; tick < 4; tick += 1) {
      const gets = planGets(getInput({ known: map, now: T0 + tick, seenThisTick: seen, focus }));
      expect(gets.every((get) => get.reason === 'phase')).toBe(true);
      expect(gets).toHaveLength(options.phaseGetsPerTick);
      for (const get of gets) {
        fetched.push(get.jobId);
        const entry = map.get(get.jobId)!;
        map.set(get.jobId, { ...entry, fetchedAt: T0 + tick });
      }
    }
    expect(new Set(fetched.slice(0, 4))).toEqual(new Set(phaseJobs.map((job) => job.id)));
    expect(fetched).not.toContain(sync.id);
  });

  it('reads the phase of a job nobody has on screen at most every unwatchedPhaseEveryMs', () => {
    const map = new Map([...known(all)].map(([id, entry]) => [id, { ...entry, fetchedAt: T0 }]));
    const at = (now: number) => planGets(getInput({ known: map, now, seenThisTick: seen }));
    expect(at(T0 + options.unwatchedPhaseEveryMs - 1)).toEqual([]);
    expect(at(T0 + options.unwatchedPhaseEveryMs)).toHaveLength(options.phaseGetsPerTick);
  });

  it('puts focused jobs first', () => {
    const focus = new Set([phaseJobs[3]!.id]);
    const gets = planGets(getInput({ known: known(all), focus, seenThisTick: seen }));
    expect(gets[0]).toEqual({ kind: 'get', jobId: phaseJobs[3]!.id, reason: 'phase' });
  });

  it('spends nothing on phases on v5 (it has none)', () => {
    expect(planGets(getInput({ known: known(all), seenThisTick: seen, flavor: 'v5' }))).toEqual([]);
  });
});

describe('few jobs are followed by GET: never costlier than per-job polling', () => {
  const few = (jobs: Job[], flavor: 'head' | 'v5' = 'head') => ({ flavor, unfinished: jobs, options });
  const running = (operationType = 'sync_repository') => makeJob({ status: 'running', operationType });

  it('prefers GETs while they cost less than the lists would, counting the phase GETs lists need', () => {
    // One job: 1 GET (+ the unfiltered list at the idle cadence) against 1.4 lists a tick.
    expect(getPathCostPerTick(few([running()]))).toBeCloseTo(1 + 1_000 / 15_000);
    expect(listPathCostPerTick(few([running()]))).toBeCloseTo(1.4);
    expect(followsFewJobs(few([running()]))).toBe(true);
    expect(followsFewJobs(few([running(), running()]))).toBe(false);
    // A known pending job costs the lists a pending list every tick: two jobs are still few.
    expect(followsFewJobs(few([running(), makeJob({ status: 'pending' })]))).toBe(true);
    // Phase jobs on screen cost the lists a phase GET each (up to phaseGetsPerTick): a GET reads both.
    const phases = [1, 2, 3].map(() => running('global_repo_refresh'));
    const onScreen = new Set(phases.map((job) => job.id));
    expect(followsFewJobs({ ...few(phases), focus: onScreen })).toBe(true);
    expect(followsFewJobs({ ...few([...phases, running('reindex')]), focus: onScreen })).toBe(false);
    // Nobody watching: their phases are read now and then, so the lists are cheaper.
    expect(followsFewJobs(few(phases))).toBe(false);
    // v5 has no periodic pending list: one job still qualifies, nothing at all never does.
    expect(followsFewJobs(few([running()], 'v5'))).toBe(true);
    expect(followsFewJobs(few([]))).toBe(false);
  });

  it('lists nothing once settled, and the unfiltered list only at the idle cadence', () => {
    const roles = (patch: Partial<Parameters<typeof planLists>[0]>) =>
      planLists({ ...listInput, active: true, ...patch }).map((list) => list.role);
    expect(roles({ few: { settled: true, discoveryDue: false } })).toEqual([]);
    expect(roles({ few: { settled: true, discoveryDue: true } })).toEqual(['all']);
    // Something moved last tick: look around with the status lists, without the periodic full list.
    expect(roles({ tick: 5, few: { settled: false, discoveryDue: false } })).toEqual(['running']);
    expect(roles({ hasPendingJobs: true, few: { settled: false, discoveryDue: true } })).toEqual([
      'pending',
      'running',
      'all',
    ]);
    // The last unfinished job just ended: one look at every status before going idle.
    expect(roles({ tick: 3, lookAround: true })).toEqual(['all']);
    // First tick, or the first after an outage: the full look, few jobs or not.
    expect(roles({ tick: 3, forceFullList: true, few: { settled: true, discoveryDue: false } })).toEqual([
      'pending',
      'running',
      'all',
    ]);
  });

  it('GETs the followed jobs after awaited ones, and reads their phases with that one GET', () => {
    const refresh = running('global_repo_refresh');
    const other = running('reindex');
    const gets = planGets(
      getInput({ known: known([refresh, other]), awaited: ['new1'], follow: [refresh.id], budget: 6 }),
    );
    expect(gets).toEqual([
      { kind: 'get', jobId: 'new1', reason: 'awaited' },
      { kind: 'get', jobId: refresh.id, reason: 'follow' },
      { kind: 'get', jobId: other.id, reason: 'phase' },
    ]);
  });
});
