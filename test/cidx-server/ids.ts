import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Job ids made by the job manager are UUID4 strings with dashes (cidx-api.md §0). */
export function newUuid(): string {
  return randomUUID();
}

/** A stable hex string derived from a seed, so seeded API keys can be printed by the CLI. */
export function seededHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  return out.slice(0, length);
}

/** A UUID-shaped id derived from a seed. */
export function seededUuid(seed: string): string {
  const h = seededHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** URL-safe random text like Python's secrets.token_urlsafe(64): about 86 characters. */
export function urlSafeToken(bytes = 64): string {
  return randomBytes(bytes).toString('base64url');
}
