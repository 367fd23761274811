import { REFRESH_LIFETIME_SECONDS } from '../auth/refresh-tokens';
import { verifyTotp } from '../auth/totp';
import { userDict, type UserAccount } from '../auth/users';
import { urlSafeToken } from '../ids';
import { detail, json, type HttpResponse } from '../http/respond';
import type { RequestContext, Router } from '../http/router';
import { checkString, validationError, type FieldError } from '../http/validation';
import type { ServerState } from '../state';
import { readBody } from './common';

const MFA_TOKEN_MS = 5 * 60_000;

function loginResponse(state: ServerState, user: UserAccount): HttpResponse {
  const now = state.clock.now();
  return json(200, {
    access_token: state.jwt.sign(
      user.username,
      user.role,
      user.createdAt,
      now,
      state.options.jwtLifetimeSeconds,
    ),
    token_type: 'bearer',
    user: userDict(user),
    refresh_token: state.refreshTokens.issue(user.username, now),
    refresh_token_expires_in: REFRESH_LIFETIME_SECONDS,
  });
}

const invalidCredentials = (): HttpResponse =>
  detail(401, 'Invalid credentials', { 'www-authenticate': 'Bearer' });

const pad = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `POST /auth/login` (cidx-api.md §1.1, §1.6). */
async function login(state: ServerState, request: RequestContext): Promise<HttpResponse> {
  const parsed = readBody(state, request, false);
  if (!parsed.ok) return parsed.response;
  const errors: FieldError[] = [];
  checkString(
    parsed.body,
    'username',
    true,
    { min: 1, max: 255, blankMessage: 'Username cannot be empty or contain only whitespace' },
    errors,
  );
  checkString(
    parsed.body,
    'password',
    true,
    { min: 1, max: 1000, blankMessage: 'Password cannot be empty or contain only whitespace' },
    errors,
  );
  if (errors.length > 0) return validationError(state.clock.now(), errors);
  const username = String(parsed.body.username).trim();
  const password = String(parsed.body.password);

  if (state.flavor === 'head') {
    const verdict = state.loginLimiter.admit(username, state.clock.now());
    if (!verdict.allowed)
      return detail(429, verdict.detail, { 'retry-after': String(verdict.retryAfterSeconds) });
  }
  const user = state.users.get(username);
  if (!user || user.password !== password) {
    if (state.flavor === 'head') state.loginLimiter.recordFailure(username, state.clock.now());
    if (state.options.loginPaddingMs > 0) await pad(state.options.loginPaddingMs);
    return invalidCredentials();
  }
  if (state.flavor === 'head') state.loginLimiter.recordSuccess(username);
  if (state.flavor === 'head' && user.totpSecret) {
    const mfaToken = urlSafeToken(32);
    state.mfaTokens.set(mfaToken, { username, expiresAt: state.clock.now() + MFA_TOKEN_MS });
    return json(200, { mfa_required: true, mfa_token: mfaToken });
  }
  return loginResponse(state, user);
}

/** `POST /auth/mfa/verify` [HEAD] (cidx-api.md §1.1). */
function mfaVerify(state: ServerState, request: RequestContext): HttpResponse {
  const parsed = readBody(state, request, false);
  if (!parsed.ok) return parsed.response;
  const errors: FieldError[] = [];
  checkString(parsed.body, 'mfa_token', true, { min: 1 }, errors);
  if (errors.length > 0) return validationError(state.clock.now(), errors);
  const pending = state.mfaTokens.get(String(parsed.body.mfa_token));
  const user =
    pending && pending.expiresAt > state.clock.now() ? state.users.get(pending.username) : undefined;
  if (!user) return detail(401, 'Invalid or expired MFA token');
  const code = parsed.body.totp_code;
  const recovery = parsed.body.recovery_code;
  const valid =
    (typeof code === 'string' && !!user.totpSecret && verifyTotp(user.totpSecret, code, state.clock.now())) ||
    (typeof recovery === 'string' && (user.recoveryCodes ?? []).includes(recovery));
  if (!valid) return detail(401, 'Invalid MFA code');
  state.mfaTokens.delete(String(parsed.body.mfa_token));
  return loginResponse(state, user);
}

/** The `refresh_token` body both refresh routes take, or their 422. */
function readRefreshToken(
  state: ServerState,
  request: RequestContext,
): { ok: true; token: string; now: number } | { ok: false; response: HttpResponse } {
  const parsed = readBody(state, request, false);
  if (!parsed.ok) return parsed;
  const errors: FieldError[] = [];
  checkString(parsed.body, 'refresh_token', true, { min: 1, max: 1000 }, errors);
  if (errors.length > 0) return { ok: false, response: validationError(state.clock.now(), errors) };
  return { ok: true, token: String(parsed.body.refresh_token).trim(), now: state.clock.now() };
}

/** `POST /api/auth/refresh`: rotation, replay detection; 401s carry no WWW-Authenticate (§1.3). */
function refresh(state: ServerState, request: RequestContext): HttpResponse {
  const read = readRefreshToken(state, request);
  if (!read.ok) return read.response;
  const { token, now } = read;
  const outcome = state.refreshTokens.rotate(token, now);
  if (!outcome.ok) return detail(outcome.status, outcome.detail);
  const user = state.users.get(outcome.username);
  if (!user) return detail(401, 'User not found');
  return json(200, {
    access_token: state.jwt.sign(user.username, user.role, null, now, state.options.jwtLifetimeSeconds),
    refresh_token: outcome.refreshToken,
    token_type: 'bearer',
    user: { username: user.username, role: user.role },
    access_token_expires_in: state.options.jwtLifetimeSeconds,
    refresh_token_expires_in: REFRESH_LIFETIME_SECONDS,
  });
}

/** Legacy `POST /auth/refresh`: spends the token, returns no successor (§1.3). */
function legacyRefresh(state: ServerState, request: RequestContext): HttpResponse {
  const read = readRefreshToken(state, request);
  if (!read.ok) return read.response;
  const { token, now } = read;
  const username = state.refreshTokens.peekUsername(token, now);
  const user = username ? state.users.get(username) : undefined;
  if (!user) return detail(401, "Token refresh failed: 'new_access_token'", { 'www-authenticate': 'Bearer' });
  return json(200, {
    access_token: state.jwt.sign(user.username, user.role, null, now, state.options.jwtLifetimeSeconds),
    token_type: 'bearer',
    user: userDict(user),
  });
}

export function registerAuthRoutes(router: Router, state: ServerState): void {
  router.add('POST', '/auth/login', (r) => login(state, r));
  if (state.flavor === 'head') router.add('POST', '/auth/mfa/verify', (r) => mfaVerify(state, r));
  router.add('POST', '/api/auth/refresh', (r) => refresh(state, r));
  router.add('POST', '/auth/refresh', (r) => legacyRefresh(state, r));
}
