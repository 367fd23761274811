import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Flavor, Role } from '../types';

/** Claims of a CIDX access token (cidx-api.md §1.2). exp/iat are float epoch seconds. */
export interface AccessClaims {
  username: string;
  role: Role;
  created_at: string | null;
  exp: number;
  iat: number;
  /** HEAD only. */
  jti?: string;
}

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** HS256 JWTs signed with a per-server secret that survives a simulated restart. */
export class JwtSigner {
  private readonly secret = randomBytes(32);
  /** Tokens issued since the last forced expiry, and those the control API expired. */
  private issued = new Set<string>();
  private readonly forcedExpired = new Set<string>();

  constructor(private readonly flavor: Flavor) {}

  sign(
    username: string,
    role: Role,
    createdAt: string | null,
    nowMs: number,
    lifetimeSeconds: number,
  ): string {
    const iat = nowMs / 1000;
    const claims: AccessClaims = { username, role, created_at: createdAt, exp: iat + lifetimeSeconds, iat };
    if (this.flavor === 'head') claims.jti = randomUUID();
    const signingInput = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
    const token = `${signingInput}.${this.mac(signingInput)}`;
    this.issued.add(token);
    return token;
  }

  /** Control: every token issued so far now answers "Token has expired". */
  expireAllIssued(): void {
    for (const token of this.issued) this.forcedExpired.add(token);
    this.issued = new Set();
  }

  isForceExpired(token: string): boolean {
    return this.forcedExpired.has(token);
  }

  /** The verified claims, or undefined for anything malformed or forged. */
  verify(token: string): AccessClaims | undefined {
    const pieces = token.split('.');
    if (pieces.length !== 3) return undefined;
    const [header, payload, signature] = pieces as [string, string, string];
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
      return typeof claims.username === 'string' && typeof claims.exp === 'number' ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(input: string): string {
    return createHmac('sha256', this.secret).update(input).digest('base64url');
  }
}
