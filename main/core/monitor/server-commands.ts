/**
 * Adding, changing and removing servers while the app runs: validated by the server-list
 * rules, secrets stored or forgotten, the settings saved, and the engine and job store updated
 * at once, without a restart.
 */
import type { ServerConfig } from '../config/server';
import { sameOrigin, secretKeys } from '../config/server';
import type { NewServerInput, ServerPatch } from '../config/server-list';
import { addServer, removeServer, updateServer } from '../config/server-list';
import type { ConfigDocument } from '../config/settings';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CoreContext } from './core-context';
import { forgetSecrets, requireCredential, storeSecrets, typedSecrets } from './credentials';
import type { Housekeeping } from './housekeeping';
import { attachServer, detachServer, viewFor } from './live-servers';
import type { PatchStream } from './patch-stream';
import type { CoreFailure, CredentialInput } from './monitor-types';

export interface ServerCommandsDeps {
  ctx: CoreContext;
  patches: PatchStream;
  housekeeping: Housekeeping;
  saveDocument(document: ConfigDocument): Promise<Result<ConfigDocument, CoreFailure>>;
}

/** Fields whose change needs a new client (and a new sign-in). */
function connectionChanged(before: ServerConfig, after: ServerConfig): boolean {
  return (
    before.url !== after.url ||
    before.enabled !== after.enabled ||
    JSON.stringify(before.auth) !== JSON.stringify(after.auth) ||
    JSON.stringify(before.tls) !== JSON.stringify(after.tls)
  );
}

export function createServerCommands({ ctx, patches, housekeeping, saveDocument }: ServerCommandsDeps) {
  const { deps, store } = ctx;

  /** Jobs of a server that is gone or now points elsewhere: announced, then forgotten. */
  function dropJobs(serverId: string): void {
    patches.batch(() => {
      for (const tracked of store.jobs({ serverId, includeHidden: true })) {
        ctx.history.forget({ serverId, jobId: tracked.job.id });
        store.apply({ type: 'job-gone', serverId, jobId: tracked.job.id, previous: tracked.job });
      }
      store.removeServer(serverId);
    });
    ctx.durations.forgetServer(serverId);
    housekeeping.markDirty();
  }

  return {
    async add(
      input: NewServerInput,
      credentials: CredentialInput,
    ): Promise<Result<ServerConfig, CoreFailure>> {
      const added = addServer(ctx.document.servers, input);
      if (!added.ok) return added;
      const { server } = added.value;
      const missing = requireCredential(server, credentials);
      if (missing) return err(missing);
      const stored = await storeSecrets(deps.secrets, typedSecrets(server, credentials));
      if (!stored.ok) return stored;
      const saved = await saveDocument({ ...ctx.document, servers: added.value.servers });
      if (!saved.ok) {
        await forgetSecrets(deps.secrets, Object.keys(typedSecrets(server, credentials)), ctx.reportError);
        return saved;
      }
      store.setServerView(server.id, viewFor(server, undefined));
      if (server.enabled) attachServer(ctx, patches, server, []);
      return ok(server);
    },

    async update(
      id: string,
      patch: ServerPatch,
      credentials: CredentialInput = {},
    ): Promise<Result<ServerConfig, CoreFailure>> {
      const updated = updateServer(ctx.document.servers, id, patch);
      if (!updated.ok) return updated;
      const { server, obsoleteSecretKeys } = updated.value;
      // updateServer found it, so it is there.
      const before = ctx.document.servers.find((candidate) => candidate.id === id)!;
      // Credentials are bound to their origin: another scheme, host or port may be another
      // server, and must never be sent the old one's key or password.
      const originChanged = !sameOrigin(before.url, server.url);
      if (originChanged) {
        const missing = requireCredential(server, credentials);
        if (missing) {
          return err({
            ...missing,
            message: `${server.name} now points at another address (${new URL(server.url).origin}): ${missing.message}`,
          });
        }
      } else if (before.auth.mode !== server.auth.mode) {
        const missing = requireCredential(server, credentials);
        if (missing) return err(missing);
      }
      const typed = typedSecrets(server, credentials);
      const stored = await storeSecrets(deps.secrets, typed);
      if (!stored.ok) return stored;
      const saved = await saveDocument({ ...ctx.document, servers: updated.value.servers });
      if (!saved.ok) {
        // The saved server still points at the old origin: the credential typed for the new
        // one must not stay where the old origin's client would send it.
        if (originChanged) await forgetSecrets(deps.secrets, Object.keys(typed), ctx.reportError);
        return saved;
      }

      const signInChanged =
        Object.keys(typed).length > 0 || JSON.stringify(before.auth) !== JSON.stringify(server.auth);
      // A refresh token belongs to the sign-in that obtained it; a new one starts from the password.
      const stale = signInChanged || before.url !== server.url ? [secretKeys.refreshToken(id)] : [];
      // Every secret of the old origin goes, except the one just typed for the new origin.
      const oldOrigin = originChanged
        ? [secretKeys.apiKey(id), secretKeys.password(id), secretKeys.refreshToken(id)].filter(
            (key) => !(key in typed),
          )
        : [];
      await forgetSecrets(
        deps.secrets,
        [...new Set([...obsoleteSecretKeys, ...stale, ...oldOrigin])],
        ctx.reportError,
      );

      const reconnect = connectionChanged(before, server) || Object.keys(typed).length > 0;
      if (reconnect) {
        detachServer(ctx, id);
        if (signInChanged || before.url !== server.url) ctx.identities.delete(id);
        // Another address may be another server: its jobs are not these.
        if (before.url !== server.url) dropJobs(id);
      }
      patches.batch(() => {
        store.setServerView(id, viewFor(server, ctx.identities.get(id)));
        patches.republishServerJobs(id);
      });
      if (reconnect && server.enabled) {
        const known = store.jobs({ serverId: id, includeHidden: true }).map((tracked) => tracked.job);
        attachServer(ctx, patches, server, known);
      }
      return ok(server);
    },

    async remove(id: string): Promise<Result<void, CoreFailure>> {
      const removed = removeServer(ctx.document.servers, id);
      if (!removed.ok) return removed;
      const saved = await saveDocument({ ...ctx.document, servers: removed.value.servers });
      if (!saved.ok) return saved;
      await forgetSecrets(deps.secrets, removed.value.secretKeysToDelete, ctx.reportError);
      detachServer(ctx, id);
      ctx.identities.delete(id);
      patches.batch(() => {
        dropJobs(id);
        patches.serverRemoved(id);
      });
      return ok(undefined);
    },
  };
}
