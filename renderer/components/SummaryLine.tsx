/** The at-a-glance counts: running, pending, failures not yet seen. */
import { useSummaryStore } from '../stores/summaryStore';

export function SummaryLine() {
  const summary = useSummaryStore((s) => s.summary);
  if (!summary) return null;
  const parts = [`${summary.running} running`, `${summary.pending} pending`];
  if (summary.progress !== null) parts.push(`${summary.progress} % on average`);
  if (summary.unacknowledgedFailures > 0) {
    parts.push(
      summary.unacknowledgedFailures === 1
        ? '1 new failure'
        : `${summary.unacknowledgedFailures} new failures`,
    );
  }
  return <p className="summary">{parts.join(' · ')}</p>;
}
