/** The at-a-glance summary (counts, worst state, data age) and the settings file's issues. */
import { create } from 'zustand';
import type { ConfigIssue, JobsSummary } from './types';

interface SummaryState {
  summary: JobsSummary | null;
  issues: ConfigIssue[];
}

interface SummaryActions {
  setSummary(summary: JobsSummary): void;
  setIssues(issues: ConfigIssue[]): void;
  reset(): void;
}

const defaults: SummaryState = { summary: null, issues: [] };

export const useSummaryStore = create<SummaryState & SummaryActions>()((set) => ({
  ...defaults,
  setSummary: (summary) => set({ summary }),
  setIssues: (issues) => set({ issues }),
  reset: () => set(defaults),
}));
