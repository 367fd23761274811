/**
 * One job in full: status, progress, the observed timeline, a progress chart, the error (as
 * text: server text is hostile and never becomes markup), the result, and the actions.
 */
import { useEffect, useRef } from 'react';
import { useNow } from '../hooks/useNow';
import { rowTimes } from '../model/jobRowText';
import { refOf } from '../model/jobKey';
import { statusLook } from '../model/status';
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

export interface JobDetailProps {
  jobKey: string;
  onClose(): void;
  /** A page of its own (narrow window): a visible way back to the list, not a close cross. */
  asPage?: boolean;
}

export function JobDetail({ jobKey, onClose, asPage = false }: JobDetailProps) {
  const entry = useJobsStore((s) => s.jobs.get(jobKey));
  const { serverId, jobId } = refOf(jobKey);
  const serverName = useServersStore(selectServerName(serverId));
  const polledAt = useServersStore(
    (s) => s.servers.find((server) => server.config.id === serverId)?.state?.lastSuccessAt ?? null,
  );
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sectionClass = asPage ? 'detail detail--page' : 'detail';
  useEffect(() => headingRef.current?.focus(), [jobKey]);

  const header = (title: string) => (
    <header className="detail__header">
      {asPage && (
        <button type="button" onClick={onClose}>
          <span aria-hidden="true">← </span>Back to jobs
        </button>
      )}
      <h2 id="job-detail-title" ref={headingRef} tabIndex={-1}>
        <ServerText text={title} />
      </h2>
      {!asPage && (
        <button type="button" onClick={onClose} aria-label="Close job details">
          ✕
        </button>
      )}
    </header>
  );

  if (!entry) {
    return (
      <section className={sectionClass} aria-labelledby="job-detail-title">
        {header('Job details')}
        <p role="status">
          Waiting for {serverName} to report job {jobId}…
        </p>
      </section>
    );
  }

  const { view } = entry;
  const { job } = view;
  const times = rowTimes(job, view.eta, now);
  const title = view.repository ? `${view.operation}: ${view.repository}` : view.operation;
  return (
    <section className={sectionClass} aria-labelledby="job-detail-title">
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
        {/* The row's words, so the list and the detail never tell the time differently. */}
        <dt>Time</dt>
        <dd>{[times.when, times.howLong].filter(Boolean).join(' · ')}</dd>
        {times.left && (
          <>
            <dt>Estimated</dt>
            <dd>{times.left}</dd>
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
