/**
 * All servers' jobs: filters, the virtualised list, and the open job beside it; in a narrow
 * window the open job is a page of its own (with a way back) instead, since beside the list
 * neither would have room.
 */
import { useState, type KeyboardEvent } from 'react';
import { DataAge } from '../components/DataAge';
import { JobDetail } from '../components/JobDetail';
import { JobFiltersBar } from '../components/JobFiltersBar';
import { JobList, useJobListItems } from '../components/JobList';
import { ServerTroubleBanner } from '../components/ServerTroubleBanner';
import { SummaryLine } from '../components/SummaryLine';
import { useNarrow } from '../hooks/useNarrow';
import { selectOldestSuccessAt, useServersStore } from '../stores/serversStore';
import { useUiStore } from '../stores/uiStore';

export function JobsView() {
  const items = useJobListItems();
  const selectedJob = useUiStore((s) => s.selectedJob);
  const selectJob = useUiStore((s) => s.selectJob);
  const oldestSuccessAt = useServersStore(selectOldestSuccessAt);
  const narrow = useNarrow();
  // The job whose page was left: the list, mounted anew, comes back to its row.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const shown = items.reduce((count, item) => (item.kind === 'job' ? count + 1 : count), 0);

  const close = () => {
    setReturnTo(selectedJob);
    selectJob(null);
    // Back to where the person was: the list's active row (a remounted list focuses it itself).
    document.querySelector<HTMLElement>('.job-grid [role="row"][tabindex="0"]')?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && selectedJob) {
      event.preventDefault();
      close();
    }
  };

  if (narrow && selectedJob) {
    return (
      <div className="jobs-view jobs-view--page" onKeyDown={onKeyDown}>
        <JobDetail jobKey={selectedJob} onClose={close} asPage />
      </div>
    );
  }

  return (
    <div className="jobs-view" onKeyDown={onKeyDown}>
      <div className="jobs-view__top">
        <SummaryLine />
        <DataAge at={oldestSuccessAt} label="Jobs updated" />
      </div>
      <ServerTroubleBanner />
      <JobFiltersBar shown={shown} />
      <div className={selectedJob ? 'jobs-view__body jobs-view__body--detail' : 'jobs-view__body'}>
        <JobList items={items} returnTo={returnTo} />
        {selectedJob && <JobDetail jobKey={selectedJob} onClose={close} />}
      </div>
    </div>
  );
}
