/**
 * What a person can do with a job: cancel, retry (or why not), open it in the CIDX web UI,
 * copy its id. Failures come back in words, next to the button.
 */
import { useState } from 'react';
import { cancelJob, commandKeys, openJobInWebUi, retryJob } from '../commands';
import { copyText } from '../model/clipboard';
import { jobKey } from '../model/jobKey';
import { isActiveStatus } from '../model/status';
import type { JobView } from '../stores/types';
import { useUiStore } from '../stores/uiStore';
import { CommandFailure } from './CommandFailure';
import { ServerText } from './ServerText';

export function JobActions({ view }: { view: JobView }) {
  const ref = { serverId: view.serverId, jobId: view.job.id };
  const key = jobKey(ref);
  const cancelling = useUiStore((s) => s.pending[commandKeys.cancel(key)] !== undefined);
  const retrying = useUiStore((s) => s.pending[commandKeys.retry(key)] !== undefined);
  const [copied, setCopied] = useState<string | null>(null);
  const active = isActiveStatus(view.job.status);
  const reasonId = `retry-reason-${key}`;

  const copy = async () => {
    setCopied(
      (await copyText(view.job.id)) ? 'Job id copied.' : 'Could not copy; select the id above and copy it.',
    );
  };

  return (
    <div className="actions">
      <div className="actions__buttons">
        {active && (
          <button type="button" onClick={() => void cancelJob(ref)} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel job'}
          </button>
        )}
        {!active && (
          <button
            type="button"
            onClick={() => void retryJob(ref)}
            disabled={!view.retry.retryable || retrying}
            aria-describedby={view.retry.retryable ? undefined : reasonId}
          >
            {retrying ? 'Retrying…' : 'Retry job'}
          </button>
        )}
        <button type="button" onClick={() => void openJobInWebUi(ref)}>
          Open in CIDX web UI
        </button>
        <button type="button" onClick={() => void copy()}>
          Copy job id
        </button>
      </div>
      {!active && !view.retry.retryable && (
        <p id={reasonId} className="actions__reason">
          Cannot retry: <ServerText text={view.retry.reason} />
        </p>
      )}
      {copied && <p role="status">{copied}</p>}
      <CommandFailure commandKey={commandKeys.cancel(key)} prefix="Cancel failed:" />
      <CommandFailure commandKey={commandKeys.retry(key)} prefix="Retry failed:" />
      <CommandFailure commandKey={commandKeys.openJob(key)} prefix="Could not open the web UI:" />
    </div>
  );
}
