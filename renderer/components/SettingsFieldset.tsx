/** The settings inputs, grouped: polling, notifications, quiet hours, the app. */
import type { SettingsFields } from '../model/settingsDraft';

interface Props {
  fields: SettingsFields;
  onChange(change: Partial<SettingsFields>): void;
}

type Flag = {
  [K in keyof SettingsFields]: SettingsFields[K] extends boolean ? K : never;
}[keyof SettingsFields];

export function SettingsFieldset({ fields, onChange }: Props) {
  const check = (name: Flag, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={fields[name]}
        onChange={(e) => onChange({ [name]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <>
      <fieldset>
        <legend>Polling</legend>
        <label>
          Interval while jobs run (seconds)
          <input
            inputMode="decimal"
            value={fields.activeSeconds}
            onChange={(e) => onChange({ activeSeconds: e.target.value })}
          />
        </label>
        <label>
          Interval when idle (seconds)
          <input
            inputMode="decimal"
            value={fields.idleSeconds}
            onChange={(e) => onChange({ idleSeconds: e.target.value })}
          />
        </label>
        <label>
          Warn about a stalled job after (minutes)
          <input
            inputMode="numeric"
            value={fields.stallMinutes}
            onChange={(e) => onChange({ stallMinutes: e.target.value })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Notifications</legend>
        {check('notificationsEnabled', 'Show desktop notifications')}
        {check('notifyCompleted', 'When a job completes')}
        {check('notifyPartial', 'When a job completes partly')}
        {check('notifyFailed', 'When a job fails')}
        {check('notifyCancelled', 'When a job is cancelled')}
      </fieldset>
      <fieldset>
        <legend>Quiet hours</legend>
        {check('quietEnabled', 'Hold notifications during quiet hours')}
        <label>
          From
          <input
            type="time"
            value={fields.quietStart}
            onChange={(e) => onChange({ quietStart: e.target.value })}
          />
        </label>
        <label>
          Until
          <input
            type="time"
            value={fields.quietEnd}
            onChange={(e) => onChange({ quietEnd: e.target.value })}
          />
        </label>
        {check('failuresBreakThrough', 'Failures still notify during quiet hours')}
      </fieldset>
      <fieldset>
        <legend>App</legend>
        {check('launchAtLogin', 'Start CIDX Tray when I log in')}
        <label>
          Keep finished jobs for (days)
          <input
            inputMode="numeric"
            value={fields.retentionDays}
            onChange={(e) => onChange({ retentionDays: e.target.value })}
          />
        </label>
        <label>
          Theme
          <select
            value={fields.theme}
            onChange={(e) => onChange({ theme: e.target.value as SettingsFields['theme'] })}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </fieldset>
    </>
  );
}
