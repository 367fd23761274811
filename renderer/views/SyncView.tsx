/**
 * Start a sync: pick a server and one of its activated repositories, submit, then follow the
 * new job. CIDX runs one sync per user at a time, on any repository (cidx-api.md §3): a 409
 * is explained as that, not as an error of this repository.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { bridgeApi } from '../bridge';
import { commandKeys, runCommand } from '../commands';
import { jobKey } from '../model/jobKey';
import { useServersStore } from '../stores/serversStore';
import type { ContractFailure, Repository } from '../stores/types';
import { useUiStore } from '../stores/uiStore';
import { ServerSelect } from '../components/ServerSelect';

function syncFailureText(failure: ContractFailure, serverName: string): string {
  if (failure.kind === 'conflict') {
    return `You already have a sync running on ${serverName}. CIDX allows one sync per user at a time, on any repository: wait for it to finish (or cancel it) and submit again. The server said: ${failure.message}`;
  }
  return `The sync was not started: ${failure.message}`;
}

export function SyncView() {
  const servers = useServersStore((s) => s.servers);
  const enabled = servers.filter((s) => s.config.enabled);
  const [serverId, setServerId] = useState(enabled[0]?.config.id ?? '');
  const [repositories, setRepositories] = useState<Repository[] | null>(null);
  const [repository, setRepository] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const loadingRepos = useUiStore((s) => s.pending[commandKeys.repositories] !== undefined);
  const submitting = useUiStore((s) => s.pending[commandKeys.sync] !== undefined);
  const serverName = servers.find((s) => s.config.id === serverId)?.config.name ?? serverId;

  useEffect(() => {
    let current = true;
    setRepositories(null);
    setRepository('');
    setFailure(null);
    if (!serverId) return;
    void runCommand(commandKeys.repositories, 'Loading repositories', () =>
      bridgeApi().servers.repositories(serverId),
    ).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRepositories(result.value);
        setRepository(result.value[0]?.alias ?? '');
      } else setFailure(`Could not list the repositories: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
  }, [serverId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!serverId || !repository) return;
    setFailure(null);
    const result = await runCommand(commandKeys.sync, 'Submitting the sync', () =>
      bridgeApi().jobs.sync({ serverId, repository }),
    );
    if (!result.ok) {
      setFailure(syncFailureText(result.error, serverName));
      return;
    }
    const ui = useUiStore.getState();
    ui.selectJob(jobKey(result.value));
    ui.setView('jobs');
  };

  if (enabled.length === 0) return <p className="empty">Add a server (or switch one on) to start a sync.</p>;

  return (
    <form className="sync-view" aria-label="Start a sync" onSubmit={(e) => void submit(e)}>
      <h2>Start a sync</h2>
      <ServerSelect servers={enabled} value={serverId} onChange={setServerId} />
      <label>
        Repository
        <select
          value={repository}
          onChange={(e) => setRepository(e.target.value)}
          disabled={!repositories || repositories.length === 0}
        >
          {(repositories ?? []).map((r) => (
            <option key={r.alias} value={r.alias}>
              {r.alias}
              {r.branch ? ` (${r.branch})` : ''}
            </option>
          ))}
        </select>
      </label>
      {loadingRepos && <p role="status">Loading the activated repositories…</p>}
      {repositories?.length === 0 && <p>You have no activated repositories on {serverName}.</p>}
      <button type="submit" disabled={!repository || submitting}>
        {submitting ? 'Submitting…' : 'Start sync'}
      </button>
      {failure && (
        <p role="alert" className="failure">
          {failure}
        </p>
      )}
    </form>
  );
}
