/**
 * Progress over time as an inline SVG line (a step function: progress holds until it changes),
 * from the samples the renderer recorded for this job. Also described in words.
 */
import type { ProgressPoint } from '../stores/jobsStore';
import { formatDuration } from '../model/format';

const WIDTH = 320;
const HEIGHT = 120;

export function ProgressChart({ samples, now }: { samples: ProgressPoint[]; now: number }) {
  if (samples.length === 0) return null;
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const end = Math.max(now, last.at);
  const span = Math.max(1, end - first.at);
  const x = (at: number) => ((at - first.at) / span) * WIDTH;
  const y = (progress: number) => HEIGHT - (Math.min(100, Math.max(0, progress)) / 100) * HEIGHT;

  let path = `M ${x(first.at).toFixed(1)} ${y(first.progress).toFixed(1)}`;
  for (const sample of samples.slice(1)) {
    path += ` H ${x(sample.at).toFixed(1)} V ${y(sample.progress).toFixed(1)}`;
  }
  path += ` H ${x(end).toFixed(1)}`;
  const description =
    samples.length === 1
      ? `Progress ${first.progress} percent, no change observed yet.`
      : `Progress went from ${first.progress} to ${last.progress} percent over ${formatDuration(last.at - first.at)}, in ${samples.length} observed steps.`;

  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label="Progress over time"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="chart__svg"
      >
        <line x1={0} y1={y(50)} x2={WIDTH} y2={y(50)} className="chart__grid" />
        <path d={path} className="chart__line" fill="none" />
      </svg>
      <figcaption>{description}</figcaption>
    </figure>
  );
}
