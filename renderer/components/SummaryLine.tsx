/**
 * The at-a-glance counts: running, pending, failures not yet seen. While a server is in trouble
 * its counts are the last it told, so the line says how old they are ("as of 4 min ago").
 */
import { useNow } from '../hooks/useNow';
import { oldestTroubledSuccessAt } from '../model/serverTrouble';
import { useServersStore } from '../stores/serversStore';
import { useSummaryStore } from '../stores/summaryStore';
import { DataAge } from './DataAge';

export function SummaryLine() {
  const summary = useSummaryStore((s) => s.summary);
  const servers = useServersStore((s) => s.servers);
  const now = useNow();
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
  const asOf = oldestTroubledSuccessAt(servers, now);
  return (
    <p className="summary">
      {parts.join(' · ')}
      {asOf !== null && (
        <>
          {' · '}
          <DataAge at={asOf} label="as of" />
        </>
      )}
    </p>
  );
}
