/**
 * One configured CIDX server as the settings file stores it, and as the window edits it: a
 * shape of the contract (the renderer sees it, main validates with it). Secrets are never here:
 * only a reference the secret store resolves (design.md, "Auth").
 */
import { z } from 'zod';

export const authConfigSchema = z.discriminatedUnion('mode', [
  /** HEAD API key (`cidx_sk_…`): no expiry, the best fit for a long-running monitor. */
  z.object({ mode: z.literal('api-key') }),
  /** Login + rotating refresh token; the password and refresh token live in the secret store. */
  z.object({ mode: z.literal('password'), username: z.string().min(1).max(255) }),
]);
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const tlsConfigSchema = z.object({
  /** PEM file with an extra CA to trust (self-signed or private CA). */
  caFile: z.string().min(1).optional(),
  /** Explicit opt-out of certificate verification; shown as a warning everywhere. */
  insecureSkipVerify: z.boolean().default(false),
});
export type TlsConfig = z.infer<typeof tlsConfigSchema>;

export const serverConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(100),
  url: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://'),
  auth: authConfigSchema,
  tls: tlsConfigSchema.default({ insecureSkipVerify: false }),
  /** HEAD admins see every user's jobs; opt-in (design.md, "Whose jobs"). */
  showAllUsers: z.boolean().default(false),
  /** Internal maintenance jobs owned by `system*`; opt-in, and they never notify unless asked. */
  showSystemJobs: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;
export type ServerConfigInput = z.input<typeof serverConfigSchema>;

/** The origin (scheme, host, port) of a server URL, or null when it is not a URL. */
export function urlOrigin(url: string): string | null {
  try {
    return new URL(url.trim()).origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether two server URLs share an origin. Credentials are bound to their origin: a server
 * whose scheme, host or port changes must be given its credential again, never sent the old
 * one (issue 8). A path change on the same origin keeps them.
 */
export function sameOrigin(a: string, b: string): boolean {
  const left = urlOrigin(a);
  return left !== null && left === urlOrigin(b);
}
