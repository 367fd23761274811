/** A server's credentials in the secret store, under the names `secretKeys` gives them. */
import { secretKeys } from './server';
import type { SecretStore } from './stores';

export type ServerSecretKind = keyof typeof secretKeys;
export const SERVER_SECRET_KINDS: readonly ServerSecretKind[] = ['apiKey', 'password', 'refreshToken'];

export type ServerSecrets = Partial<Record<ServerSecretKind, string>>;

export function getServerSecret(
  store: SecretStore,
  serverId: string,
  kind: ServerSecretKind,
): Promise<string | null> {
  return store.get(secretKeys[kind](serverId));
}

/** Stores one secret. The rotated refresh token goes through here before it is used (cidx-api.md §1.3). */
export function setServerSecret(
  store: SecretStore,
  serverId: string,
  kind: ServerSecretKind,
  value: string,
): Promise<void> {
  return store.set(secretKeys[kind](serverId), value);
}

export function deleteServerSecret(
  store: SecretStore,
  serverId: string,
  kind: ServerSecretKind,
): Promise<void> {
  return store.delete(secretKeys[kind](serverId));
}

/** Saves the given secrets; kinds left out are not touched. */
export async function saveServerSecrets(
  store: SecretStore,
  serverId: string,
  secrets: ServerSecrets,
): Promise<void> {
  for (const kind of SERVER_SECRET_KINDS) {
    const value = secrets[kind];
    if (value !== undefined) await setServerSecret(store, serverId, kind, value);
  }
}

/** Every secret stored for the server; absent kinds are left out. */
export async function readServerSecrets(store: SecretStore, serverId: string): Promise<ServerSecrets> {
  const secrets: ServerSecrets = {};
  for (const kind of SERVER_SECRET_KINDS) {
    const value = await getServerSecret(store, serverId, kind);
    if (value !== null) secrets[kind] = value;
  }
  return secrets;
}

/** Forgets every secret of a removed server. */
export async function deleteServerSecrets(store: SecretStore, serverId: string): Promise<void> {
  for (const kind of SERVER_SECRET_KINDS) await deleteServerSecret(store, serverId, kind);
}
