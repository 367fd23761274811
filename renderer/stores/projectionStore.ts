/**
 * How current the renderer's projection of main's state is: the last applied patch version,
 * whether a snapshot is loading, and the bridge's connection state.
 */
import { create } from 'zustand';
import type { ConnectionState } from '../bridge/connectionState';

export type LoadStatus = 'loading' | 'ready' | 'resyncing' | 'failed';

interface ProjectionState {
  /** Version of the last applied snapshot or patch; null before the first snapshot. */
  version: number | null;
  status: LoadStatus;
  /** Why the last snapshot could not be loaded, in words. */
  loadError: string | null;
  connection: ConnectionState;
}

interface ProjectionActions {
  setVersion(version: number): void;
  setStatus(status: LoadStatus, loadError?: string | null): void;
  setConnection(connection: ConnectionState): void;
  reset(): void;
}

const defaults: ProjectionState = {
  version: null,
  status: 'loading',
  loadError: null,
  connection: 'connected',
};

export const useProjectionStore = create<ProjectionState & ProjectionActions>()((set) => ({
  ...defaults,
  setVersion: (version) => set({ version }),
  setStatus: (status, loadError = null) => set({ status, loadError }),
  setConnection: (connection) => set({ connection }),
  reset: () => set(defaults),
}));
