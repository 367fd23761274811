/**
 * One server's health: online state, last good poll and how long ago, latency, version and
 * flavour, the last error in words, and the secret-store warning when there is one.
 */
import { useState } from 'react';
import { bridgeApi } from '../bridge';
import { commandKeys, runCommand } from '../commands';
import { flavorName } from '../model/serverInfoText';
import { healthLook } from '../model/status';
import type { ServerSnapshot } from '../stores/types';
import { CommandFailure } from './CommandFailure';
import { DataAge } from './DataAge';
import { StatusBadge } from './StatusBadge';
import { ServerText } from './ServerText';

export function ServerCard({ server, onEdit }: { server: ServerSnapshot; onEdit(): void }) {
  const { config, state } = server;
  const [confirming, setConfirming] = useState(false);
  const flavor = flavorName(state?.flavor);
  const remove = async () => {
    setConfirming(false);
    await runCommand(commandKeys.serverRemove(config.id), 'Removing', () =>
      bridgeApi().servers.remove(config.id),
    );
  };
  const titleId = `server-${config.id}-title`;
  return (
    <article className="server-card" aria-labelledby={titleId}>
      <header className="server-card__header">
        <h3 id={titleId}>{config.name}</h3>
        <StatusBadge look={config.enabled ? healthLook(state?.health ?? null) : healthLook('disabled')} />
      </header>
      <dl className="server-card__facts">
        <dt>Address</dt>
        <dd className="mono">{config.url}</dd>
        <dt>Signed in as</dt>
        <dd>
          {server.username
            ? `${server.username}${server.role ? ` (${server.role})` : ''}`
            : config.auth.mode === 'api-key'
              ? 'an API key (CIDX does not say whose)'
              : 'not known yet'}
        </dd>
        <dt>Last successful poll</dt>
        <dd>
          <DataAge at={state?.lastSuccessAt ?? null} label="Polled" />
        </dd>
        <dt>Latency</dt>
        <dd>{state?.latencyMs != null ? `${state.latencyMs} ms` : 'unknown'}</dd>
        <dt>Version</dt>
        <dd>
          {flavor}
          {state?.version ? (
            <>
              , version <ServerText text={state.version} />
            </>
          ) : (
            ''
          )}
        </dd>
      </dl>
      {!config.enabled && <p>Not watched: this server is switched off.</p>}
      {state?.lastError && (
        <p className="failure">
          Last problem: <ServerText text={state.lastError.message} />
        </p>
      )}
      {state && state.unreadableJobs > 0 && (
        <p className="warning">
          <span aria-hidden="true">⚠ </span>
          {state.unreadableJobs === 1
            ? 'One job on this server could not be read and is left out.'
            : `${state.unreadableJobs} jobs on this server could not be read and are left out.`}
        </p>
      )}
      {config.tls.insecureSkipVerify && (
        <p className="warning">
          <span aria-hidden="true">⚠ </span>Certificate verification is off for this server.
        </p>
      )}
      {server.secretStoreWarning && (
        <p className="warning">
          <span aria-hidden="true">⚠ </span>
          {server.secretStoreWarning}
        </p>
      )}
      <div className="actions__buttons">
        <button type="button" onClick={onEdit} aria-label={`Edit ${config.name}`}>
          Edit
        </button>
        <button
          type="button"
          onClick={() => void bridgeApi().open.server(config.id)}
          aria-label={`Open web UI of ${config.name}`}
        >
          Open web UI
        </button>
        {confirming ? (
          <>
            <button type="button" onClick={() => void remove()}>
              Yes, remove {config.name}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove ${config.name}`}>
            Remove
          </button>
        )}
      </div>
      <CommandFailure
        commandKey={commandKeys.serverRemove(config.id)}
        prefix="Could not remove the server:"
      />
    </article>
  );
}
