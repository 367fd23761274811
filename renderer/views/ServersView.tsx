/** The configured servers with their health; add, edit and remove. */
import { useState } from 'react';
import { ServerCard } from '../components/ServerCard';
import { ServerForm } from '../components/ServerForm';
import { useServersStore } from '../stores/serversStore';

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; serverId: string };

export function ServersView() {
  const servers = useServersStore((s) => s.servers);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const editedConfig =
    editing.kind === 'edit' ? servers.find((s) => s.config.id === editing.serverId)?.config : undefined;
  const done = () => setEditing({ kind: 'none' });

  return (
    <div className="servers-view">
      <div className="view-head">
        <h2>Servers</h2>
        {editing.kind === 'none' && (
          <button type="button" onClick={() => setEditing({ kind: 'add' })}>
            Add server
          </button>
        )}
      </div>
      {editing.kind === 'add' && <ServerForm onDone={done} onCancel={done} />}
      {editedConfig && (
        <ServerForm key={editedConfig.id} editing={editedConfig} onDone={done} onCancel={done} />
      )}
      <div className="server-list">
        {servers.map((server) => (
          <ServerCard
            key={server.config.id}
            server={server}
            onEdit={() => setEditing({ kind: 'edit', serverId: server.config.id })}
          />
        ))}
      </div>
    </div>
  );
}
