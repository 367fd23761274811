/**
 * When to poll a server next: a pure function of its state and the time (style.md §14).
 * Fast while something happens, slow when idle, exponential backoff with full jitter on
 * failure, and never earlier than the server's own Retry-After.
 */
import type { CadenceMode } from './events';
import type { EngineOptions } from './options';

export type CadenceOptions = Pick<
  EngineOptions,
  | 'activeIntervalMs'
  | 'idleIntervalMs'
  | 'commandActiveWindowMs'
  | 'backoffBaseMs'
  | 'backoffCapMs'
  | 'backoffFloorMs'
  | 'authFailedIntervalMs'
>;

export interface CadenceState {
  now: number;
  /**
   * The server has pending or running jobs this app knows of (or one more look is owed: the last
   * one ended on a GET alone, and a freed worker may have started a queued job).
   */
  hasUnfinishedJobs: boolean;
  /** Last command sent to this server (submit, cancel, retry), or a job just tracked. */
  lastCommandAt: number | null;
  /** Failed ticks in a row (main list failed, or the server rate-limited us). */
  consecutiveFailures: number;
  /** The last failure was a rejection of the credentials. */
  authFailed: boolean;
  /** Epoch ms before which the server asked not to be called again (Retry-After). */
  retryAfterUntil: number | null;
}

/** Active while jobs are running or pending, or for a while after a person acted. */
export function wantsActiveCadence(state: CadenceState, options: CadenceOptions): boolean {
  if (state.hasUnfinishedJobs) return true;
  return state.lastCommandAt !== null && state.now - state.lastCommandAt < options.commandActiveWindowMs;
}

export function chooseMode(state: CadenceState, options: CadenceOptions): CadenceMode {
  if (state.consecutiveFailures > 0) return 'backoff';
  return wantsActiveCadence(state, options) ? 'active' : 'idle';
}

/**
 * Full jitter ("Exponential Backoff And Jitter", AWS architecture blog): a uniform draw in
 * [0, min(cap, base * 2^(n-1))], so many clients recovering at once do not stampede a server.
 * The floor keeps a zero draw from turning into a tight retry loop.
 */
export function backoffDelayMs(failures: number, options: CadenceOptions, random: () => number): number {
  const exponent = Math.max(0, failures - 1);
  const ceiling = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** Math.min(exponent, 30));
  const draw = Math.min(Math.max(random(), 0), 1) * ceiling;
  return Math.max(options.backoffFloorMs, Math.round(draw));
}

/** How long the server asked us to wait, from now (0 when it did not ask). */
function retryAfterRemainingMs(state: Pick<CadenceState, 'now' | 'retryAfterUntil'>): number {
  return state.retryAfterUntil === null ? 0 : Math.max(0, state.retryAfterUntil - state.now);
}

export interface NextPoll {
  mode: CadenceMode;
  delayMs: number;
}

/** The delay until the next regular tick. */
export function nextPoll(state: CadenceState, options: CadenceOptions, random: () => number): NextPoll {
  const mode = chooseMode(state, options);
  let delayMs: number;
  if (mode === 'backoff') {
    delayMs = backoffDelayMs(state.consecutiveFailures, options, random);
    if (state.authFailed) delayMs = Math.max(delayMs, options.authFailedIntervalMs);
  } else {
    delayMs = mode === 'active' ? options.activeIntervalMs : options.idleIntervalMs;
  }
  return { mode, delayMs: Math.max(delayMs, retryAfterRemainingMs(state)) };
}

/**
 * The delay of an immediate poll (after a command, on resume, on network return): at once,
 * even in backoff — except that a Retry-After the server gave is still honoured.
 */
export function pollNowDelayMs(state: Pick<CadenceState, 'now' | 'retryAfterUntil'>): number {
  return retryAfterRemainingMs(state);
}
