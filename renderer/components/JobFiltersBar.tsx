/** Narrow the jobs list by server, status and text, or group it by server. */
import { useServersStore } from '../stores/serversStore';
import { useUiStore, type StatusFilter } from '../stores/uiStore';
import { CheckField, TextField } from './Fields';
import { ServerSelect } from './ServerSelect';

const STATUS_CHOICES: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'Any status' },
  { value: 'active', label: 'Running or pending' },
  { value: 'failed', label: 'Failed or partial' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

export function JobFiltersBar({ shown }: { shown: number }) {
  const filters = useUiStore((s) => s.filters);
  const setFilters = useUiStore((s) => s.setFilters);
  const servers = useServersStore((s) => s.servers);
  return (
    <div className="filters" role="search" aria-label="Filter jobs">
      <ServerSelect
        servers={servers}
        value={filters.server}
        onChange={(server) => setFilters({ server })}
        allLabel="All servers"
      />
      <label>
        Status
        <select
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as StatusFilter })}
        >
          {STATUS_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label="Search jobs"
        type="search"
        value={filters.text}
        onChange={(text) => setFilters({ text })}
      />
      <CheckField
        label="Group by server"
        className="filters__check"
        checked={filters.groupByServer}
        onChange={(groupByServer) => setFilters({ groupByServer })}
      />
      <span className="filters__count" aria-live="off">
        {shown === 1 ? '1 job' : `${shown} jobs`}
      </span>
    </div>
  );
}
