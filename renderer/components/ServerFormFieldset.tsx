/** The server form's inputs. Secret inputs are never pre-filled and never autocompleted. */
import type { ServerFormFields } from '../model/serverDraft';

interface Props {
  fields: ServerFormFields;
  editing: boolean;
  onChange(change: Partial<ServerFormFields>): void;
}

export function ServerFormFieldset({ fields, editing, onChange }: Props) {
  const keepHint = editing ? ' (leave empty to keep the stored one)' : '';
  return (
    <>
      <label>
        Name
        <input value={fields.name} onChange={(e) => onChange({ name: e.target.value })} required />
      </label>
      <label>
        Server address
        <input
          type="url"
          placeholder="https://cidx.example.com"
          value={fields.url}
          onChange={(e) => onChange({ url: e.target.value })}
          required
        />
      </label>
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
        <label>
          API key{keepHint}
          <input
            type="password"
            autoComplete="off"
            value={fields.apiKey}
            onChange={(e) => onChange({ apiKey: e.target.value })}
          />
        </label>
      ) : (
        <>
          <label>
            Username
            <input
              autoComplete="username"
              value={fields.username}
              onChange={(e) => onChange({ username: e.target.value })}
            />
          </label>
          <label>
            Password{keepHint}
            <input
              type="password"
              autoComplete="new-password"
              value={fields.password}
              onChange={(e) => onChange({ password: e.target.value })}
            />
          </label>
        </>
      )}
      <details>
        <summary>More options</summary>
        <label>
          Extra CA certificate file (PEM path)
          <input value={fields.caFile} onChange={(e) => onChange({ caFile: e.target.value })} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fields.insecureSkipVerify}
            onChange={(e) => onChange({ insecureSkipVerify: e.target.checked })}
          />
          Skip certificate verification (insecure)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fields.showAllUsers}
            onChange={(e) => onChange({ showAllUsers: e.target.checked })}
          />
          Show every user&apos;s jobs (administrators)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fields.showSystemJobs}
            onChange={(e) => onChange({ showSystemJobs: e.target.checked })}
          />
          Show system jobs
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={fields.enabled}
            onChange={(e) => onChange({ enabled: e.target.checked })}
          />
          Watch this server
        </label>
      </details>
    </>
  );
}
