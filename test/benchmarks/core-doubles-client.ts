/**
 * The benchmark's side of the doubles process (core-doubles.ts): forks it (inheriting tsx's
 * loader flags), asks it over IPC, and reads each double's request statistics over HTTP with the
 * double's own control client, which never counts in those statistics.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CidxControlClient } from '../cidx-server/control-client';
import type { RequestStats } from '../cidx-server/stats';
import type {
  DoubleCounts,
  DoubleInfo,
  DoublesAnswer,
  DoublesRequest,
  DoublesSpec,
  EndingsTally,
  Envelope,
  ErrorEnvelope,
  LoadSpec,
  WireJob,
} from './core-doubles-protocol';
import type { CachedJob } from './core-world';

const CHILD = fileURLToPath(new URL('./core-doubles.ts', import.meta.url));
/** The double's stats key of the list call, the one request every poll makes. */
export const LIST_ROUTE = 'GET /api/jobs';

interface Waiting {
  resolve(answer: DoublesAnswer): void;
  reject(error: Error): void;
}

export class DoublesProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private exited: Error | null = null;
  doubles: DoubleInfo[] = [];
  controls: CidxControlClient[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: Envelope<DoublesAnswer> | ErrorEnvelope) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if ('error' in message) waiter.reject(new Error(`doubles process: ${message.error}`));
      else waiter.resolve(message.body);
    });
    child.on('exit', (code, signal) => {
      this.exited = new Error(`the doubles process exited (${signal ?? `code ${String(code)}`})`);
      for (const waiter of this.waiting.values()) waiter.reject(this.exited);
      this.waiting.clear();
    });
  }

  static async start(spec: DoublesSpec): Promise<DoublesProcess> {
    const child = fork(CHILD, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const doubles = new DoublesProcess(child);
    try {
      const answer = await doubles.ask({ type: 'start', spec });
      if (answer.type !== 'started') throw new Error(`unexpected answer ${answer.type}`);
      doubles.doubles = answer.doubles;
      doubles.controls = answer.doubles.map((info) => new CidxControlClient(info.url));
      return doubles;
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  private ask(body: DoublesRequest): Promise<DoublesAnswer> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, body } satisfies Envelope<DoublesRequest>);
    });
  }

  async history(): Promise<WireJob[][]> {
    const answer = await this.ask({ type: 'history' });
    if (answer.type !== 'history') throw new Error(`unexpected answer ${answer.type}`);
    return answer.jobs;
  }

  async startLoad(spec: LoadSpec): Promise<void> {
    await this.ask({ type: 'load', spec });
  }

  async stopLoad(): Promise<void> {
    await this.ask({ type: 'stop-load' });
  }

  /** Per double: running, pending, endings so far and since the last call, samples of `sinceMs`. */
  async counts(sinceMs: number): Promise<DoubleCounts[]> {
    const answer = await this.ask({ type: 'counts', sinceMs });
    if (answer.type !== 'counts') throw new Error(`unexpected answer ${answer.type}`);
    return answer.doubles;
  }

  /** From now on, the double's endings are tallied against the notifications forwarded. */
  async trackEndings(double: number): Promise<void> {
    await this.ask({ type: 'track-endings', double });
  }

  /** Job ids the core notified (one entry per notification naming the job). */
  async notified(double: number, jobIds: string[]): Promise<void> {
    if (jobIds.length > 0) await this.ask({ type: 'notified', double, jobIds });
  }

  /**
   * The double's endings since `trackEndings` against the notifications forwarded; an ending
   * before `settledBefore` that was never notified counts as missed.
   */
  async endings(double: number, settledBefore: number): Promise<EndingsTally> {
    const answer = await this.ask({ type: 'endings', double, settledBefore });
    if (answer.type !== 'endings') throw new Error(`unexpected answer ${answer.type}`);
    return answer.tally;
  }

  resetStats(): Promise<void[]> {
    return Promise.all(this.controls.map((control) => control.resetStats()));
  }

  stats(): Promise<RequestStats[]> {
    return Promise.all(this.controls.map((control) => control.stats()));
  }

  /**
   * Waits until every double has answered `count` list calls (`GET /api/jobs`) since its stats
   * were reset; resolves just after the last of them (within `everyMs`).
   */
  async waitForLists(count: number, timeoutMs: number, everyMs = 100): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.stats();
      if (stats.every((entry) => (entry.byRoute[LIST_ROUTE] ?? 0) >= count)) return;
      if (Date.now() > deadline)
        throw new Error(`the core did not poll every double ${count} times within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.ask({ type: 'close' });
    } catch {
      // Already on its way out.
    }
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await gone;
    clearTimeout(timer);
  }
}

/** A job row of the double (snake_case, ISO times) as the core's job cache holds it. */
export function cachedFromWire(serverId: string, row: WireJob): CachedJob {
  const time = (value: unknown): number | null => (typeof value === 'string' ? Date.parse(value) : null);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const createdAt = time(row.created_at) ?? 0;
  const completedAt = time(row.completed_at);
  return {
    serverId,
    job: {
      id: String(row.job_id),
      operationType: String(row.operation_type),
      status: String(row.status),
      createdAt,
      startedAt: time(row.started_at),
      completedAt,
      progress: Math.round(typeof row.progress === 'number' ? row.progress : 0),
      result: row.result ?? null,
      error: text(row.error),
      username: text(row.username),
      phase: text(row.current_phase),
      phaseDetail: text(row.phase_detail),
    },
    firstSeenAt: createdAt,
    lastActivityAt: completedAt ?? createdAt,
    acknowledged: true,
  };
}
