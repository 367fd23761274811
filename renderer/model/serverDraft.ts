/**
 * The server form's fields, and the contract's draft built from them. Secrets (API key,
 * password) live only in the form's state until it is sent; they are never pre-filled.
 */
import { sameOrigin } from '../../preload/server-config';
import type { ServerConfig, ServerDraft } from '../stores/types';

export interface ServerFormFields {
  name: string;
  url: string;
  authMode: 'api-key' | 'password';
  username: string;
  apiKey: string;
  password: string;
  caFile: string;
  insecureSkipVerify: boolean;
  showAllUsers: boolean;
  showSystemJobs: boolean;
  enabled: boolean;
}

export const emptyServerFields: ServerFormFields = {
  name: '',
  url: '',
  authMode: 'api-key',
  username: '',
  apiKey: '',
  password: '',
  caFile: '',
  insecureSkipVerify: false,
  showAllUsers: false,
  showSystemJobs: false,
  enabled: true,
};

/** An existing server's fields for editing: everything but its secrets. */
export function fieldsFromConfig(config: ServerConfig): ServerFormFields {
  return {
    ...emptyServerFields,
    name: config.name,
    url: config.url,
    authMode: config.auth.mode,
    username: config.auth.mode === 'password' ? config.auth.username : '',
    caFile: config.tls.caFile ?? '',
    insecureSkipVerify: config.tls.insecureSkipVerify,
    showAllUsers: config.showAllUsers,
    showSystemJobs: config.showSystemJobs,
    enabled: config.enabled,
  };
}

/**
 * Why an edited server needs its credential typed again, or null when the stored one is kept.
 * Credentials are bound to their origin: main drops them when the scheme, host or port changes.
 */
export function credentialRenewal(fields: ServerFormFields, saved: ServerConfig | undefined): string | null {
  if (!saved) return null;
  if (!sameOrigin(saved.url, fields.url)) return 'the address points at another server';
  if (saved.auth.mode !== fields.authMode) return 'the sign-in method changed';
  return null;
}

/**
 * What is missing or wrong before anything is sent, in words; empty when the form is complete.
 * `saved` is the server being edited (its stored secret is kept unless its origin changes).
 */
export function formProblems(fields: ServerFormFields, editing: boolean, saved?: ServerConfig): string[] {
  const problems: string[] = [];
  if (!fields.name.trim()) problems.push('Give the server a name.');
  if (!/^https?:\/\/\S+$/i.test(fields.url.trim()))
    problems.push('The address must start with http:// or https://.');
  if (fields.authMode === 'password' && !fields.username.trim()) problems.push('Enter the username.');
  // A new server needs its secret; an edited one keeps the stored secret when left empty,
  // unless it now points at another origin (or signs in another way).
  const renewal = credentialRenewal(fields, saved);
  const needed = !editing || renewal !== null;
  const why = renewal ? ` (${renewal}; the stored one is not sent there)` : '';
  if (needed && fields.authMode === 'api-key' && !fields.apiKey) problems.push(`Enter the API key${why}.`);
  if (needed && fields.authMode === 'password' && !fields.password)
    problems.push(`Enter the password${why}.`);
  return problems;
}

export function draftFrom(fields: ServerFormFields): ServerDraft {
  const auth =
    fields.authMode === 'api-key'
      ? { mode: 'api-key' as const }
      : { mode: 'password' as const, username: fields.username.trim() };
  const tls: NonNullable<ServerDraft['server']['tls']> = { insecureSkipVerify: fields.insecureSkipVerify };
  if (fields.caFile.trim()) tls.caFile = fields.caFile.trim();
  const credentials: ServerDraft['credentials'] = {};
  if (fields.authMode === 'api-key' && fields.apiKey) credentials.apiKey = fields.apiKey;
  if (fields.authMode === 'password' && fields.password) credentials.password = fields.password;
  return {
    server: {
      name: fields.name.trim(),
      url: fields.url.trim(),
      auth,
      tls,
      showAllUsers: fields.showAllUsers,
      showSystemJobs: fields.showSystemJobs,
      enabled: fields.enabled,
    },
    credentials,
  };
}
