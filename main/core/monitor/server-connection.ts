/**
 * Turns a configured server into a live `CidxClient`: its auth reads secrets from the host's
 * secret store on demand, and the rotated refresh token is written back there before use
 * (cidx-api.md §1.3). Every host (CLI, browser mode, Electron) builds its clients here.
 */
import type { Clock } from '../clock';
import { apiKeyAuth } from '../cidx/auth';
import type { AuthProvider } from '../cidx/auth';
import { CidxClient } from '../cidx/client';
import type { FetchLike } from '../cidx/http';
import type { Logger } from '../cidx/logger';
import { passwordAuth } from '../cidx/password-auth';
import type { ServerConfig } from '../config/server';
import { deleteServerSecret, getServerSecret, setServerSecret } from '../config/server-secrets';
import type { SecretStore } from '../config/stores';

export interface ConnectionDeps {
  secrets: SecretStore;
  /** The host's transport for this server (its TLS options, proxies, OS trust store). */
  fetchFor(server: ServerConfig): FetchLike;
  clock: Clock;
  logger?: Logger;
  timeoutMs?: number;
}

export function authFor(server: ServerConfig, secrets: SecretStore): AuthProvider {
  if (server.auth.mode === 'api-key') {
    return apiKeyAuth({ getApiKey: () => getServerSecret(secrets, server.id, 'apiKey') });
  }
  return passwordAuth({
    username: server.auth.username,
    getPassword: () => getServerSecret(secrets, server.id, 'password'),
    loadRefreshToken: () => getServerSecret(secrets, server.id, 'refreshToken'),
    saveRefreshToken: (token) =>
      token === null
        ? deleteServerSecret(secrets, server.id, 'refreshToken')
        : setServerSecret(secrets, server.id, 'refreshToken', token),
  });
}

export function connectServer(server: ServerConfig, deps: ConnectionDeps): CidxClient {
  return new CidxClient({
    baseUrl: server.url,
    fetch: deps.fetchFor(server),
    auth: authFor(server, deps.secrets),
    clock: deps.clock,
    logger: deps.logger,
    timeoutMs: deps.timeoutMs,
  });
}
