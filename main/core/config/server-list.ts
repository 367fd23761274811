/**
 * Pure operations on the configured server list. Each returns a new list (never mutates) or an
 * `invalid-input` / `not-found` failure worded for a person.
 */
import type { CidxFailure } from '../cidx/failure';
import { err, ok, type Result } from '../result';
import { describeZodError } from './config-issues';
import { secretKeys, serverConfigSchema, type ServerConfig, type ServerConfigInput } from './server';
import { uniqueServerId } from './server-id';
import { normalizeServerName } from './settings';

/** A new server: the id is generated from the name unless given. */
export type NewServerInput = Omit<ServerConfigInput, 'id'> & { id?: string };
/** Fields to change; the id never changes (secrets are keyed by it). */
export type ServerPatch = Partial<Omit<ServerConfigInput, 'id'>>;

const invalid = (message: string): CidxFailure => ({ kind: 'invalid-input', message });

/** Compares server addresses the way a person means them: case of scheme/host and a trailing slash do not matter. */
function normalizeServerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().replace(/\/+$/, '').toLowerCase();
  }
}

/** The server with this id, else the one with this name (case-insensitive). */
export function findServer(servers: readonly ServerConfig[], idOrName: string): ServerConfig | undefined {
  return (
    servers.find((server) => server.id === idOrName) ??
    servers.find((server) => normalizeServerName(server.name) === normalizeServerName(idOrName))
  );
}

function checkUnique(servers: readonly ServerConfig[], candidate: ServerConfig): CidxFailure | null {
  for (const other of servers) {
    if (other.id === candidate.id) continue;
    if (normalizeServerName(other.name) === normalizeServerName(candidate.name)) {
      return invalid(`A server named "${other.name}" already exists; choose another name`);
    }
    if (normalizeServerUrl(other.url) === normalizeServerUrl(candidate.url)) {
      return invalid(`${candidate.url} is already configured as "${other.name}"`);
    }
  }
  return null;
}

export function addServer(
  servers: readonly ServerConfig[],
  input: NewServerInput,
): Result<{ servers: ServerConfig[]; server: ServerConfig }, CidxFailure> {
  const name = typeof input.name === 'string' ? input.name.trim() : input.name;
  const taken = new Set(servers.map((server) => server.id));
  if (input.id !== undefined && taken.has(input.id))
    return err(invalid(`A server with id "${input.id}" already exists`));
  const id = input.id ?? uniqueServerId(typeof name === 'string' ? name : '', taken);
  const parsed = serverConfigSchema.safeParse({ ...input, name, id });
  if (!parsed.success) return err(invalid(`Server not added: ${describeZodError(parsed.error)}`));
  const clash = checkUnique(servers, parsed.data);
  if (clash) return err(clash);
  return ok({ servers: [...servers, parsed.data], server: parsed.data });
}

/** Secret keys a server no longer needs once its auth mode changed (e.g. password -> api-key). */
function secretsObsoletedBy(before: ServerConfig, after: ServerConfig): string[] {
  if (before.auth.mode === after.auth.mode) return [];
  return before.auth.mode === 'api-key'
    ? [secretKeys.apiKey(before.id)]
    : [secretKeys.password(before.id), secretKeys.refreshToken(before.id)];
}

export function updateServer(
  servers: readonly ServerConfig[],
  id: string,
  patch: ServerPatch,
): Result<{ servers: ServerConfig[]; server: ServerConfig; obsoleteSecretKeys: string[] }, CidxFailure> {
  const index = servers.findIndex((server) => server.id === id);
  const current = servers[index];
  if (!current) return err({ kind: 'not-found', message: `No server with id "${id}"` });
  const name = typeof patch.name === 'string' ? patch.name.trim() : current.name;
  const parsed = serverConfigSchema.safeParse({ ...current, ...patch, name, id });
  if (!parsed.success) return err(invalid(`Server not updated: ${describeZodError(parsed.error)}`));
  const clash = checkUnique(servers, parsed.data);
  if (clash) return err(clash);
  const next = servers.map((server, i) => (i === index ? parsed.data : server));
  return ok({
    servers: next,
    server: parsed.data,
    obsoleteSecretKeys: secretsObsoletedBy(current, parsed.data),
  });
}

/** Removes a server; the caller deletes `secretKeysToDelete` from the secret store. */
export function removeServer(
  servers: readonly ServerConfig[],
  id: string,
): Result<{ servers: ServerConfig[]; removed: ServerConfig; secretKeysToDelete: string[] }, CidxFailure> {
  const removed = servers.find((server) => server.id === id);
  if (!removed) return err({ kind: 'not-found', message: `No server with id "${id}"` });
  return ok({
    servers: servers.filter((server) => server.id !== id),
    removed,
    secretKeysToDelete: [secretKeys.apiKey(id), secretKeys.password(id), secretKeys.refreshToken(id)],
  });
}
