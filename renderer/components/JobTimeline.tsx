/**
 * The states and phases of a job: the server's created/started/completed times, and every
 * status or phase change the renderer observed through patches, in time order.
 */
import { formatClock } from '../model/format';
import { statusLook } from '../model/status';
import type { JobEntry } from '../stores/jobsStore';
import { ServerText } from './ServerText';

interface Step {
  at: number;
  text: string;
}

function stepsOf(entry: JobEntry): Step[] {
  const { job } = entry.view;
  const steps: Step[] = [{ at: job.createdAt, text: 'Created on the server' }];
  if (job.startedAt !== null) steps.push({ at: job.startedAt, text: 'Started' });
  entry.timeline.forEach((seen, index) => {
    const phase = seen.phase
      ? `, phase ${seen.phase}${seen.phaseDetail ? ` (${seen.phaseDetail})` : ''}`
      : '';
    const prefix = index === 0 ? 'First seen' : 'Seen';
    steps.push({ at: seen.at, text: `${prefix}: ${statusLook(seen.status).word}${phase}` });
  });
  if (job.completedAt !== null) {
    steps.push({ at: job.completedAt, text: `Ended: ${statusLook(job.status).word}` });
  }
  return steps.sort((a, b) => a.at - b.at);
}

export function JobTimeline({ entry }: { entry: JobEntry }) {
  return (
    <ol className="timeline" aria-label="Timeline">
      {stepsOf(entry).map((step, index) => (
        <li key={index}>
          <time dateTime={new Date(step.at).toISOString()}>{formatClock(step.at)}</time>{' '}
          <ServerText text={step.text} />
        </li>
      ))}
    </ol>
  );
}
