/**
 * The one place for side effects (style.md §13): bridge -> stores (snapshot, patches, resync
 * on a gap or a reconnect, "show this job"), stores -> bridge (the jobs on screen become
 * `jobs.focus`), finished jobs -> the live region, the theme -> the document, and in browser
 * mode the summary -> the tab's title and favicon (tabTray.ts).
 */
import type { Bridge, ConnectionState } from './bridge';
import { isAccessRefusal } from './bridge/connectionState';
import { jobKey, refOf } from './model/jobKey';
import { isTerminalStatus, statusLook } from './model/status';
import { useJobsStore } from './stores/jobsStore';
import { applyPatches, applySnapshot } from './stores/projection';
import { useProjectionStore } from './stores/projectionStore';
import { selectServerName, useServersStore } from './stores/serversStore';
import { useSettingsStore } from './stores/settingsStore';
import type { JobView, MonitorPatch } from './stores/types';
import { useUiStore } from './stores/uiStore';
import { watchTabTray } from './tabTray';

export interface SubscriptionOptions {
  now?: () => number;
  /** Wait this long after the list stops moving before telling main what is on screen. */
  focusDelayMs?: number;
  /** A failed snapshot load is tried again after this long. */
  reloadDelayMs?: number;
  /** When to apply the patches received so far: by default at the next frame (see below). */
  schedule?: (flush: () => void) => void;
}

/**
 * Patches are applied once per frame, not one by one: at 1,000 updates a second, an update and
 * a render per patch drops frames. A timer stands in when frames stop (a hidden window), so the
 * queue never grows without bound.
 */
export function nextFrame(flush: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    flush();
  };
  const timer = setTimeout(once, 250);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
}

/** The contract caps `jobs:focus` at 200 ids per server. */
const MAX_FOCUS_IDS = 200;

function announceTransition(previous: JobView | undefined, job: JobView): void {
  if (!previous || isTerminalStatus(previous.job.status) || !isTerminalStatus(job.job.status)) return;
  const server = selectServerName(job.serverId)(useServersStore.getState());
  const what = job.repository ? `${job.operation} of ${job.repository}` : job.operation;
  const word = statusLook(job.job.status).word.toLowerCase();
  useUiStore.getState().announce(`${what} on ${server} ${word}.`);
}

/** Starts every subscription; returns the function that stops them all. */
export function startSubscriptions(bridge: Bridge, options: SubscriptionOptions = {}): () => void {
  const now = options.now ?? (() => Date.now());
  const { api } = bridge;
  let stopped = false;
  let loading = false;
  let buffered: MonitorPatch[] = [];
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;

  const schedule = options.schedule ?? nextFrame;
  let queued: MonitorPatch[] = [];
  let flushPending = false;

  const flush = (): void => {
    flushPending = false;
    if (stopped) return;
    const batch = queued;
    queued = [];
    const outcome = applyPatches(batch, now());
    for (const { previous, job } of outcome.transitions) announceTransition(previous, job);
    if (outcome.gap) void load();
  };

  const handlePatch = (patch: MonitorPatch): void => {
    if (loading) {
      buffered.push(patch);
      return;
    }
    queued.push(patch);
    if (!flushPending) {
      flushPending = true;
      schedule(flush);
    }
  };

  async function load(): Promise<void> {
    if (loading || stopped) return;
    loading = true;
    clearTimeout(reloadTimer);
    const projection = useProjectionStore.getState();
    projection.setStatus(projection.version === null ? 'loading' : 'resyncing');
    let result: Awaited<ReturnType<typeof api.snapshot>>;
    try {
      result = await api.snapshot();
    } catch (error) {
      result = {
        ok: false,
        error: { kind: 'bridge', message: `The app did not answer (${String(error)}).` },
      };
    }
    loading = false;
    if (stopped) return;
    if (!result.ok) {
      useProjectionStore.getState().setStatus('failed', result.error.message);
      // A page kept out for its token loads again when a new token connects it, not by retrying.
      if (!isAccessRefusal(bridge.connection()))
        reloadTimer = setTimeout(() => void load(), options.reloadDelayMs ?? 5000);
      return;
    }
    applySnapshot(result.value, now());
    useProjectionStore.getState().setStatus('ready');
    // Patches that arrived while the snapshot travelled: the newer ones still apply.
    const waiting = buffered;
    buffered = [];
    for (const patch of waiting) if (patch.version > result.value.version) handlePatch(patch);
  }

  const stopPatches = api.onPatch(handlePatch);
  const stopShowJob = api.onShowJob((ref) => {
    useUiStore.getState().setView('jobs');
    useUiStore.getState().selectJob(jobKey(ref));
  });

  let lastConnection: ConnectionState = bridge.connection();
  useProjectionStore.getState().setConnection(lastConnection);
  const stopConnection = bridge.onConnectionChange((state) => {
    useProjectionStore.getState().setConnection(state);
    // Patches sent while disconnected are lost: a reconnect always starts from a snapshot.
    if (state === 'connected' && lastConnection !== 'connected') void load();
    lastConnection = state;
  });

  const stopFocus = watchFocus(bridge, options.focusDelayMs ?? 300);
  const stopAcknowledge = acknowledgeOpenedFailures(bridge);
  const stopTheme = watchTheme();
  // Only a browser tab is a tray; the desktop has the real one.
  const stopTab = bridge.mode === 'browser' && typeof document !== 'undefined' ? watchTabTray() : () => {};
  void load();

  return () => {
    stopped = true;
    clearTimeout(reloadTimer);
    stopPatches();
    stopShowJob();
    stopConnection();
    stopFocus();
    stopAcknowledge();
    stopTheme();
    stopTab();
  };
}

/** The jobs on screen (and the open one), per server, told to main after the list settles. */
function watchFocus(bridge: Bridge, delayMs: number): () => void {
  const sent = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    const { onScreen, selectedJob } = useUiStore.getState();
    const keys = selectedJob ? [selectedJob, ...onScreen.filter((k) => k !== selectedJob)] : onScreen;
    const byServer = new Map<string, string[]>();
    for (const key of keys) {
      const { serverId, jobId } = refOf(key);
      const ids = byServer.get(serverId) ?? [];
      if (ids.length < MAX_FOCUS_IDS) ids.push(jobId);
      byServer.set(serverId, ids);
    }
    // Servers that left the screen are told their focus is now empty.
    for (const serverId of sent.keys()) if (!byServer.has(serverId)) byServer.set(serverId, []);
    for (const [serverId, ids] of byServer) {
      const signature = ids.join('\n');
      if (sent.get(serverId) === signature) continue;
      if (ids.length === 0) sent.delete(serverId);
      else sent.set(serverId, signature);
      // Focus is a hint for main's polling order: a failure changes nothing the person sees.
      void bridge.api.jobs.focus(serverId, ids).catch(() => undefined);
    }
  };

  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (state.onScreen === previous.onScreen && state.selectedJob === previous.selectedJob) return;
    clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * A failure the person opened has been seen: main stops counting it (the tray turns back from
 * red once every failure has been seen, design.md).
 */
function acknowledgeOpenedFailures(bridge: Bridge): () => void {
  const check = (): void => {
    const key = useUiStore.getState().selectedJob;
    const view = key ? useJobsStore.getState().jobs.get(key)?.view : undefined;
    if (!view || view.acknowledged || view.job.status !== 'failed') return;
    void bridge.api.jobs.acknowledge({ serverId: view.serverId, jobId: view.job.id }).catch(() => undefined);
  };
  const stopUi = useUiStore.subscribe((state, previous) => {
    if (state.selectedJob !== previous.selectedJob) check();
  });
  // The job may fail while it is open.
  const stopJobs = useJobsStore.subscribe((state, previous) => {
    const key = useUiStore.getState().selectedJob;
    if (key && state.jobs.get(key) !== previous.jobs.get(key)) check();
  });
  return () => {
    stopUi();
    stopJobs();
  };
}

/** 'system' follows prefers-color-scheme in CSS; 'light' and 'dark' force it. */
function watchTheme(): () => void {
  const apply = (): void => {
    const theme = useSettingsStore.getState().settings?.theme ?? 'system';
    if (typeof document !== 'undefined') document.documentElement.dataset['theme'] = theme;
  };
  apply();
  return useSettingsStore.subscribe(apply);
}
