/**
 * Writes a settings folder that names one server, with its credential in the file secret store:
 * the demo world's setup, also used by tests that point a host at the CIDX double.
 */
import {
  ConfigFile,
  FileSecretStore,
  addServer,
  appSettingsSchema,
  configFilePath,
  defaultConfigDocument,
  saveServerSecrets,
  type AppSettingsInput,
  type ServerConfig,
} from '../../main/core/config';

export interface SingleServerConfig {
  configDir: string;
  name: string;
  url: string;
  /** An API key when the server has one (HEAD), else a username and password. */
  credentials: { apiKey: string } | { username: string; password: string };
  showAllUsers?: boolean;
  settings?: AppSettingsInput;
}

export async function writeSingleServerConfig(options: SingleServerConfig): Promise<ServerConfig> {
  const secrets = new FileSecretStore({ configDir: options.configDir });
  const file = new ConfigFile({ path: configFilePath(options.configDir), secretStore: secrets });
  await file.load();
  const { credentials } = options;
  const auth =
    'apiKey' in credentials
      ? ({ mode: 'api-key' } as const)
      : ({ mode: 'password', username: credentials.username } as const);
  const added = addServer([], {
    name: options.name,
    url: options.url,
    auth,
    showAllUsers: options.showAllUsers ?? false,
  });
  if (!added.ok) throw new Error(added.error.message);
  const server = added.value.server;
  await saveServerSecrets(
    secrets,
    server.id,
    'apiKey' in credentials ? { apiKey: credentials.apiKey } : { password: credentials.password },
  );
  const saved = file.save({
    ...defaultConfigDocument(),
    settings: appSettingsSchema.parse(options.settings ?? {}),
    servers: added.value.servers,
  });
  if (!saved.ok) throw new Error(saved.error.message);
  return server;
}
