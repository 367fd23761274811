/**
 * Add or edit a server, with a connection test that says what is wrong in words. Secrets are
 * typed here, sent once, and forgotten: the fields are never pre-filled.
 */
import { useState, type FormEvent } from 'react';
import { bridgeApi } from '../bridge';
import { commandKeys, runCommand } from '../commands';
import { describeServerInfo } from '../model/serverInfoText';
import {
  credentialRenewal,
  draftFrom,
  emptyServerFields,
  fieldsFromConfig,
  formProblems,
  type ServerFormFields,
} from '../model/serverDraft';
import type { ContractFailure, ServerConfig } from '../stores/types';
import { useUiStore } from '../stores/uiStore';
import { FailureText } from './FailureText';
import { ServerFormFieldset } from './ServerFormFieldset';

type TestOutcome = { ok: true; text: string } | { ok: false; failure: ContractFailure } | null;

/** `onCancel` absent (the first-run walkthrough): there is nothing to go back to, so no Cancel. */
export function ServerForm({
  editing,
  onDone,
  onCancel,
}: {
  editing?: ServerConfig;
  onDone(): void;
  onCancel?(): void;
}) {
  const [fields, setFields] = useState<ServerFormFields>(() =>
    editing ? fieldsFromConfig(editing) : emptyServerFields,
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [test, setTest] = useState<TestOutcome>(null);
  const testing = useUiStore((s) => s.pending[commandKeys.serverTest] !== undefined);
  const saving = useUiStore((s) => s.pending[commandKeys.serverSave] !== undefined);
  const saveFailure = useUiStore((s) => s.failures[commandKeys.serverSave]);
  const update = (change: Partial<ServerFormFields>) => setFields((current) => ({ ...current, ...change }));

  const check = (): boolean => {
    const found = formProblems(fields, editing !== undefined, editing);
    setProblems(found);
    return found.length === 0;
  };

  const runTest = async () => {
    setTest(null);
    if (!check()) return;
    const result = await runCommand(commandKeys.serverTest, 'Testing the connection', () =>
      bridgeApi().servers.test(draftFrom(fields)),
    );
    setTest(
      result.ok ? { ok: true, text: describeServerInfo(result.value) } : { ok: false, failure: result.error },
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    const draft = draftFrom(fields);
    const hasCredentials = Object.keys(draft.credentials).length > 0;
    const result = await runCommand(commandKeys.serverSave, 'Saving the server', () =>
      editing
        ? bridgeApi().servers.update({
            id: editing.id,
            patch: draft.server,
            ...(hasCredentials ? { credentials: draft.credentials } : {}),
          })
        : bridgeApi().servers.add(draft),
    );
    if (result.ok) {
      // The secret leaves the renderer with the request; nothing keeps it.
      setFields(emptyServerFields);
      onDone();
    }
  };

  const title = editing ? `Edit ${editing.name}` : 'Add a server';
  return (
    <form className="server-form" aria-label={title} onSubmit={(e) => void save(e)} noValidate>
      <h2>{title}</h2>
      <ServerFormFieldset
        fields={fields}
        editing={editing !== undefined}
        renewal={credentialRenewal(fields, editing)}
        onChange={update}
      />
      {problems.length > 0 && (
        <ul role="alert" className="failure">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="actions__buttons">
        <button type="button" onClick={() => void runTest()} disabled={testing}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add server'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {test?.ok && (
        <p role="status" className="success">
          {test.text}
        </p>
      )}
      {test && !test.ok && <FailureText prefix="Connection test failed:" failure={test.failure} />}
      {saveFailure && <FailureText prefix="Could not save the server:" failure={saveFailure} />}
    </form>
  );
}
