/** The app settings as main last reported them (main owns them; the renderer edits a draft). */
import { create } from 'zustand';
import type { AppSettings } from './types';

interface SettingsState {
  settings: AppSettings | null;
}

interface SettingsActions {
  setSettings(settings: AppSettings): void;
  reset(): void;
}

const defaults: SettingsState = { settings: null };

export const useSettingsStore = create<SettingsState & SettingsActions>()((set) => ({
  ...defaults,
  setSettings: (settings) => set({ settings }),
  reset: () => set(defaults),
}));
