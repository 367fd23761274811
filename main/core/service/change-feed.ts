/**
 * Versioned change notifications: every change gets the next version, so a consumer (the
 * renderer over IPC, a browser over WebSocket) detects a gap and asks for a snapshot instead of
 * drifting (style.md §13).
 */
import type { TrayChange, TrayListener, TrayPatch } from './tray-types';

export interface ChangeFeed {
  publish(change: TrayChange): void;
  version(): number;
  subscribe(listener: TrayListener): () => void;
}

export function createChangeFeed(reportError: (error: unknown, context: string) => void): ChangeFeed {
  let version = 0;
  const listeners = new Set<TrayListener>();
  return {
    publish(change) {
      version += 1;
      const patch: TrayPatch = { version, change };
      for (const listener of [...listeners]) {
        try {
          listener(patch);
        } catch (error) {
          // One broken view must not stop the others, nor the engine that called us.
          reportError(error, `tray listener failed on ${change.kind}`);
        }
      }
    },
    version: () => version,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
