/**
 * "Test connection" and the repository picker: calls that need a client but must not disturb
 * the running engine or the saved credentials.
 */
import type { Repository, ServerInfo } from '../cidx/api';
import type { CidxFailure } from '../cidx/failure';
import { describeZodError } from '../config/config-issues';
import { sameOrigin, secretKeys, serverConfigSchema } from '../config/server';
import type { NewServerInput } from '../config/server-list';
import type { Result } from '../result';
import { err } from '../result';
import type { CoreContext } from './core-context';
import { typedSecrets } from './credentials';
import { secretOverlay } from './secret-overlay';
import { connectServer } from './server-connection';
import type { CredentialInput } from './monitor-types';

/** The id a draft without one is tested under; nothing is stored under it. */
export const DRAFT_SERVER_ID = 'connection-test';

/**
 * Probes a draft with a throw-away client. An edited server (its id given) falls back to its
 * saved secret when none is typed; a typed one hides the saved refresh token, which would
 * otherwise sign in without checking what was typed. A draft whose URL has another origin than
 * the saved server's gets none of its saved secrets: credentials are bound to their origin.
 */
export async function testConnection(
  ctx: CoreContext,
  draft: NewServerInput,
  credentials: CredentialInput,
): Promise<Result<ServerInfo, CidxFailure>> {
  const parsed = serverConfigSchema.safeParse({ ...draft, id: draft.id ?? DRAFT_SERVER_ID });
  if (!parsed.success) {
    return err({ kind: 'invalid-input', message: `Cannot test: ${describeZodError(parsed.error)}` });
  }
  const server = parsed.data;
  const saved = ctx.document.servers.some(
    (candidate) => candidate.id === server.id && sameOrigin(candidate.url, server.url),
  );
  const typed = typedSecrets(server, credentials);
  const secrets = secretOverlay(saved ? ctx.deps.secrets : null, typed);
  if (Object.keys(typed).length > 0) await secrets.delete(secretKeys.refreshToken(server.id));
  const connect = ctx.deps.connect ?? connectServer;
  const api = connect(server, {
    secrets,
    fetchFor: ctx.deps.fetchFor,
    clock: ctx.deps.clock,
    logger: ctx.deps.logger,
  });
  return api.probe();
}

/** The repositories of a configured server (enabled or not), for the sync picker. */
export async function listRepositories(
  ctx: CoreContext,
  serverId: string,
): Promise<Result<Repository[], CidxFailure>> {
  const live = ctx.apis.get(serverId);
  if (live) return live.listRepositories();
  const server = ctx.document.servers.find((candidate) => candidate.id === serverId);
  if (!server) return err({ kind: 'invalid-input', message: `No server "${serverId}" is configured.` });
  const connect = ctx.deps.connect ?? connectServer;
  return connect(server, {
    secrets: ctx.deps.secrets,
    fetchFor: ctx.deps.fetchFor,
    clock: ctx.deps.clock,
    logger: ctx.deps.logger,
  }).listRepositories();
}
