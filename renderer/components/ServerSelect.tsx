/** A labelled choice of server, optionally with an "all servers" entry (filters, sync form). */
import type { ServerSnapshot } from '../stores/types';

export function ServerSelect({
  servers,
  value,
  onChange,
  allLabel,
}: {
  servers: readonly ServerSnapshot[];
  value: string;
  onChange(serverId: string): void;
  /** When given, an entry with the value "all" comes first. */
  allLabel?: string;
}) {
  return (
    <label>
      Server
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel && <option value="all">{allLabel}</option>}
        {servers.map((s) => (
          <option key={s.config.id} value={s.config.id}>
            {s.config.name}
          </option>
        ))}
      </select>
    </label>
  );
}
