/**
 * The CIDX doubles of `npm run bench:core`, in a process of their own so their CPU and heap are
 * not the core's. Forked by core-doubles-client.ts with an IPC channel; not meant to be run by
 * hand (`npm run cidx-server` is that).
 *
 * It starts N HEAD doubles (test/cidx-server, the same double `npm run cidx-server` serves),
 * seeds finished history through the double's control API (`addJob` with a negative `at`), and
 * keeps a steady number of jobs cycling through each one: a driver looks at its active jobs
 * through the control API every few ms, counts the endings and replaces each ended job at once,
 * so "5 running + 20 pending" stays that for the whole run. The double itself has no such mode;
 * this driver is the only addition, and it uses the control API as it is.
 */
import { startCidxServer } from '../cidx-server/server';
import type { RunningCidxServer } from '../cidx-server/server';
import type { ScriptedJob } from '../cidx-server/types';
import type {
  CountsSample,
  DoubleCounts,
  EndingsTally,
  DoublesAnswer,
  DoublesRequest,
  DoublesSpec,
  Envelope,
  LoadSpec,
  WireJob,
} from './core-doubles-protocol';
import { seededRandom } from './load-driver';

const TERMINAL = new Set(['completed', 'completed_partial', 'failed', 'cancelled']);
const REPOS = ['my-proj', 'web-app', 'docs', 'infra', 'mobile-app', 'api', 'search', 'billing'];
/** Samples of running/pending older than this are dropped. */
const SAMPLE_SPAN_MS = 60_000;

function scripted(random: () => number, refreshShare: number, runMs: number, index: number): ScriptedJob {
  const repository = `${REPOS[index % REPOS.length]}-${index % 97}`;
  return random() < refreshShare
    ? { owner: 'alice', operation: 'global_repo_refresh', repository: `${repository}-global`, runMs }
    : { owner: 'alice', operation: 'sync_repository', repository, runMs, phases: false };
}

/** Keeps `active` jobs on one double; counts what ended. */
class CyclingLoad {
  private active: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private submitting = true;
  private submitted = 0;
  ended = 0;
  /** From `trackEndings` on: when each ending was seen, and how often each job was notified. */
  private endedAt: Map<string, number> | null = null;
  private readonly notifiedTimes = new Map<string, number>();
  private samples: CountsSample[] = [];
  private latest: { running: number; pending: number } = { running: 0, pending: 0 };
  private readonly random: () => number;

  constructor(
    private readonly server: RunningCidxServer,
    private readonly spec: LoadSpec,
  ) {
    this.random = seededRandom(spec.seed);
  }

  start(): void {
    this.topUp();
    this.check();
    this.timer = setInterval(() => this.check(), this.spec.checkEveryMs);
  }

  /** No more replacements; the jobs still active run to their end and are counted. */
  stopSubmitting(): void {
    this.submitting = false;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  counts(sinceMs: number): DoubleCounts {
    const from = Date.now() - sinceMs;
    return {
      ...this.latest,
      ended: this.ended,
      samples: this.samples.filter((sample) => sample.at >= from),
    };
  }

  /** Endings from now on are the ones a watcher must notify (earlier ones are its history). */
  trackEndings(): void {
    this.endedAt = new Map();
  }

  notified(jobIds: readonly string[]): void {
    for (const jobId of jobIds) this.notifiedTimes.set(jobId, (this.notifiedTimes.get(jobId) ?? 0) + 1);
  }

  endings(settledBefore: number): EndingsTally {
    const tally: EndingsTally = { ended: 0, notified: 0, duplicates: 0, missed: 0 };
    for (const [jobId, at] of this.endedAt ?? []) {
      tally.ended += 1;
      if (this.notifiedTimes.has(jobId)) tally.notified += 1;
      else if (at < settledBefore) tally.missed += 1;
    }
    for (const times of this.notifiedTimes.values()) if (times > 1) tally.duplicates += 1;
    return tally;
  }

  private submit(): void {
    const { min, max } = this.spec.runMs;
    const runMs = Math.round(min + (max - min) * this.random());
    const jobId = this.server.control.addJob(
      scripted(this.random, this.spec.refreshShare, runMs, this.submitted),
    );
    if (jobId === undefined) throw new Error('the double did not submit the job at once');
    this.submitted += 1;
    this.active.push(jobId);
  }

  private topUp(): void {
    while (this.submitting && this.active.length < this.spec.active) this.submit();
  }

  private check(): void {
    const now = Date.now();
    const still: string[] = [];
    for (const jobId of this.active) {
      const status = String(this.server.control.job(jobId)?.status ?? 'gone');
      if (TERMINAL.has(status) || status === 'gone') {
        this.ended += 1;
        this.endedAt?.set(jobId, now);
      } else still.push(jobId);
    }
    this.active = still;
    // The server really had this pair since the endings (until the top-up below): a core that
    // listed in between saw it, so it is one of the server's states, not only the topped-up one.
    if (this.active.length < this.spec.active) this.sample(now);
    this.topUp();
    this.latest = this.sample(now);
    while ((this.samples[0]?.at ?? now) < now - SAMPLE_SPAN_MS) this.samples.shift();
  }

  private sample(at: number): { running: number; pending: number } {
    let running = 0;
    let pending = 0;
    for (const jobId of this.active) {
      const status = this.server.control.job(jobId)?.status;
      if (status === 'running') running += 1;
      else if (status === 'pending') pending += 1;
    }
    this.samples.push({ at, running, pending });
    return { running, pending };
  }
}

const servers: RunningCidxServer[] = [];
const historyIds: string[][] = [];
const loads: CyclingLoad[] = [];

async function start(spec: DoublesSpec): Promise<DoublesAnswer> {
  const random = seededRandom(spec.seed);
  for (let index = 0; index < spec.servers; index += 1) {
    const server = await startCidxServer({ flavor: 'head', port: 0, workerPoolSize: spec.workerPoolSize });
    servers.push(server);
    const ids: string[] = [];
    for (let job = 0; job < spec.history; job += 1) {
      const ago = spec.historySpanMs - Math.floor((job * spec.historySpanMs) / Math.max(1, spec.history));
      const draw = random();
      const outcome =
        draw < 0.82 ? 'completed' : draw < 0.94 ? 'failed' : draw < 0.98 ? 'cancelled' : 'partial';
      const id = server.control.addJob({
        ...scripted(random, 0.2, 5_000 + Math.round(random() * 60_000), job),
        at: -ago,
        outcome,
        ...(outcome === 'failed' ? { error: 'Sync failed due to merge conflicts' } : {}),
      });
      if (id !== undefined) ids.push(id);
    }
    historyIds.push(ids);
  }
  return {
    type: 'started',
    doubles: servers.map((server) => {
      const key = server.control.credentials().apiKeys.find((entry) => entry.username === 'alice');
      if (!key) throw new Error('the double seeded no API key for alice');
      return { url: server.url, apiKey: key.apiKey };
    }),
  };
}

function history(): DoublesAnswer {
  return {
    type: 'history',
    jobs: servers.map((server, index) =>
      (historyIds[index] ?? []).flatMap((id): WireJob[] => {
        const row = server.control.job(id);
        return row ? [row] : [];
      }),
    ),
  };
}

async function close(): Promise<DoublesAnswer> {
  for (const load of loads) load.dispose();
  await Promise.all(servers.map((server) => server.close()));
  return { type: 'done' };
}

function loadOf(double: number): CyclingLoad {
  const load = loads[double];
  if (!load) throw new Error(`no load runs on double ${double}`);
  return load;
}

async function handle(request: DoublesRequest): Promise<DoublesAnswer> {
  switch (request.type) {
    case 'start':
      return start(request.spec);
    case 'history':
      return history();
    case 'load':
      for (const [index, server] of servers.entries()) {
        const load = new CyclingLoad(server, { ...request.spec, seed: request.spec.seed + index });
        loads.push(load);
        load.start();
      }
      return { type: 'done' };
    case 'stop-load':
      for (const load of loads) load.stopSubmitting();
      return { type: 'done' };
    case 'counts':
      return { type: 'counts', doubles: loads.map((load) => load.counts(request.sinceMs)) };
    case 'track-endings':
      loadOf(request.double).trackEndings();
      return { type: 'done' };
    case 'notified':
      loadOf(request.double).notified(request.jobIds);
      return { type: 'done' };
    case 'endings':
      return { type: 'endings', tally: loadOf(request.double).endings(request.settledBefore) };
    case 'close':
      return close();
  }
}

if (process.send) {
  process.on('message', (message: Envelope<DoublesRequest>) => {
    handle(message.body).then(
      (body) => {
        process.send?.({ id: message.id, body });
        if (message.body.type === 'close') process.disconnect();
      },
      (error: unknown) =>
        process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The benchmark went away (finished, failed or was interrupted): so do the doubles.
  process.on('disconnect', () => {
    void close().finally(() => process.exit(0));
  });
} else {
  process.stderr.write('core-doubles.ts is forked by npm run bench:core; use npm run cidx-server by hand\n');
  process.exitCode = 2;
}
