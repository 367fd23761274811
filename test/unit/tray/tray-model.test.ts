import { describe, expect, it } from 'vitest';
import { buildTrayModel, type TrayMenuItem, type RepositoryList } from '../../../main/core/tray';
import { pauseUntil } from '../../../main/core/tray/tray-menu';
import { normalizeJob } from '../../../main/core/cidx/job';
import { jobSchema } from '../../../main/core/cidx/schemas';
import { operationInWords, repositoryOf } from '../../../main/core/jobs/operation-names';
import { expectClean, hostileJobBody } from '../../support/hostile-text';
import { NOW, job, server, snapshot, view } from './snapshot-builder';

const noRepos = new Map<string, RepositoryList>();
const model = (s: ReturnType<typeof snapshot>, repositories = noRepos) =>
  buildTrayModel(s, { now: NOW, repositories });

/** Every label of a menu, depth-first, to find items without caring about their position. */
function labels(items: TrayMenuItem[]): string[] {
  return items.flatMap((item) =>
    item.type === 'separator'
      ? []
      : item.type === 'submenu'
        ? [item.label, ...labels(item.items)]
        : [item.label],
  );
}

function find(items: TrayMenuItem[], label: RegExp): TrayMenuItem | undefined {
  for (const item of items) {
    if (item.type !== 'separator' && label.test(item.label)) return item;
    if (item.type === 'submenu') {
      const inner = find(item.items, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

describe('tray icon', () => {
  it('is idle with nothing running and every server online', () => {
    expect(model(snapshot([server('lab')], [])).icon).toEqual({ kind: 'idle', progressStep: null });
  });

  it('shows running jobs with their mean progress rounded to a step of 10', () => {
    const s = snapshot(
      [server('lab')],
      [view('lab', job('a', { progress: 25 })), view('lab', job('b', { progress: 60 }))],
    );
    const m = model(s);
    expect(m.icon).toEqual({ kind: 'running', progressStep: 40 });
    expect(m.taskbarProgress).toBeCloseTo(0.43, 1);
  });

  it('shows a failure that needs attention over running jobs, and counts it for the badge', () => {
    const failed = view(
      'lab',
      job('f', { status: 'failed', progress: 0, error: 'boom', completedAt: NOW - 1000 }),
    );
    const m = model(snapshot([server('lab')], [view('lab', job('a')), failed]));
    expect(m.icon.kind).toBe('failed');
    expect(m.badgeCount).toBe(1);
  });

  it('shows an acknowledged failure as no failure', () => {
    const failed = view('lab', job('f', { status: 'failed' }), { acknowledged: true });
    expect(model(snapshot([server('lab')], [failed])).icon.kind).toBe('idle');
  });

  it('shows a server that is offline or signed out above everything else', () => {
    const failed = view('lab', job('f', { status: 'failed' }));
    expect(model(snapshot([server('lab'), server('home', 'offline')], [failed])).icon.kind).toBe('offline');
    expect(model(snapshot([server('home', 'auth-failed')], [])).icon.kind).toBe('offline');
  });
});

describe('tray tooltip', () => {
  it('summarises running jobs, failures, server trouble and the data age', () => {
    const s = snapshot(
      [server('lab', 'online', NOW - 12_000), server('home', 'offline', NOW - 300_000)],
      [view('lab', job('a', { progress: 50 })), view('lab', job('f', { status: 'failed' }))],
    );
    const tooltip = model(s).tooltip;
    expect(tooltip).toContain('1 running, 50% overall');
    expect(tooltip).toContain('1 failed job');
    expect(tooltip).toContain('home unreachable');
    // The oldest data decides: five minutes, not twelve seconds.
    expect(tooltip).toContain('Updated 5m 00s ago');
  });

  it('says when a server asked to wait, and when its credentials cannot be read', () => {
    const limited = server('lab', 'degraded');
    limited.state = { ...limited.state!, rateLimitedUntil: NOW + 10 * 60_000 };
    const locked = server('home', 'offline');
    locked.state = {
      ...locked.state!,
      lastError: { kind: 'secrets-unavailable', message: 'Could not read the secret store (EMFILE)' },
    };
    const tooltip = model(snapshot([limited, locked], [])).tooltip;
    expect(tooltip).toMatch(/lab asked to wait until \d\d?:\d\d/);
    expect(tooltip).toContain('home: credentials cannot be read');
    expect(tooltip).not.toContain('home unreachable');
    // A wait that is over is no trouble of its own.
    limited.state = { ...limited.state!, health: 'online', rateLimitedUntil: NOW - 1 };
    expect(model(snapshot([limited], [])).tooltip).not.toContain('asked to wait');
  });

  it('says when nothing has been polled yet and when no server is configured', () => {
    expect(model(snapshot([server('lab', 'connecting', null)], [])).tooltip).toContain('Not updated yet');
    expect(model(snapshot([], [])).tooltip).toBe('CIDX Tray: no server configured');
  });
});

describe('tray menu', () => {
  it('lists running jobs with operation, repository, percent and phase, each with Cancel', () => {
    const s = snapshot(
      [server('lab')],
      [
        view('lab', job('a', { operationType: 'global_repo_refresh', progress: 80, phase: 'scip' }), {
          operation: 'Golden repository refresh',
          repository: 'proj',
        }),
      ],
    );
    const entry = find(model(s).menu, /Golden repository refresh proj — 80% · scip/);
    expect(entry?.type).toBe('submenu');
    const cancel =
      entry?.type === 'submenu'
        ? entry.items.find((i) => i.type === 'action' && i.label === 'Cancel')
        : undefined;
    expect(cancel).toMatchObject({ action: { kind: 'cancel', serverId: 'lab', jobId: 'a' } });
  });

  it('says a pending job is waiting instead of showing 0 %', () => {
    const s = snapshot(
      [server('lab')],
      [view('lab', job('p', { status: 'pending', progress: 0, startedAt: null }))],
    );
    expect(labels(model(s).menu)).toContain('Sync my-proj — waiting');
  });

  it('offers Retry for a retryable failure and the reason for one that is not', () => {
    const retryable = view('lab', job('f1', { status: 'failed' }));
    const stuck = view('lab', job('f2', { status: 'failed' }), {
      repository: null,
      retry: { retryable: false, reason: 'submitted outside CIDX Tray' },
    });
    const menu = model(snapshot([server('lab')], [retryable, stuck])).menu;
    expect(find(menu, /^Retry$/)).toMatchObject({ action: { kind: 'retry', jobId: 'f1' } });
    expect(labels(menu)).toContain('Cannot retry: submitted outside CIDX Tray');
  });

  it('caps the running list and says how many more there are', () => {
    const jobs = Array.from({ length: 12 }, (_, i) => view('lab', job(`j${i}`)));
    const menu = buildTrayModel(snapshot([server('lab')], jobs), {
      now: NOW,
      repositories: noRepos,
      maxRunning: 8,
    }).menu;
    expect(labels(menu)).toContain('…and 4 more');
    expect(labels(menu).filter((l) => l.startsWith('Sync my-proj —'))).toHaveLength(8);
  });

  it('has a Sync repository submenu per server, loading repositories on demand', () => {
    const repositories = new Map<string, RepositoryList>([
      ['lab', { state: 'loaded', aliases: ['docs', 'my-proj'] }],
      ['home', { state: 'failed', message: 'home is unreachable' }],
    ]);
    const menu = model(snapshot([server('lab'), server('home'), server('new')], []), repositories).menu;
    expect(find(menu, /^docs$/)).toMatchObject({
      action: { kind: 'sync', serverId: 'lab', repository: 'docs' },
    });
    expect(labels(menu)).toContain('home is unreachable');
    expect(find(menu, /Load repositories/)).toMatchObject({
      action: { kind: 'load-repositories', serverId: 'new' },
    });
  });

  it('offers to pause notifications, and to resume them while paused', () => {
    const paused = snapshot([server('lab')], []);
    expect(find(model(paused).menu, /For 1 hour/)).toMatchObject({
      action: { kind: 'pause-notifications', duration: 'hour' },
    });
    expect(find(model(paused).menu, /Until tomorrow/)).toMatchObject({
      action: { kind: 'pause-notifications', duration: 'until-tomorrow' },
    });
    expect(pauseUntil('hour', NOW)).toBe(NOW + 3_600_000);
    const until = pauseUntil('until-tomorrow', NOW);
    expect(new Date(until).getHours()).toBe(8);
    expect(until).toBeGreaterThan(NOW);
    expect(until - NOW).toBeLessThanOrEqual(32 * 3_600_000);

    const settings = structuredClone(paused.settings);
    settings.notifications.pausedUntil = NOW + 60_000;
    expect(find(model(snapshot([server('lab')], [], settings)).menu, /Resume notifications/)).toMatchObject({
      action: { kind: 'resume-notifications' },
    });
  });

  it('always ends with the window and Quit', () => {
    const menu = model(snapshot([server('lab')], [])).menu;
    expect(labels(menu)).toContain('Open CIDX Tray');
    expect(menu.at(-1)).toMatchObject({ type: 'action', action: { kind: 'quit' } });
  });
});

describe('a hostile server’s jobs in the tray (issue 8)', () => {
  it('shows only clean, bounded text in the tooltip and every menu label', () => {
    const running = normalizeJob(
      jobSchema.parse({ ...hostileJobBody('run-1'), status: 'running', progress: 40 }),
    )!;
    const failed = normalizeJob(jobSchema.parse({ ...hostileJobBody('fail-1'), status: 'failed' }))!;
    const views = [running, failed].map((j) =>
      view('lab', j, {
        operation: operationInWords(j.operationType),
        repository: repositoryOf(j),
        retry: { retryable: false, reason: 'The server does not say which repository it was.' },
      }),
    );
    const m = model(snapshot([server('lab'), server('home')], views));
    for (const line of m.tooltip.split('\n')) expectClean(line, 1000);
    const all = labels(m.menu);
    expect(all.some((label) => label.includes('evil-repo'))).toBe(true);
    for (const label of all) expectClean(label, 1000);
  });
});
