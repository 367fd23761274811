/**
 * Username + password auth: login once, then `POST /api/auth/refresh` with rotating,
 * replay-protected refresh tokens (cidx-api.md §1.1–§1.3), and the password as the last resort.
 *
 * Invariants the server forces on us (§1.3): never two refreshes with the same token (a reuse
 * revokes the whole family), so renewal is single-flight; and the rotated refresh token is
 * persisted before the new access token is used, so a crash cannot leave us holding a spent one.
 */
import type { Result } from '../result';
import { err, ok } from '../result';
import { cleanName, cleanOptional, MAX_NAME_LENGTH } from '../text/clean-text';
import type { AuthProvider, Identity } from './auth';
import { readSecret } from './auth';
import type { CidxFailure } from './failure';
import type { HttpSession } from './http';
import { jwtExpiryMs, jwtIdentity } from './jwt';
import { loginSchema, refreshSchema } from './schemas';

export interface PasswordAuthOptions {
  username: string;
  /**
   * From the host's secret store; null when none is stored. Throws when the store cannot be
   * read (reported as `secrets-unavailable`, never as "no password").
   */
  getPassword(): Promise<string | null>;
  /** Throws like `getPassword` when the store cannot be read. */
  loadRefreshToken(): Promise<string | null>;
  /** Awaited before the new access token is used; null clears a dead token. */
  saveRefreshToken(token: string | null): Promise<void>;
  /** Renew this long before the JWT's `exp`; default 60 s. */
  refreshMarginMs?: number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

export const MFA_MESSAGE =
  'This account uses two-factor authentication, which CIDX Tray cannot answer. ' +
  'Create an API key in the CIDX web UI and sign in to this server with the API key instead.';

/** A refresh failure after which only a fresh login helps (§1.3 error list). */
function refreshTokenIsDead(failure: CidxFailure): boolean {
  if (failure.status === 401 || failure.status === 422) return true;
  return /replay|invalid refresh token|expired|revoked/i.test(failure.serverDetail ?? '');
}

type LoginUser = { username: string; role: string } | undefined;

export function passwordAuth(options: PasswordAuthOptions): AuthProvider {
  return new PasswordAuth(options);
}

class PasswordAuth implements AuthProvider {
  readonly kind = 'password' as const;
  private accessToken: string | null = null;
  /** Epoch ms after which the access token is renewed before use. */
  private renewAt: number | null = null;
  /** undefined until loaded from the host; null when there is none. */
  private refreshToken: string | null | undefined = undefined;
  private who: Identity = { username: null, role: null };
  private renewal: Promise<Result<string, CidxFailure>> | null = null;

  constructor(private readonly options: PasswordAuthOptions) {}

  identity(): Identity {
    return this.who;
  }

  async authorize(http: HttpSession): Promise<Result<string, CidxFailure>> {
    if (this.accessToken !== null && (this.renewAt === null || http.clock.now() < this.renewAt)) {
      return ok(this.accessToken);
    }
    return this.renew(http);
  }

  async recover(http: HttpSession, rejectedToken: string): Promise<Result<boolean, CidxFailure>> {
    // Only drop the token if nobody renewed it since the rejected call was sent.
    if (this.accessToken === rejectedToken) this.accessToken = null;
    const renewed = await this.authorize(http);
    return renewed.ok ? ok(true) : renewed;
  }

  /** Single flight: every caller during a renewal shares the same promise. */
  private renew(http: HttpSession): Promise<Result<string, CidxFailure>> {
    this.renewal ??= this.renewOnce(http).finally(() => {
      this.renewal = null;
    });
    return this.renewal;
  }

  private async renewOnce(http: HttpSession): Promise<Result<string, CidxFailure>> {
    const loaded = await this.currentRefreshToken();
    if (!loaded.ok) return loaded;
    const token = loaded.value;
    let lostSession: CidxFailure | null = null;
    if (token !== null) {
      // Resuming a session sends no password, but a server may still echo it: read it so it is
      // on the redaction list (best effort: the refresh does not need it).
      await this.readPassword(http);
      http.secrets.add(token);
      const answer = await http.json(
        { method: 'POST', path: '/api/auth/refresh', body: { refresh_token: token } },
        refreshSchema,
      );
      if (answer.ok) {
        const body = answer.value.value;
        // The old token is spent the moment the server answered: store the new one first.
        http.secrets.add(body.refresh_token);
        await this.storeRefreshToken(http, body.refresh_token);
        // Spent, but a server may still echo it: it stays on the redaction list (bounded).
        if (body.refresh_token !== token) http.secrets.retire(token);
        this.adoptAccessToken(http, body.access_token, body.user, body.access_token_expires_in);
        return ok(body.access_token);
      }
      if (!refreshTokenIsDead(answer.error)) return answer;
      http.logger.info('The saved session cannot be renewed; signing in again', {
        reason: answer.error.kind,
      });
      lostSession = answer.error;
      await this.storeRefreshToken(http, null);
      http.secrets.retire(token);
    }
    return this.login(http, lostSession);
  }

  /** The stored password, put on the redaction list whenever it is read. */
  private async readPassword(http: HttpSession): Promise<Result<string | null, CidxFailure>> {
    const password = await readSecret(() => this.options.getPassword());
    if (password.ok) http.secrets.add(password.value);
    return password;
  }

  private async login(
    http: HttpSession,
    lostSession: CidxFailure | null,
  ): Promise<Result<string, CidxFailure>> {
    const { username } = this.options;
    const read = await this.readPassword(http);
    if (!read.ok) return read;
    const password = read.value;
    if (password === null || password === '') {
      if (lostSession !== null) {
        const kind = lostSession.kind === 'token-expired' ? 'token-expired' : 'token-revoked';
        return err({
          kind,
          message: `The session of ${username} ended and no password is stored; sign in again.`,
        });
      }
      return err({
        kind: 'bad-credentials',
        message: `No password is stored for ${username}; sign in again.`,
      });
    }
    const answer = await http.json(
      { method: 'POST', path: '/auth/login', body: { username, password } },
      loginSchema,
    );
    if (!answer.ok) {
      if (answer.error.status !== 401) return answer;
      return err({
        ...answer.error,
        kind: 'bad-credentials',
        message: `The server did not accept the user name or password of ${username}.`,
      });
    }
    const body = answer.value.value;
    // HEAD answers 200 with an MFA challenge instead of tokens (§1.1); we cannot answer TOTP.
    if ('mfa_required' in body) return err({ kind: 'mfa-required', message: MFA_MESSAGE });
    if (body.refresh_token !== undefined) {
      http.secrets.add(body.refresh_token);
      await this.storeRefreshToken(http, body.refresh_token);
    }
    this.adoptAccessToken(http, body.access_token, body.user, undefined);
    return ok(body.access_token);
  }

  private adoptAccessToken(
    http: HttpSession,
    token: string,
    user: LoginUser,
    expiresInSeconds: number | undefined,
  ) {
    const now = http.clock.now();
    http.secrets.delete(this.accessToken);
    http.secrets.add(token);
    this.accessToken = token;
    // `exp` is a float (§1.2); login has no expires_in, so the JWT is the primary source.
    const expiresAt =
      jwtExpiryMs(token) ?? (expiresInSeconds === undefined ? null : now + expiresInSeconds * 1000);
    const margin = this.options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    // A lifetime shorter than the margin must not make every call refresh: cap at half of it.
    this.renewAt =
      expiresAt === null ? null : expiresAt - Math.min(margin, Math.max(0, (expiresAt - now) / 2));
    const fromJwt = jwtIdentity(token);
    // Server text, cleaned like a job's owner so the two compare equal.
    this.who = {
      username: cleanName(user?.username ?? fromJwt.username ?? this.options.username),
      role: cleanOptional(user?.role ?? fromJwt.role, MAX_NAME_LENGTH),
    };
  }

  /**
   * The saved refresh token, read once. A store that cannot be read is reported (and read again
   * next time) rather than taken for "no session": that would sign in with the password and
   * replace a session that is still good.
   */
  private async currentRefreshToken(): Promise<Result<string | null, CidxFailure>> {
    if (this.refreshToken === undefined) {
      const loaded = await readSecret(() => this.options.loadRefreshToken());
      if (!loaded.ok) return loaded;
      this.refreshToken = loaded.value || null;
    }
    return ok(this.refreshToken);
  }

  private async storeRefreshToken(http: HttpSession, token: string | null): Promise<void> {
    this.refreshToken = token;
    try {
      await this.options.saveRefreshToken(token);
    } catch {
      // Keep going with the token in memory; the next start may need the password again.
      http.logger.warn('Could not save the session token; a restart may need the password again');
    }
  }
}
