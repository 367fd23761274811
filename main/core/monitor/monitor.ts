/**
 * The product, running: the composition every host uses (Electron main, browser mode, the
 * CLI's long-running modes). Data flows one way: each engine tick arrives as one batch, the job
 * store applies it, and the patch stream publishes what it changed as one versioned patch that
 * every view projects (window, tray, browser page, CLI watch). Commands flow back through
 * `jobs` and the server/settings commands (design.md, "The shape").
 */
import type { Job } from '../cidx/job';
import { isTerminal } from '../cidx/job';
import type { EngineBatch, EngineEvent } from '../engine/events';
import { repositoryOf } from '../jobs/operation-names';
import type { ConfigDocument } from '../config/settings';
import type { JobRef } from '../jobs/tracked-job';
import { jobRefKey } from '../jobs/tracked-job';
import type { Result } from '../result';
import { err, ok } from '../result';
import { assembleCore } from './assemble-core';
import { createCenter } from './notification-wiring';
import { listRepositories, testConnection } from './connection-check';
import { createHousekeeping } from './housekeeping';
import { JobCommands } from './job-commands';
import { attachServer, learnOwnerFromOwnJob, viewFor } from './live-servers';
import { createSerialQueue } from './serial-queue';
import { createServerCommands } from './server-commands';
import { applySettingsLive } from './settings-commands';
import { applySettingsPatch } from './settings-patch';
import { createPatchStream } from './patch-stream';
import type { CoreFailure, Monitor, MonitorDeps } from './monitor-types';
import { buildSnapshot } from './view-builders';

/** Submissions this recent whose ending the app never saw are followed again at start. */
export const FOLLOW_SUBMISSIONS_FOR_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this many (the newest): each costs one GET at the first poll. */
export const MAX_FOLLOWED_SUBMISSIONS = 50;

/**
 * A new unfinished job is what a restart must find in the job cache: if it ended while the app
 * was down, only the cache says it was running (so its ending is news, not history). Endings,
 * progress and status changes can wait: a cache that still says "running" after a crash only
 * makes the first poll check again, and the notification ledger keeps an ending from being
 * announced twice.
 */
const mustPersistSoon = (event: EngineEvent): boolean =>
  event.type === 'job-added' && !isTerminal(event.job.status);

export async function createMonitor(deps: MonitorDeps): Promise<Monitor> {
  const { ctx, documents } = await assembleCore(deps);
  const { engine, store } = ctx;
  const { clock } = deps;
  const patches = createPatchStream(ctx);
  const housekeeping = createHousekeeping(ctx, documents);
  // Jobs we submitted that the job cache never saw (a crash within seconds of submitting):
  // followed from the submission ledger; first seen already ended, they ended while we were away.
  const recovered = new Set<string>();
  const center = createCenter(ctx, documents.notifications, (ref) => recovered.has(jobRefKey(ref)));
  if (center.ledgerError) ctx.issues.push({ kind: 'invalid-document', message: center.ledgerError.message });

  // Cached jobs of servers no longer configured are not anyone's business now.
  const configured = new Set(ctx.document.servers.map((server) => server.id));
  for (const entry of store.servers()) {
    if (configured.has(entry.serverId)) continue;
    store.removeServer(entry.serverId);
    housekeeping.markDirty();
  }
  const observeDuration = (serverId: string, job: Job): void =>
    ctx.durations.observe(serverId, job, repositoryOf(job, ctx.ledger.get({ serverId, jobId: job.id })));
  for (const server of ctx.document.servers) {
    store.setServerView(server.id, viewFor(server, undefined));
    const known = store.jobs({ serverId: server.id, includeHidden: true }).map((tracked) => tracked.job);
    for (const job of known) observeDuration(server.id, job);
    // Seeded jobs that ended while the app was away reach the "while you were away" digest.
    const followed = deps.onlyServers === undefined || deps.onlyServers.includes(server.id);
    if (server.enabled && followed) attachServer(ctx, patches, server, known);
    // Jobs cached from the last run still say whose API key this is.
    for (const job of known) learnOwnerFromOwnJob(ctx, patches, server.id, job);
  }

  // What the engine knows it submitted lives in memory only; the submission ledger is on disk.
  // Unfinished submissions of the last days are followed like fresh ones (engine.trackJob), so
  // an ending that happened while the app was down (or killed) still notifies (issue 8).
  if (!deps.viewer) {
    const since = clock.now() - FOLLOW_SUBMISSIONS_FOR_MS;
    const followed = new Set(engine.serverIds());
    const unfinished = ctx.ledger
      .entries()
      .filter((entry) => entry.submittedAt >= since && followed.has(entry.serverId))
      .filter((entry) => {
        const known = store.get(entry);
        return known === undefined || !isTerminal(known.job.status);
      })
      .slice(-MAX_FOLLOWED_SUBMISSIONS);
    for (const entry of unfinished) {
      // Known from the cache as unfinished: seeded already, its ending arrives as catch-up.
      if (store.get(entry) === undefined) recovered.add(jobRefKey(entry));
      engine.trackJob(entry.serverId, entry.jobId);
    }
  }

  // Commands and retention mark the cache dirty through the store; a tick says how urgent it is.
  let inBatch = false;
  store.subscribe((change) => {
    if (change.type === 'jobs' && !inBatch) housekeeping.markDirty();
  });
  /** One tick of one server: one store update, one patch, one notification ledger write. */
  function applyBatch(batch: EngineBatch): void {
    const now = clock.now();
    inBatch = true;
    try {
      patches.batch(() => {
        for (const event of batch.events) {
          // History first, so the job's view in this patch carries a fresh ETA.
          ctx.history.apply(event, now);
          if (event.type === 'job-added' || event.type === 'job-changed') {
            learnOwnerFromOwnJob(ctx, patches, event.serverId, event.job);
          }
          if (event.type === 'job-added' || event.type === 'job-finished')
            observeDuration(event.serverId, event.job);
          store.apply(event);
        }
      });
    } finally {
      inBatch = false;
    }
    const jobEvents = batch.events.filter((event) => event.type !== 'server-state');
    if (jobEvents.length > 0) housekeeping.jobsChanged(!jobEvents.some(mustPersistSoon));
    // A viewer shows no banners and marks nothing notified: that is the app's business.
    if (!deps.viewer) center.handleBatch(batch.events);
  }
  const stopListening = engine.onBatch(applyBatch);

  const queue = createSerialQueue();
  async function saveDocument(next: ConfigDocument): Promise<Result<ConfigDocument, CoreFailure>> {
    let saved: Awaited<ReturnType<MonitorDeps['config']['save']>>;
    try {
      saved = await deps.config.save(next);
    } catch {
      return err({ kind: 'write-failed', message: 'The settings could not be saved.' });
    }
    if (saved.ok) ctx.document = saved.value;
    return saved;
  }
  const servers = createServerCommands({ ctx, patches, housekeeping, saveDocument });

  const jobs = new JobCommands({
    apiFor: (serverId) => ctx.apis.get(serverId) ?? null,
    ledger: ctx.ledger,
    clock,
    engine,
    roleOf: (serverId) => ctx.identities.get(serverId)?.role ?? null,
  });

  let state: 'idle' | 'running' | 'stopped' = 'idle';

  return {
    start() {
      if (state !== 'idle') return;
      state = 'running';
      engine.start();
      housekeeping.start();
    },
    stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      engine.stop();
      stopListening();
      patches.dispose();
      housekeeping.stop();
      center.flush();
      center.dispose();
    },
    jobs,
    addServer: (input, credentials) => queue.run(() => servers.add(input, credentials)),
    updateServer: (id, patch, credentials) => queue.run(() => servers.update(id, patch, credentials)),
    removeServer: (id) => queue.run(() => servers.remove(id)),
    testConnection: (draft, credentials) => testConnection(ctx, draft, credentials),
    listRepositories: (serverId) => listRepositories(ctx, serverId),
    servers: () => ctx.document.servers,
    getSettings: () => ctx.document.settings,
    updateSettings: (patch) =>
      queue.run(async () => {
        const next = applySettingsPatch(ctx.document.settings, patch);
        if (!next.ok) return next;
        const saved = await saveDocument({ ...ctx.document, settings: next.value });
        if (!saved.ok) return saved;
        applySettingsLive(ctx, saved.value.settings, center, housekeeping, patches);
        return ok(saved.value.settings);
      }),
    acknowledgeFailures(ref?: JobRef | { serverId: string }) {
      patches.batch(() => {
        if (ref === undefined) store.acknowledgeAll();
        else if ('jobId' in ref) store.acknowledge(ref);
        else store.acknowledgeAll(ref.serverId);
      });
    },
    pollNow: (serverId) => engine.pollNow(serverId),
    setFocus: (serverId, jobIds) => engine.setFocus(serverId, jobIds),
    followJob: (serverId, jobId) => engine.trackJob(serverId, jobId),
    configIssues: () => ctx.issues.map((issue) => ({ ...issue })),
    subscribe: (listener) => patches.subscribe(listener),
    snapshot: () => buildSnapshot(ctx, patches.version()),
  };
}
