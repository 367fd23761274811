/**
 * What the polling engine tells the rest of the app. Every consumer (job store, notify policy,
 * tray model, contract, CLI) reads these and nothing else from the engine.
 */
import type { ServerFlavor } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import type { Job, TerminalStatus } from '../cidx/job';

export type ServerHealth =
  | 'connecting' // configured, no answer yet
  | 'online' // the last poll succeeded
  | 'degraded' // answering, but some calls fail (5xx on a GET, a bad body, rate limited)
  | 'offline' // unreachable, timing out or failing every call
  | 'auth-failed'; // credentials need a person: bad key or password, MFA, revoked tokens

export type CadenceMode = 'active' | 'idle' | 'backoff' | 'paused';

export interface ServerState {
  serverId: string;
  health: ServerHealth;
  /** Epoch ms of the last fully successful poll: every view shows how old its data is. */
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** The reason for degraded/offline/auth-failed, in words. */
  lastError: CidxFailure | null;
  consecutiveFailures: number;
  /** Round-trip of the last successful request, ms. */
  latencyMs: number | null;
  version: string | null;
  flavor: ServerFlavor | null;
  mode: CadenceMode;
  nextPollAt: number | null;
  /** Jobs the last successful poll's lists carried but could not be read (dropped, not fatal). */
  unreadableJobs: number;
  /**
   * Epoch ms until which the server asked (429/503 with `Retry-After`, capped at 15 minutes) not
   * to be polled; null when no such wait holds polling back.
   */
  rateLimitedUntil: number | null;
}

export type JobGoneReason = 'not-found' | 'lost';

export type EngineEvent =
  /**
   * A job the engine had not seen. `createdSinceLastPoll` is true when the job was created after
   * the previous successful poll of its server (it may have started and ended between two looks);
   * false on the first poll (history) and for older jobs.
   */
  | { type: 'job-added'; serverId: string; job: Job; createdSinceLastPoll: boolean }
  /** Progress, phase, phase detail or a non-terminal status changed. */
  | { type: 'job-changed'; serverId: string; job: Job; previous: Job }
  /**
   * A known, non-terminal job reached a terminal status. `catchUp` is true when the transition
   * happened while the app was not looking (first poll after start, or after the server was
   * offline): those go into a "while you were away" digest instead of one notification each.
   */
  | {
      type: 'job-finished';
      serverId: string;
      job: Job;
      previous: Job;
      status: TerminalStatus;
      catchUp: boolean;
    }
  /**
   * A tracked job the engine forgets. `reason` says why: `not-found` when `GET /api/jobs/{id}`
   * answered 404 (retention, a v5 restart; not an error); `lost` when the engine could not
   * account for an unfinished job for `lostAfterMs` (it left every list that should show it and
   * no list or GET said how it ended), so it is not left looking `running` forever. The engine
   * always sets it; it is optional only so events recorded before it existed stay valid.
   */
  | { type: 'job-gone'; serverId: string; jobId: string; previous: Job; reason?: JobGoneReason }
  | { type: 'server-state'; serverId: string; state: ServerState };

export type EngineEventListener = (event: EngineEvent) => void;

/** What one tick of one server told, in order, ending with its state (or one state change alone). */
export interface EngineBatch {
  serverId: string;
  events: readonly EngineEvent[];
}

export type EngineBatchListener = (batch: EngineBatch) => void;
