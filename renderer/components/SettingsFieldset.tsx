/** The settings inputs, grouped: polling, notifications, quiet hours, the app. */
import type { SettingsFields } from '../model/settingsDraft';
import { CheckField, TextField } from './Fields';

interface Props {
  fields: SettingsFields;
  onChange(change: Partial<SettingsFields>): void;
}

/** The fields whose value is exactly `V` (so 'theme', a union of words, is not a free string). */
type FieldOf<V> = {
  [K in keyof SettingsFields]: [SettingsFields[K]] extends [V]
    ? [V] extends [SettingsFields[K]]
      ? K
      : never
    : never;
}[keyof SettingsFields];

export function SettingsFieldset({ fields, onChange }: Props) {
  const check = (name: FieldOf<boolean>, label: string) => (
    <CheckField label={label} checked={fields[name]} onChange={(checked) => onChange({ [name]: checked })} />
  );
  const text = (
    name: FieldOf<string>,
    label: string,
    extra: { inputMode?: 'decimal' | 'numeric'; type?: 'time' },
  ) => (
    <TextField
      label={label}
      value={fields[name]}
      onChange={(value) => onChange({ [name]: value })}
      {...extra}
    />
  );
  return (
    <>
      <fieldset>
        <legend>Polling</legend>
        {text('activeSeconds', 'Interval while jobs run (seconds)', { inputMode: 'decimal' })}
        {text('idleSeconds', 'Interval when idle (seconds)', { inputMode: 'decimal' })}
        {text('stallMinutes', 'Warn about a stalled job after (minutes)', { inputMode: 'numeric' })}
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
        {text('quietStart', 'From', { type: 'time' })}
        {text('quietEnd', 'Until', { type: 'time' })}
        {check('failuresBreakThrough', 'Failures still notify during quiet hours')}
      </fieldset>
      <fieldset>
        <legend>App</legend>
        {check('launchAtLogin', 'Start CIDX Tray when I log in')}
        {text('retentionDays', 'Keep finished jobs for (days)', { inputMode: 'numeric' })}
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
