/**
 * The auth seam of the CIDX client. A provider hands out the Bearer value for the next call and
 * recovers when the server refuses it. Providers hold no transport: the client lends them its
 * `HttpSession` for login and refresh, so the host's secret store stays behind callbacks.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import { secretStoreErrorReason } from '../config/secret-stores/secret-store-error';
import type { CidxFailure } from './failure';
import { secretsUnavailable } from './failure';
import type { HttpSession } from './http';

/**
 * Reads one secret through a host callback. A store that cannot be read (EMFILE, EACCES, a
 * keychain that does not answer) is `secrets-unavailable`, never taken for an absent secret.
 */
export async function readSecret(
  read: () => Promise<string | null>,
): Promise<Result<string | null, CidxFailure>> {
  try {
    return ok(await read());
  } catch (error) {
    return err(secretsUnavailable(secretStoreErrorReason(error)));
  }
}

export interface Identity {
  username: string | null;
  role: string | null;
}

export interface AuthProvider {
  readonly kind: 'api-key' | 'password';
  /** The Bearer value to send now (logging in or refreshing first when needed). */
  authorize(http: HttpSession): Promise<Result<string, CidxFailure>>;
  /**
   * The server answered 401 to a call made with `rejectedToken`. `ok(true)`: a new token is
   * ready, retry once. `ok(false)`: nothing to renew (an API key), report the 401 as it is.
   */
  recover(http: HttpSession, rejectedToken: string): Promise<Result<boolean, CidxFailure>>;
  /** Who is signed in, when known (from the login answer or the JWT). */
  identity(): Identity;
}

/** The HEAD API-key prefix (§1.4); v5 has no API keys at all. */
export const API_KEY_PREFIX = 'cidx_sk_';

export interface ApiKeyAuthOptions {
  /** Read from the host's secret store on each call, so a replaced key takes effect at once. */
  getApiKey: () => Promise<string | null>;
}

/** HEAD API key sent as `Authorization: Bearer cidx_sk_…`; it never expires (§1.4). */
export function apiKeyAuth(options: ApiKeyAuthOptions): AuthProvider {
  return {
    kind: 'api-key',
    async authorize(http) {
      const stored = await readSecret(options.getApiKey);
      if (!stored.ok) return stored;
      const key = stored.value?.trim() ?? '';
      if (key === '') {
        return err({
          kind: 'bad-credentials',
          message: 'No API key is stored for this server; add one in its settings.',
        });
      }
      http.secrets.add(key);
      if (!key.startsWith(API_KEY_PREFIX)) {
        return err({
          kind: 'invalid-input',
          message: `A CIDX API key starts with "${API_KEY_PREFIX}"; create one in the CIDX web UI and paste it whole.`,
        });
      }
      return ok(key);
    },
    async recover() {
      return ok(false);
    },
    identity: () => ({ username: null, role: null }),
  };
}
