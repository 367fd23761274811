/**
 * One job in the list: operation, repository (when anything names it), status, progress with
 * the phase or the error's first line, and time (when, how long, how long left), stall.
 */
import { memo } from 'react';
import { rowTimes } from '../model/jobRowText';
import { isRunningStatus, isTerminalStatus, statusLook } from '../model/status';
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
  const times = rowTimes(job, view.eta, now);
  // A finished job's error is why it ended; while one runs, its phase is the news. Server text
  // arrives as one line (line breaks become spaces where it enters the app, clean-text.ts), so
  // the row shows its first line as far as it fits, and the title and the detail the rest.
  const errorLine = isTerminalStatus(job.status) && job.error ? job.error : null;
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
        {view.repository && (
          <span className="job-row__repository">
            <ServerText text={view.repository} />
          </span>
        )}
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
        {errorLine ? (
          <span className="job-row__error" title={errorLine}>
            <ServerText text={errorLine} />
          </span>
        ) : (
          <span className="job-row__phase">
            {job.phase ? (
              <ServerText text={`${job.phase}${job.phaseDetail ? ` — ${job.phaseDetail}` : ''}`} />
            ) : running ? (
              `${job.progress} %`
            ) : (
              ''
            )}
          </span>
        )}
      </div>
      <div role="gridcell" className="job-row__time">
        <span>{times.when}</span>
        {times.howLong && <span>{times.howLong}</span>}
        {times.left && <span>{times.left}</span>}
      </div>
    </div>
  );
});
