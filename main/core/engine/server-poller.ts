/**
 * The scheduler of one server: its timer, its memory of jobs, its health. One poll in flight
 * at most; a failure here never reaches another server or throws out of the engine.
 */
import type { CidxApi, ServerFlavor } from '../cidx/api';
import type { Job } from '../cidx/job';
import type { TimerHandle } from '../clock';
import type { CadenceState } from './cadence';
import { chooseMode, nextPoll, pollNowDelayMs, wantsActiveCadence } from './cadence';
import type { Observation } from './diff';
import { diffJobs } from './diff';
import type { EngineEvent, ServerState } from './events';
import { judgeTick } from './health';
import type { EndCheck } from './coverage';
import type { KnownJob } from './known-job';
import { excessFinishedIds, isUnfinished, staleFinishedIds } from './known-job';
import type { EngineOptions } from './options';
import type { PollReport } from './poll-once';
import { pollOnce } from './poll-once';
import { initialServerState, isNoteworthyChange } from './server-state';

/** Finished jobs past their time are forgotten every this many ticks (and whenever over the cap). */
const FORGET_EVERY_TICKS = 30;

export interface PolledServer {
  id: string;
  api: CidxApi;
  /** A hint until the first probe answers (e.g. remembered from the last run). */
  flavor?: ServerFlavor;
}

export class ServerPoller {
  private known = new Map<string, KnownJob>();
  /**
   * Ids of the unfinished known jobs, kept up to date from each tick's events: a tick asks only
   * about these, and finding them by a pass over thousands of finished jobs was most of a busy
   * tick's engine time.
   */
  private readonly unfinishedIds = new Set<string>();
  private state: ServerState;
  private timer: TimerHandle | null = null;
  private inFlight = false;
  private pollAgain = false;
  private running = false;
  private generation = 0;
  private tick = 0;
  private lastCommandAt: number | null = null;
  private retryAfterUntil: number | null = null;
  private authFailed = false;
  private probeNeeded = true;
  private probeRetryAt = 0;
  /** Seeded jobs were last seen before this poller existed. */
  private readonly bornAt: number;
  /** Start of the current stretch of looking; null until the first success after start/outage. */
  private catchUpBefore: number | null = null;
  /**
   * When the last poll whose unfiltered list answered started: jobs created since then are new
   * (see diffJobs); while few jobs are followed by GET, discovery repeats it at the idle cadence.
   */
  private lastFullListAt: number | null = null;
  /** The last unfiltered list held every unfinished job: next tick reads it alone (plan.ts). */
  private unfilteredSuffices = false;
  private away = true;
  private endChecks: EndCheck[] = [];
  /** Endings the last tick learned after its main lists; the next tick tells them (poll-once.ts). */
  private deferred: Observation[] = [];
  /** When GETs of a job started failing; a job unaccounted for too long is reported lost. */
  private getFailingSince = new Map<string, number>();
  /** The last tick saw nothing move: few jobs are then followed by GET alone. */
  private settled = false;
  /**
   * The last tick saw the last unfinished job end: look once more, at the active cadence and at
   * everything (the unfiltered list), as a freed worker starts the next queued job now.
   */
  private lookAround = false;
  private awaited = new Set<string>();
  private submittedHere = new Set<string>();
  private focus = new Set<string>();
  /** What the tick in flight learned, emitted with its closing state. */
  private tickEvents: EngineEvent[] = [];

  constructor(
    private readonly server: PolledServer,
    private readonly options: EngineOptions,
    /** One call per tick with everything it learned, or one state change outside a tick. */
    private readonly emit: (events: readonly EngineEvent[]) => void,
    seedJobs: readonly Job[] = [],
  ) {
    this.bornAt = options.clock.now();
    for (const job of seedJobs) {
      this.known.set(job.id, { job, observedAt: null, fetchedAt: null });
      if (isUnfinished(job)) this.unfinishedIds.add(job.id);
    }
    this.state = initialServerState(server.id, server.flavor ?? null);
  }

  getState(): ServerState {
    return { ...this.state };
  }

  /** The unfinished known jobs (an id whose job has ended since is dropped here). */
  private unfinishedEntries(): KnownJob[] {
    const entries: KnownJob[] = [];
    for (const id of this.unfinishedIds) {
      const entry = this.known.get(id);
      if (entry && isUnfinished(entry.job)) entries.push(entry);
      else this.unfinishedIds.delete(id);
    }
    return entries;
  }

  getJobs(): Job[] {
    return [...this.known.values()].map((entry) => entry.job);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation += 1;
    this.away = true; // whatever ended while stopped is catch-up
    this.pollNow();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation += 1;
    this.clearTimer();
    this.pollAgain = false;
    // Said at once even with a poll in flight: that poll's answer is dropped, not reported.
    this.state = { ...this.state, mode: 'paused', nextPollAt: null };
    this.emit([this.stateEvent()]);
  }

  /** Poll at once (after a command, on resume, on network return); coalesced with one in flight. */
  pollNow(): void {
    if (!this.running) return;
    if (this.inFlight) {
      this.pollAgain = true;
      return;
    }
    this.schedule(pollNowDelayMs({ now: this.options.clock.now(), retryAfterUntil: this.retryAfterUntil }));
  }

  /** A person just acted on this server: use the active cadence from now on. */
  noteCommand(): void {
    const now = this.options.clock.now();
    this.lastCommandAt = now;
    if (!this.running || this.inFlight || this.state.mode === 'backoff') return;
    const soonest = now + this.options.activeIntervalMs;
    if (this.state.nextPollAt === null || this.state.nextPollAt > soonest) {
      this.schedule(this.options.activeIntervalMs, 'active');
    }
  }

  /** A job this app just submitted: read it even before any list shows it. */
  trackJob(jobId: string): void {
    this.submittedHere.add(jobId);
    if (!this.known.has(jobId)) this.awaited.add(jobId);
    this.noteCommand();
  }

  setFocus(jobIds: readonly string[]): void {
    this.focus = new Set(jobIds);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number, mode = this.state.mode): void {
    this.clearTimer();
    if (!this.running) return; // a listener may have stopped us during the tick
    const { clock } = this.options;
    const nextPollAt = clock.now() + delayMs;
    this.timer = clock.setTimeout(() => {
      this.timer = null;
      void this.runTick();
    }, delayMs);
    this.updateState({ mode, nextPollAt });
  }

  private hasUnfinished(): boolean {
    return this.unfinishedEntries().length > 0;
  }

  private cadenceState(now: number): CadenceState {
    return {
      now,
      hasUnfinishedJobs: this.hasUnfinished() || this.awaited.size > 0 || this.lookAround,
      lastCommandAt: this.lastCommandAt,
      consecutiveFailures: this.state.consecutiveFailures,
      authFailed: this.authFailed,
      retryAfterUntil: this.retryAfterUntil,
    };
  }

  private async runTick(): Promise<void> {
    if (!this.running || this.inFlight) return;
    this.inFlight = true;
    const generation = this.generation;
    const { clock } = this.options;
    const startedAt = clock.now();
    let report: PollReport | null = null;
    this.tickEvents = [];
    try {
      report = await pollOnce(
        this.server.api,
        {
          flavor: this.state.flavor,
          known: this.known,
          unfinished: this.unfinishedEntries(),
          tick: this.tick,
          active: wantsActiveCadence(this.cadenceState(startedAt), this.options),
          forceFullList: this.away,
          probeDue: this.probeNeeded && startedAt >= this.probeRetryAt,
          endChecks: this.endChecks,
          awaited: [...this.awaited],
          focus: this.focus,
          settled: this.settled,
          lookAround: this.lookAround,
          unfilteredSuffices: this.unfilteredSuffices && !this.away,
          lastFullListAt: this.lastFullListAt,
          watchingSince: this.away ? null : this.catchUpBefore,
          getFailingSince: this.getFailingSince,
          deferred: this.deferred,
        },
        { now: () => clock.now(), options: this.options },
      );
    } catch (error) {
      this.options.reportError(error, `polling server ${this.server.id}`);
    }
    if (generation !== this.generation || !this.running) {
      // Stopped (or restarted) meanwhile: drop this answer; the next poll reads it again.
      this.inFlight = false;
      if (this.running && this.pollAgain) {
        this.pollAgain = false;
        this.pollNow();
      }
      return;
    }
    this.tick += 1;
    try {
      this.absorb(report, startedAt);
    } catch (error) {
      this.options.reportError(error, `applying the poll of server ${this.server.id}`);
    }
    // Still "in flight" while scheduling, so a listener calling pollNow() above is coalesced.
    this.scheduleAfterTick();
    this.inFlight = false;
    // Every tick ends with the state, so each view can show how old its data is; what the tick
    // learned travels with it as one batch, applied by the store as one unit.
    const events = [...this.tickEvents, this.stateEvent()];
    this.tickEvents = [];
    this.emit(events);
  }

  private absorb(report: PollReport | null, startedAt: number): void {
    const now = this.options.clock.now();
    const verdict = judgeTick(
      report
        ? { fatal: report.fatal, partial: report.partial }
        : { fatal: { kind: 'unexpected-response', message: 'Internal error while polling' }, partial: [] },
    );
    this.retryAfterUntil = verdict.retryAfterMs === null ? null : now + verdict.retryAfterMs;
    // Views say until when the server paused us; a wait already over holds nothing back.
    const rateLimitedUntil =
      this.retryAfterUntil !== null && this.retryAfterUntil > now ? this.retryAfterUntil : null;
    this.authFailed = verdict.authFailed;
    const consecutiveFailures = verdict.backOff ? this.state.consecutiveFailures + 1 : 0;

    if (!report || report.fatal) {
      this.settled = false;
      this.lookAround = false;
      if (verdict.health === 'offline' || verdict.health === 'auth-failed') {
        this.away = true;
        this.probeNeeded = true;
        this.probeRetryAt = 0;
      }
      this.updateState({
        health: verdict.health,
        lastError: verdict.lastError,
        lastAttemptAt: startedAt,
        consecutiveFailures,
        rateLimitedUntil,
      });
      return;
    }

    if (report.serverInfo) {
      this.probeNeeded = false;
    } else if (report.probeFailed) {
      this.probeRetryAt = now + this.options.probeRetryMs;
    }
    if (this.away) this.catchUpBefore = now;
    const { events, known } = diffJobs({
      serverId: this.server.id,
      known: this.known,
      update: this.known,
      observations: report.observations,
      now,
      previousSuccessAt: this.lastFullListAt,
      catchUpBefore: this.catchUpBefore,
      submittedHere: this.submittedHere,
    });
    this.known = known;
    for (const event of events) {
      if (event.type === 'server-state') continue;
      if (event.type === 'job-gone') this.unfinishedIds.delete(event.jobId);
      else if (isUnfinished(event.job)) this.unfinishedIds.add(event.job.id);
      else this.unfinishedIds.delete(event.job.id);
    }
    // Forgetting is housekeeping: a pass over every known job, so not on every tick.
    if (this.tick % FORGET_EVERY_TICKS === 0 || this.known.size > this.options.maxFinishedJobs) {
      const stale = staleFinishedIds(this.known, now, this.bornAt, this.options.forgetFinishedAfterMs);
      for (const id of [...stale, ...excessFinishedIds(this.known, this.options.maxFinishedJobs)]) {
        this.known.delete(id);
        this.submittedHere.delete(id);
      }
    }
    this.away = false;
    if (report.fullListed) this.lastFullListAt = startedAt;
    this.unfilteredSuffices = report.unfilteredSuffices;
    const stillUnfinished = (id: string): boolean => {
      const entry = this.known.get(id);
      return entry !== undefined && isUnfinished(entry.job);
    };
    this.endChecks = report.endChecks.filter((check) => stillUnfinished(check.jobId));
    this.deferred = report.deferred;
    this.getFailingSince = new Map([...report.getFailingSince].filter(([id]) => stillUnfinished(id)));
    // Nothing moved: no job appeared, ended or left, no status changed, every call answered.
    this.settled =
      report.partial.length === 0 &&
      this.endChecks.length === 0 &&
      events.every((event) => event.type === 'job-changed' && event.job.status === event.previous.status);
    for (const id of report.awaitedSettled) {
      this.awaited.delete(id);
      if (!this.known.has(id)) this.submittedHere.delete(id); // answered 404: nothing to watch
    }
    // The last unfinished job just ended: one look at everything before the cadence may go idle.
    this.lookAround =
      events.some((event) => event.type === 'job-finished' || event.type === 'job-gone') &&
      this.awaited.size === 0 &&
      !this.hasUnfinished();

    this.updateState({
      health: verdict.health,
      lastError: verdict.lastError,
      lastAttemptAt: startedAt,
      lastSuccessAt: now,
      consecutiveFailures,
      latencyMs: report.latencyMs ?? this.state.latencyMs,
      unreadableJobs: report.unreadable,
      rateLimitedUntil,
      ...(report.serverInfo ? { version: report.serverInfo.version, flavor: report.serverInfo.flavor } : {}),
    });
    this.tickEvents.push(...events);
  }

  private scheduleAfterTick(): void {
    const now = this.options.clock.now();
    const cadence = this.cadenceState(now);
    if (this.pollAgain) {
      this.pollAgain = false;
      this.schedule(pollNowDelayMs(cadence), chooseMode(cadence, this.options));
      return;
    }
    const next = nextPoll(cadence, this.options, this.options.random);
    this.schedule(next.delayMs, next.mode);
  }

  private updateState(patch: Partial<ServerState>): void {
    const before = this.state;
    this.state = { ...before, ...patch };
    // Inside a tick the closing emission covers it; outside (stop, a command) say it now.
    if (isNoteworthyChange(before, this.state) && !this.inFlight) {
      this.emit([this.stateEvent()]);
    }
  }

  private stateEvent(): EngineEvent {
    return { type: 'server-state', serverId: this.server.id, state: this.getState() };
  }
}
