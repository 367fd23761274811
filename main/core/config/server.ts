/**
 * One configured CIDX server: its shape is the contract's (preload/server-config.ts); here are
 * the names under which its secrets are kept.
 */
export {
  authConfigSchema,
  sameOrigin,
  serverConfigSchema,
  tlsConfigSchema,
  type AuthConfig,
  type ServerConfig,
  type ServerConfigInput,
  type TlsConfig,
  urlOrigin,
} from '../../../preload/server-config';

/** The names under which a server's secrets are kept in the secret store. */
export const secretKeys = {
  apiKey: (serverId: string) => `server/${serverId}/api-key`,
  password: (serverId: string) => `server/${serverId}/password`,
  refreshToken: (serverId: string) => `server/${serverId}/refresh-token`,
} as const;
