/**
 * What only the window cares about: the open view, the selected job, list filters, commands
 * in flight and their failures (in words), what a screen reader should hear, and which jobs
 * are on screen (main reads their phases first).
 */
import { create } from 'zustand';
import type { JobKey } from '../model/jobKey';
import type { ContractFailure } from './types';

export type ViewName = 'jobs' | 'sync' | 'servers' | 'settings';
export type StatusFilter = 'all' | 'active' | 'failed' | 'completed' | 'cancelled';

export interface JobFilters {
  /** A server id, or 'all'. */
  server: string;
  status: StatusFilter;
  text: string;
  groupByServer: boolean;
}

export interface Announcement {
  id: number;
  text: string;
}

interface UiState {
  view: ViewName;
  selectedJob: JobKey | null;
  filters: JobFilters;
  /** Command key -> what is being done, in words. */
  pending: Record<string, string>;
  /** Command key -> why it failed. */
  failures: Record<string, ContractFailure>;
  announcements: Announcement[];
  /** Jobs currently rendered in the list (plus the open one). */
  onScreen: JobKey[];
}

interface UiActions {
  setView(view: ViewName): void;
  selectJob(key: JobKey | null): void;
  setFilters(filters: Partial<JobFilters>): void;
  startCommand(key: string, label: string): void;
  finishCommand(key: string, failure: ContractFailure | null): void;
  clearFailure(key: string): void;
  announce(text: string): void;
  setOnScreen(keys: JobKey[]): void;
  reset(): void;
}

const MAX_ANNOUNCEMENTS = 5;
let nextAnnouncementId = 1;

const defaults: UiState = {
  view: 'jobs',
  selectedJob: null,
  filters: { server: 'all', status: 'all', text: '', groupByServer: false },
  pending: {},
  failures: {},
  announcements: [],
  onScreen: [],
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
};

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, index) => value === b[index]);

export const useUiStore = create<UiState & UiActions>()((set) => ({
  ...defaults,
  setView: (view) => set({ view }),
  selectJob: (selectedJob) => set({ selectedJob }),
  setFilters: (filters) => set((state) => ({ filters: { ...state.filters, ...filters } })),
  startCommand: (key, label) =>
    set((state) => ({ pending: { ...state.pending, [key]: label }, failures: without(state.failures, key) })),
  finishCommand: (key, failure) =>
    set((state) => ({
      pending: without(state.pending, key),
      failures: failure ? { ...state.failures, [key]: failure } : without(state.failures, key),
    })),
  clearFailure: (key) => set((state) => ({ failures: without(state.failures, key) })),
  announce: (text) =>
    set((state) => ({
      announcements: [...state.announcements, { id: nextAnnouncementId++, text }].slice(-MAX_ANNOUNCEMENTS),
    })),
  setOnScreen: (keys) => set((state) => (sameKeys(state.onScreen, keys) ? state : { onScreen: keys })),
  reset: () => set(defaults),
}));
