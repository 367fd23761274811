/** Problems with the settings file: shown, never fatal. */
import { useSummaryStore } from '../stores/summaryStore';

export function IssuesBanner() {
  const issues = useSummaryStore((s) => s.issues);
  if (issues.length === 0) return null;
  return (
    <ul className="issues" aria-label="Settings file problems">
      {issues.map((issue, index) => (
        <li key={index} className="warning">
          <span aria-hidden="true">⚠ </span>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
