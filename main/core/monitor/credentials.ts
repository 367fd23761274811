/**
 * The credentials a person types, checked against the server's auth mode and stored under the
 * server's secret keys. Messages name what is missing, never a value.
 */
import type { CidxFailure } from '../cidx/failure';
import type { ServerConfig } from '../config/server';
import { secretKeys } from '../config/server';
import type { ConfigIssue } from '../config/config-issues';
import type { SecretStore } from '../config/stores';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { CredentialInput } from './monitor-types';

const given = (value: string | undefined): value is string => typeof value === 'string' && value !== '';

/** The secret this server's auth mode signs in with, when the person typed it. */
export function typedSecrets(server: ServerConfig, credentials: CredentialInput): Record<string, string> {
  if (server.auth.mode === 'api-key') {
    return given(credentials.apiKey) ? { [secretKeys.apiKey(server.id)]: credentials.apiKey.trim() } : {};
  }
  return given(credentials.password) ? { [secretKeys.password(server.id)]: credentials.password } : {};
}

/** A new server (or a changed auth mode) cannot sign in without its secret. */
export function requireCredential(server: ServerConfig, credentials: CredentialInput): CidxFailure | null {
  if (Object.keys(typedSecrets(server, credentials)).length > 0) return null;
  return {
    kind: 'invalid-input',
    message:
      server.auth.mode === 'api-key'
        ? `An API key is needed to connect to ${server.name}.`
        : `A password is needed to sign in to ${server.name} as ${server.auth.username}.`,
  };
}

/** Writes the secrets; a store failure is reported in words without its details (they may quote input). */
export async function storeSecrets(
  store: SecretStore,
  secrets: Record<string, string>,
): Promise<Result<void, ConfigIssue>> {
  try {
    for (const [key, value] of Object.entries(secrets)) await store.set(key, value);
    return ok(undefined);
  } catch {
    return err({
      kind: 'write-failed',
      message: `Could not store the credentials in ${store.describe().backend}; nothing was changed.`,
    });
  }
}

/** Deletes secrets, best effort: a leftover secret is harmless, a crash is not. */
export async function forgetSecrets(
  store: SecretStore,
  keys: readonly string[],
  reportError: (error: unknown, context: string) => void,
): Promise<void> {
  for (const key of keys) {
    try {
      await store.delete(key);
    } catch (error) {
      reportError(error, 'deleting a stored credential');
    }
  }
}
