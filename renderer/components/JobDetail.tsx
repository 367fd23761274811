/**
 * One job in full: status, progress, the observed timeline, a progress chart, the error (as
 * text: server text is hostile and never becomes markup), the result, and the actions.
 */
import { useEffect, useRef } from 'react';
import { useNow } from '../hooks/useNow';
import { formatDuration } from '../model/format';
import { refOf } from '../model/jobKey';
import { isRunningStatus, statusLook } from '../model/status';
import { useJobsStore } from '../stores/jobsStore';
import { selectServerName, useServersStore } from '../stores/serversStore';
import { DataAge } from './DataAge';
import { JobActions } from './JobActions';
import { JobTimeline } from './JobTimeline';
import { ProgressBar } from './ProgressBar';
import { ProgressChart } from './ProgressChart';
import { ResultSummary } from './ResultSummary';
import { ServerText } from './ServerText';
import { StatusBadge } from './StatusBadge';

export function JobDetail({ jobKey, onClose }: { jobKey: string; onClose(): void }) {
  const entry = useJobsStore((s) => s.jobs.get(jobKey));
  const { serverId, jobId } = refOf(jobKey);
  const serverName = useServersStore(selectServerName(serverId));
  const polledAt = useServersStore(
    (s) => s.servers.find((server) => server.config.id === serverId)?.state?.lastSuccessAt ?? null,
  );
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [jobKey]);

  const header = (title: string) => (
    <header className="detail__header">
      <h2 id="job-detail-title" ref={headingRef} tabIndex={-1}>
        <ServerText text={title} />
      </h2>
      <button type="button" onClick={onClose} aria-label="Close job details">
        ✕
      </button>
    </header>
  );

  if (!entry) {
    return (
      <section className="detail" aria-labelledby="job-detail-title">
        {header('Job details')}
        <p role="status">
          Waiting for {serverName} to report job {jobId}…
        </p>
      </section>
    );
  }

  const { view } = entry;
  const { job } = view;
  const title = view.repository ? `${view.operation}: ${view.repository}` : view.operation;
  return (
    <section className="detail" aria-labelledby="job-detail-title">
      {header(title)}
      <dl className="detail__facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge look={statusLook(job.status)} />
        </dd>
        <dt>Server</dt>
        <dd>
          <ServerText text={serverName} /> <DataAge at={polledAt} label="polled" />
        </dd>
        <dt>Job id</dt>
        <dd className="mono">
          <ServerText text={job.id} />
        </dd>
        {job.username && (
          <>
            <dt>User</dt>
            <dd>
              <ServerText text={job.username} />
            </dd>
          </>
        )}
        {job.phase && (
          <>
            <dt>Phase</dt>
            <dd>
              <ServerText text={`${job.phase}${job.phaseDetail ? ` — ${job.phaseDetail}` : ''}`} />
            </dd>
          </>
        )}
        {job.startedAt !== null && (
          <>
            <dt>Elapsed</dt>
            <dd>{formatDuration((job.completedAt ?? now) - job.startedAt)}</dd>
          </>
        )}
        {isRunningStatus(job.status) && view.eta && (
          <>
            <dt>Estimated time left</dt>
            <dd>About {formatDuration(Math.max(0, view.eta.finishAt - now))}</dd>
          </>
        )}
      </dl>
      <ProgressBar value={job.progress} label={`Progress of ${title}`} />
      {view.stall.stalled && (
        <p className="stall">
          <span aria-hidden="true">⚠ </span>Possibly stalled: {view.stall.message}
        </p>
      )}
      {job.error && (
        <>
          <h3>Error</h3>
          <pre className="detail__error" aria-label="Error text">
            <ServerText text={job.error} />
          </pre>
        </>
      )}
      <h3>Actions</h3>
      <JobActions view={view} />
      <h3>Progress over time</h3>
      <ProgressChart samples={entry.samples} now={job.completedAt ?? now} />
      <h3>Timeline</h3>
      <JobTimeline entry={entry} />
      <h3>Result</h3>
      <ResultSummary result={job.result} />
    </section>
  );
}
