/**
 * Every command a person starts goes through `runCommand`: it is marked pending in the UI store
 * while it travels, and its failure is kept there in words until the next attempt. A transport
 * that throws (browser mode while disconnected) becomes a failure value too.
 */
import { bridgeApi } from './bridge';
import { jobKey, type JobKey } from './model/jobKey';
import type { ContractResult, JobRef } from './stores/types';
import { useUiStore } from './stores/uiStore';

export async function runCommand<T>(
  key: string,
  label: string,
  action: () => Promise<ContractResult<T>>,
): Promise<ContractResult<T>> {
  const ui = useUiStore.getState();
  ui.startCommand(key, label);
  let result: ContractResult<T>;
  try {
    result = await action();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    result = { ok: false, error: { kind: 'bridge', message: `The app did not answer: ${detail}` } };
  }
  useUiStore.getState().finishCommand(key, result.ok ? null : result.error);
  return result;
}

/** Command keys, so a view finds the pending state and failure of the command it shows. */
export const commandKeys = {
  cancel: (key: JobKey) => `cancel:${key}`,
  retry: (key: JobKey) => `retry:${key}`,
  openJob: (key: JobKey) => `open:${key}`,
  copyId: (key: JobKey) => `copy:${key}`,
  sync: 'sync',
  repositories: 'repositories',
  serverTest: 'server-test',
  serverSave: 'server-save',
  serverRemove: (serverId: string) => `server-remove:${serverId}`,
  settings: 'settings',
} as const;

export const cancelJob = (ref: JobRef) =>
  runCommand(commandKeys.cancel(jobKey(ref)), 'Cancelling', () => bridgeApi().jobs.cancel(ref));

/** A retry resubmits: the new job is selected so the person follows it. */
export async function retryJob(ref: JobRef) {
  const result = await runCommand(commandKeys.retry(jobKey(ref)), 'Retrying', () =>
    bridgeApi().jobs.retry(ref),
  );
  if (result.ok) useUiStore.getState().selectJob(jobKey(result.value));
  return result;
}

export const openJobInWebUi = (ref: JobRef) =>
  runCommand(commandKeys.openJob(jobKey(ref)), 'Opening', () => bridgeApi().open.job(ref));
