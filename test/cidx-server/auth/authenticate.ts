import type { IncomingHttpHeaders } from 'node:http';
import { detail, type HttpResponse } from '../http/respond';
import type { Flavor } from '../types';
import type { ApiKeyStore } from './api-keys';
import type { JwtSigner } from './jwt';
import type { UserAccount, UserDirectory } from './users';

export interface AuthDeps {
  flavor: Flavor;
  users: UserDirectory;
  apiKeys: ApiKeyStore;
  jwt: JwtSigner;
  now(): number;
  baseUrl(): string;
}

export type AuthResult = { ok: true; user: UserAccount } | { ok: false; response: HttpResponse };

/**
 * Bearer authentication with each flavour's 401 shapes (cidx-api.md §1.4, §1.5).
 * HEAD: realm header, `cidx_sk_` API keys, Basic treated as no credentials.
 * v5: HTTPBearer with FastAPI >= 0.122 behaviour ("Not authenticated", 401).
 */
export function authenticate(deps: AuthDeps, headers: IncomingHttpHeaders): AuthResult {
  const header = headers.authorization ?? '';
  const [scheme = '', ...rest] = header.trim().split(/\s+/);
  const credential = rest.join(' ');
  const fail = (message: string): AuthResult => ({ ok: false, response: unauthorized(deps, message) });

  if (deps.flavor === 'v5') {
    if (header.trim() === '') return fail('Not authenticated');
    if (scheme.toLowerCase() !== 'bearer' || credential === '')
      return fail('Invalid authentication credentials');
  } else if (scheme.toLowerCase() !== 'bearer' || credential === '') {
    return fail('Missing authentication credentials');
  }

  if (deps.flavor === 'head' && credential.startsWith('cidx_sk_')) {
    const key = deps.apiKeys.findByKey(credential);
    const user = key ? deps.users.get(key.username) : undefined;
    return user ? { ok: true, user } : fail('Invalid API key');
  }

  const claims = deps.jwt.verify(credential);
  if (!claims) return fail('Invalid token');
  if (claims.exp * 1000 <= deps.now() || deps.jwt.isForceExpired(credential)) {
    return fail('Token has expired');
  }
  const user = deps.users.get(claims.username);
  return user ? { ok: true, user } : fail('User not found');
}

export function unauthorized(deps: Pick<AuthDeps, 'flavor' | 'baseUrl'>, message: string): HttpResponse {
  const challenge =
    deps.flavor === 'head'
      ? `Bearer realm="mcp", resource_metadata=${deps.baseUrl()}/.well-known/oauth-protected-resource`
      : 'Bearer';
  return detail(401, message, { 'www-authenticate': challenge });
}

export function requireAdmin(user: UserAccount): HttpResponse | undefined {
  return user.role === 'admin' ? undefined : detail(403, 'Admin access required');
}
