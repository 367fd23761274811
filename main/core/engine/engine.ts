/**
 * The polling engine: one `ServerPoller` per configured server, one stream of `EngineEvent`s.
 * Hosts call `pollNow()` after every command, on resume, unlock and network return.
 */
import type { Job } from '../cidx/job';
import type { EngineBatch, EngineBatchListener, EngineEventListener, ServerState } from './events';
import type { EngineOptions } from './options';
import { definedOptions, resolveEngineOptions } from './options';
import type { PolledServer } from './server-poller';
import { ServerPoller } from './server-poller';

export class PollingEngine {
  readonly options: EngineOptions;
  private readonly pollers = new Map<string, ServerPoller>();
  private readonly listeners = new Set<EngineBatchListener>();
  private started = false;

  constructor(options: Partial<EngineOptions> = {}) {
    this.options = resolveEngineOptions(options);
  }

  /**
   * Watch a server. `seedJobs` are the jobs known from the previous run: their endings seen on the
   * first poll are reported as catch-up. Adding an id again replaces that server.
   */
  addServer(server: PolledServer, seedJobs: readonly Job[] = []): void {
    this.removeServer(server.id);
    const poller = new ServerPoller(
      server,
      this.options,
      (events) => this.emit({ serverId: server.id, events }),
      seedJobs,
    );
    this.pollers.set(server.id, poller);
    if (this.started) poller.start();
  }

  removeServer(serverId: string): void {
    const poller = this.pollers.get(serverId);
    if (!poller) return;
    this.pollers.delete(serverId);
    poller.stop();
  }

  serverIds(): string[] {
    return [...this.pollers.keys()];
  }

  start(): void {
    this.started = true;
    for (const poller of this.pollers.values()) poller.start();
  }

  stop(): void {
    this.started = false;
    for (const poller of this.pollers.values()) poller.stop();
  }

  /**
   * New cadence settings from the person. Every poller reads the shared options at its next
   * scheduling, so the change applies from each server's next tick without a restart.
   */
  setIntervals(
    intervals: Partial<Pick<EngineOptions, 'activeIntervalMs' | 'idleIntervalMs' | 'backoffCapMs'>>,
  ): void {
    Object.assign(this.options, definedOptions(intervals));
  }

  /** Poll one server, or all, at once (a poll already in flight is followed by exactly one more). */
  pollNow(serverId?: string): void {
    if (serverId === undefined) for (const poller of this.pollers.values()) poller.pollNow();
    else this.pollers.get(serverId)?.pollNow();
  }

  /** A command was just sent to this server: switch it to the active cadence now. */
  noteCommand(serverId: string): void {
    this.pollers.get(serverId)?.noteCommand();
  }

  /** A job this app just submitted: watch it even before any list shows it. */
  trackJob(serverId: string, jobId: string): void {
    this.pollers.get(serverId)?.trackJob(jobId);
  }

  /** The jobs on screen: their phases are read first. */
  setFocus(serverId: string, jobIds: readonly string[]): void {
    this.pollers.get(serverId)?.setFocus(jobIds);
  }

  getServerState(serverId: string): ServerState | null {
    return this.pollers.get(serverId)?.getState() ?? null;
  }

  getJobs(serverId: string): Job[] {
    return this.pollers.get(serverId)?.getJobs() ?? [];
  }

  /**
   * Every tick of every server as one batch: its job events, then its state. The product core
   * applies a batch as one unit (one store update, one patch). Returns the unsubscribe function.
   */
  onBatch(listener: EngineBatchListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The same stream one event at a time, for consumers that fold events one by one. */
  on(listener: EngineEventListener): () => void {
    return this.onBatch((batch) => {
      for (const event of batch.events) listener(event);
    });
  }

  private emit(batch: EngineBatch): void {
    // Removed servers fall silent at once, even with a poll in flight.
    if (!this.pollers.has(batch.serverId)) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(batch);
      } catch (error) {
        // A bug in one consumer must not stop the polling of every server.
        this.options.reportError(error, `engine listener failed on a batch of ${batch.serverId}`);
      }
    }
  }
}
