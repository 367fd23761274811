/**
 * Settings changes applied while the app runs: new polling intervals reach the engine at its
 * next scheduling, notification settings the center at once, retention the job store at once.
 */
import type { AppSettings, PollingSettings } from '../config/settings';
import type { EngineOptions } from '../engine/options';
import type { NotificationCenter } from '../notify/notification-center';
import type { CoreContext } from './core-context';
import type { Housekeeping } from './housekeeping';
import type { PatchStream } from './patch-stream';

/** The engine options a person controls through the settings. */
export function intervalsFrom(
  polling: PollingSettings,
): Pick<EngineOptions, 'activeIntervalMs' | 'idleIntervalMs' | 'backoffCapMs'> {
  return {
    activeIntervalMs: polling.activeIntervalMs,
    idleIntervalMs: polling.idleIntervalMs,
    backoffCapMs: polling.backoffCapMs,
  };
}

export function applySettingsLive(
  ctx: CoreContext,
  settings: AppSettings,
  center: NotificationCenter,
  housekeeping: Housekeeping,
  patches: PatchStream,
): void {
  // Every server from its next tick, without dropping what the engine knows.
  ctx.engine.setIntervals(intervalsFrom(settings.polling));
  patches.batch(() => {
    // Quiet hours may have ended or been switched off: release what they held.
    center.tick();
    housekeeping.prune();
    patches.settingsChanged();
  });
}
