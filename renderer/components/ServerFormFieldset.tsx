/** The server form's inputs. Secret inputs are never pre-filled and never autocompleted. */
import type { ServerFormFields } from '../model/serverDraft';
import { CheckField, TextField } from './Fields';

interface Props {
  fields: ServerFormFields;
  editing: boolean;
  /** Why the stored secret of an edited server will not be kept (its origin changed), or null. */
  renewal?: string | null;
  onChange(change: Partial<ServerFormFields>): void;
}

export function ServerFormFieldset({ fields, editing, renewal = null, onChange }: Props) {
  const keepHint = !editing
    ? ''
    : renewal
      ? ` (needed again: ${renewal})`
      : ' (leave empty to keep the stored one)';
  return (
    <>
      <TextField label="Name" value={fields.name} onChange={(name) => onChange({ name })} required />
      <TextField
        label="Server address"
        type="url"
        placeholder="https://cidx.example.com"
        value={fields.url}
        onChange={(url) => onChange({ url })}
        required
      />
      <fieldset>
        <legend>Sign in with</legend>
        <label className="check">
          <input
            type="radio"
            name="auth-mode"
            checked={fields.authMode === 'api-key'}
            onChange={() => onChange({ authMode: 'api-key' })}
          />
          API key (recommended)
        </label>
        <label className="check">
          <input
            type="radio"
            name="auth-mode"
            checked={fields.authMode === 'password'}
            onChange={() => onChange({ authMode: 'password' })}
          />
          Username and password
        </label>
      </fieldset>
      {fields.authMode === 'api-key' ? (
        <TextField
          label={`API key${keepHint}`}
          type="password"
          autoComplete="off"
          value={fields.apiKey}
          onChange={(apiKey) => onChange({ apiKey })}
        />
      ) : (
        <>
          <TextField
            label="Username"
            autoComplete="username"
            value={fields.username}
            onChange={(username) => onChange({ username })}
          />
          <TextField
            label={`Password${keepHint}`}
            type="password"
            autoComplete="new-password"
            value={fields.password}
            onChange={(password) => onChange({ password })}
          />
        </>
      )}
      <details>
        <summary>More options</summary>
        <TextField
          label="Extra CA certificate file (PEM path)"
          value={fields.caFile}
          onChange={(caFile) => onChange({ caFile })}
        />
        <CheckField
          label="Skip certificate verification (insecure)"
          checked={fields.insecureSkipVerify}
          onChange={(insecureSkipVerify) => onChange({ insecureSkipVerify })}
        />
        <CheckField
          label="Show every user's jobs (administrators)"
          checked={fields.showAllUsers}
          onChange={(showAllUsers) => onChange({ showAllUsers })}
        />
        <CheckField
          label="Show system jobs"
          checked={fields.showSystemJobs}
          onChange={(showSystemJobs) => onChange({ showSystemJobs })}
        />
        <CheckField
          label="Watch this server"
          checked={fields.enabled}
          onChange={(enabled) => onChange({ enabled })}
        />
      </details>
    </>
  );
}
