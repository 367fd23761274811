/**
 * The page side of the UI benchmark: a `window.cidxTray` installed before the app's script
 * runs (as the Electron preload would), answering the contract with a synthetic world of
 * `jobCount` jobs and pushing `updatesPerSecond` versioned `job-upserted` patches once the
 * benchmark says go. Plain JavaScript in a string: it runs in the page, not in Node (and
 * stays free of the helpers a TypeScript loader would inject into a function's source).
 */
import type { BenchTemplates } from './ui-world';

export interface BridgeOptions {
  templates: BenchTemplates;
  jobCount: number;
  /** Of the jobs, how many are running; updates go to them (they sort first, on screen). */
  runningCount: number;
  updatesPerSecond: number;
}

const PAGE_SCRIPT = `
(() => {
  const options = __OPTIONS__;
  const { templates, jobCount, runningCount, updatesPerSecond } = options;
  const statuses = ['completed', 'failed', 'cancelled', 'completed', 'completed'];
  const repos = ['my-proj', 'web-app', 'docs', 'infra', 'mobile-app', 'api', 'search', 'billing'];
  const now = Date.now();
  const jobs = [];
  for (let i = 0; i < jobCount; i += 1) {
    const running = i < runningCount;
    const status = running ? 'running' : statuses[i % statuses.length];
    const started = now - 60000 - i * 1000;
    jobs.push({
      ...templates.job,
      repository: repos[i % repos.length] + '-' + i,
      job: {
        ...templates.job.job,
        id: 'job-' + String(i).padStart(6, '0'),
        status,
        createdAt: started - 2000,
        startedAt: started,
        completedAt: running ? null : started + 30000,
        progress: running ? i % 100 : status === 'completed' ? 100 : 0,
        error: status === 'failed' ? 'Sync failed due to merge conflicts in ' + repos[i % repos.length] : null,
      },
    });
  }
  let version = templates.base.version;
  const listeners = new Set();
  const ok = (value) => Promise.resolve({ ok: true, value });
  const stats = { emitted: 0, focusCalls: 0 };
  let cursor = 0;
  let timer = null;

  function emit(count) {
    for (let k = 0; k < count; k += 1) {
      const index = cursor % runningCount;
      cursor += 1;
      const previous = jobs[index];
      const progress = (previous.job.progress + 1) % 100;
      const next = {
        ...previous,
        lastActivityAt: Date.now(),
        job: { ...previous.job, progress, phaseDetail: progress + '/100 files | ' + (cursor % 97) + ' files/s' },
      };
      jobs[index] = next;
      version += 1;
      const patch = { version, jobs: [next] };
      for (const listener of listeners) listener(patch);
      stats.emitted += 1;
    }
  }

  window.__bench = {
    stats,
    /** Patches every 10 ms, as many as are due by the clock: a late timer catches up. */
    startUpdates() {
      const start = performance.now();
      let sent = 0;
      timer = setInterval(() => {
        const due = Math.floor(((performance.now() - start) * updatesPerSecond) / 1000);
        emit(due - sent);
        sent = due;
      }, 10);
    },
    listenerCount: () => listeners.size,
    stopUpdates() {
      clearInterval(timer);
    },
  };

  window.cidxTray = {
    snapshot: () =>
      ok({
        ...templates.base,
        version,
        asOf: Date.now(),
        servers: [templates.server],
        jobs: jobs.slice(),
        summary: { ...templates.base.summary, total: jobCount, running: runningCount, progress: 50 },
      }),
    onPatch: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onShowJob: () => () => undefined,
    servers: {
      add: () => ok(null),
      update: () => ok(null),
      remove: () => ok(null),
      test: () => ok(null),
      repositories: () => ok([]),
    },
    jobs: {
      sync: () => ok(null),
      cancel: () => ok(null),
      retry: () => ok(null),
      acknowledge: () => ok(null),
      focus: () => {
        stats.focusCalls += 1;
        return ok(null);
      },
    },
    settings: { get: () => ok(templates.base.settings), update: () => ok(templates.base.settings) },
    open: { job: () => ok(null), server: () => ok(null) },
    notifications: { test: () => ok(null) },
    app: {
      info: () => ok({ version: 'bench', host: 'electron', platform: 'linux' }),
      quit: () => ok(null),
    },
  };
})();
`;

/** The script to give `page.addInitScript({ content })`. */
export function syntheticBridgeScript(options: BridgeOptions): string {
  return PAGE_SCRIPT.replace('__OPTIONS__', () => JSON.stringify(options));
}
