/**
 * The product, running: the composition every host uses (Electron main, browser mode, the
 * CLI's long-running modes). Data flows server -> engine -> job store -> (notifications,
 * patches, snapshot); commands flow back through `jobs` and the server/settings commands
 * (design.md, "The shape").
 */
import type { ConfigDocument } from '../config/settings';
import type { JobRef } from '../jobs/tracked-job';
import type { Result } from '../result';
import { err, ok } from '../result';
import { assembleCore } from './assemble-core';
import { createCenter } from './core-notifications';
import { listRepositories, testConnection } from './connection-check';
import { createHousekeeping } from './housekeeping';
import { JobCommands } from './job-commands';
import { attachServer, learnOwnerFromOwnJob, viewFor } from './live-servers';
import { createSerialQueue } from './serial-queue';
import { createServerCommands } from './server-commands';
import { applySettingsLive } from './settings-commands';
import { applySettingsPatch } from './settings-patch';
import { bridgeStoreToFeed } from './store-bridge';
import type { CoreFailure, TrayCore, TrayCoreDeps } from './tray-types';
import { buildSnapshot } from './view-builders';

export async function createTrayCore(deps: TrayCoreDeps): Promise<TrayCore> {
  const { ctx, documents } = await assembleCore(deps);
  const { engine, store } = ctx;
  const { clock } = deps;
  const bridge = bridgeStoreToFeed(ctx);
  const housekeeping = createHousekeeping(ctx, documents.jobCache);
  const center = createCenter(ctx, documents.notifications);
  if (center.ledgerError) ctx.issues.push({ kind: 'invalid-document', message: center.ledgerError.message });

  // Cached jobs of servers no longer configured are not anyone's business now.
  const configured = new Set(ctx.document.servers.map((server) => server.id));
  for (const entry of store.servers()) {
    if (configured.has(entry.serverId)) continue;
    store.removeServer(entry.serverId);
    housekeeping.markDirty();
  }
  for (const server of ctx.document.servers) {
    store.setServerView(server.id, viewFor(server, undefined));
    const known = store.jobs({ serverId: server.id, includeHidden: true }).map((tracked) => tracked.job);
    // Seeded jobs that ended while the app was away reach the "while you were away" digest.
    if (server.enabled) attachServer(ctx, bridge, server, known);
    // Jobs cached from the last run still say whose API key this is.
    for (const job of known) learnOwnerFromOwnJob(ctx, bridge, server.id, job);
  }

  store.subscribe((change) => {
    if (change.type === 'jobs') housekeeping.markDirty();
  });
  const stopListening = engine.on((event) => {
    // History first, so the patch the store change triggers carries a fresh ETA.
    ctx.history.apply(event, clock.now());
    if (event.type === 'job-added' || event.type === 'job-changed') {
      learnOwnerFromOwnJob(ctx, bridge, event.serverId, event.job);
    }
    store.apply(event);
    center.handle(event);
  });

  const queue = createSerialQueue();
  async function saveDocument(next: ConfigDocument): Promise<Result<ConfigDocument, CoreFailure>> {
    let saved: Awaited<ReturnType<TrayCoreDeps['config']['save']>>;
    try {
      saved = await deps.config.save(next);
    } catch {
      return err({ kind: 'write-failed', message: 'The settings could not be saved.' });
    }
    if (saved.ok) ctx.document = saved.value;
    return saved;
  }
  const servers = createServerCommands({ ctx, bridge, housekeeping, saveDocument });

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
    getSettings: () => ctx.document.settings,
    updateSettings: (patch) =>
      queue.run(async () => {
        const next = applySettingsPatch(ctx.document.settings, patch);
        if (!next.ok) return next;
        const saved = await saveDocument({ ...ctx.document, settings: next.value });
        if (!saved.ok) return saved;
        applySettingsLive(ctx, saved.value.settings, center, housekeeping);
        return ok(saved.value.settings);
      }),
    acknowledgeFailures(ref?: JobRef | { serverId: string }) {
      if (ref === undefined) store.acknowledgeAll();
      else if ('jobId' in ref) store.acknowledge(ref);
      else store.acknowledgeAll(ref.serverId);
    },
    pollNow: (serverId) => engine.pollNow(serverId),
    setFocus: (serverId, jobIds) => engine.setFocus(serverId, jobIds),
    configIssues: () => ctx.issues.map((issue) => ({ ...issue })),
    subscribe: (listener) => ctx.feed.subscribe(listener),
    snapshot: () => buildSnapshot(ctx),
  };
}
