/** One job in the list: operation, repository, status, progress, phase, elapsed, ETA, stall. */
import { memo } from 'react';
import { formatDuration } from '../model/format';
import { isRunningStatus, statusLook } from '../model/status';
import { useJobsStore } from '../stores/jobsStore';
import { selectServerName, useServersStore } from '../stores/serversStore';
import { ProgressBar } from './ProgressBar';
import { ServerText } from './ServerText';
import { StatusBadge } from './StatusBadge';

export interface JobRowProps {
  jobKey: string;
  rowIndex: number;
  active: boolean;
  selected: boolean;
  now: number;
  /** Stable callbacks taking the row's key, so `memo` skips rows whose job did not change. */
  onActivate(key: string): void;
  onOpen(key: string): void;
}

export const JobRow = memo(function JobRow({
  jobKey,
  rowIndex,
  active,
  selected,
  now,
  onActivate,
  onOpen,
}: JobRowProps) {
  const entry = useJobsStore((s) => s.jobs.get(jobKey));
  const serverName = useServersStore(selectServerName(entry?.view.serverId ?? ''));
  if (!entry) return null;
  const { view } = entry;
  const { job } = view;
  const look = statusLook(job.status);
  const running = isRunningStatus(job.status);
  const elapsedFrom = job.startedAt ?? null;
  const elapsedTo = job.completedAt ?? now;
  const title = view.repository ? `${view.operation}: ${view.repository}` : view.operation;
  return (
    <div
      role="row"
      id={`job-row-${rowIndex}`}
      aria-rowindex={rowIndex + 2}
      aria-selected={selected}
      aria-label={`${title}, ${look.word}, ${serverName}`}
      tabIndex={active ? 0 : -1}
      data-job-key={jobKey}
      className={`job-row${selected ? ' job-row--selected' : ''}${view.stall.stalled ? ' job-row--stalled' : ''}`}
      onClick={() => onOpen(jobKey)}
      onFocus={() => onActivate(jobKey)}
    >
      <div role="gridcell" className="job-row__what">
        <span className="job-row__operation">
          <ServerText text={view.operation} />
        </span>
        <span className="job-row__repository">
          {view.repository ? <ServerText text={view.repository} /> : 'Repository not reported'}
        </span>
        <span className="job-row__server">
          <ServerText text={serverName} />
        </span>
      </div>
      <div role="gridcell" className="job-row__status">
        <StatusBadge look={look} />
        {view.stall.stalled && (
          <span className="stall">
            <span aria-hidden="true">⚠ </span>Possibly stalled: {view.stall.message}
          </span>
        )}
      </div>
      <div role="gridcell" className="job-row__progress">
        <ProgressBar value={job.progress} label={`Progress of ${title}`} />
        <span className="job-row__phase">
          {job.phase ? (
            <ServerText text={`${job.phase}${job.phaseDetail ? ` — ${job.phaseDetail}` : ''}`} />
          ) : running ? (
            `${job.progress} %`
          ) : (
            ''
          )}
        </span>
      </div>
      <div role="gridcell" className="job-row__time">
        {elapsedFrom !== null ? (
          <span>Elapsed {formatDuration(elapsedTo - elapsedFrom)}</span>
        ) : (
          <span>Not started</span>
        )}
        {running && view.eta && (
          <span>About {formatDuration(Math.max(0, view.eta.finishAt - now))} left</span>
        )}
      </div>
    </div>
  );
});
