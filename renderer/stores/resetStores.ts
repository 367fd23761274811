/** Every store back to its defaults (tests run each case from a clean slate, style.md §19). */
import { useJobsStore } from './jobsStore';
import { useProjectionStore } from './projectionStore';
import { useServersStore } from './serversStore';
import { useSettingsStore } from './settingsStore';
import { useSummaryStore } from './summaryStore';
import { useUiStore } from './uiStore';

export function resetStores(): void {
  useJobsStore.getState().reset();
  useServersStore.getState().reset();
  useSummaryStore.getState().reset();
  useSettingsStore.getState().reset();
  useProjectionStore.getState().reset();
  useUiStore.getState().reset();
}
