/** App settings, edited as a draft and saved through `settings:update`; failures in words. */
import { useState, type FormEvent } from 'react';
import { bridgeApi } from '../bridge';
import { commandKeys, runCommand } from '../commands';
import { CommandFailure } from '../components/CommandFailure';
import { SettingsFieldset } from '../components/SettingsFieldset';
import { fieldsFromSettings, patchFromFields, type SettingsFields } from '../model/settingsDraft';
import { useSettingsStore } from '../stores/settingsStore';
import type { AppSettings } from '../stores/types';
import { useUiStore } from '../stores/uiStore';

export function SettingsView() {
  const settings = useSettingsStore((s) => s.settings);
  if (!settings) return <p role="status">Loading settings…</p>;
  return <SettingsForm settings={settings} />;
}

function SettingsForm({ settings }: { settings: AppSettings }) {
  const [fields, setFields] = useState<SettingsFields>(() => fieldsFromSettings(settings));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const saving = useUiStore((s) => s.pending[commandKeys.settings] !== undefined);
  const update = (change: Partial<SettingsFields>) => {
    setSaved(false);
    setFields((current) => ({ ...current, ...change }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const built = patchFromFields(fields);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    const result = await runCommand(commandKeys.settings, 'Saving settings', () =>
      bridgeApi().settings.update(built.patch),
    );
    if (result.ok) {
      setFields(fieldsFromSettings(result.value));
      setSaved(true);
    }
  };

  return (
    <form className="settings-view" aria-label="Settings" onSubmit={(e) => void save(e)} noValidate>
      <h2>Settings</h2>
      <SettingsFieldset fields={fields} onChange={update} />
      <div className="actions__buttons">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" onClick={() => void bridgeApi().notifications.test()}>
          Send a test notification
        </button>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="failure">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <CommandFailure commandKey={commandKeys.settings} />
      {saved && <p role="status">Settings saved.</p>}
    </form>
  );
}
