/**
 * The test world's settings: fast polling and no notification delays, so the tests wait on the
 * server double, not on the app's cadence.
 */
import {
  ConfigFile,
  FileSecretStore,
  appSettingsSchema,
  configFilePath,
  defaultConfigDocument,
  type AppSettingsInput,
} from '../../../main/core/config';

export const FAST_SETTINGS = {
  polling: { activeIntervalMs: 500, idleIntervalMs: 5000, backoffCapMs: 1000 },
  notifications: { coalesceWindowMs: 0, digestWindowMs: 0 },
} satisfies AppSettingsInput;

/** A settings file with no server at all: what a first start looks like (plus fast polling). */
export async function writeSettingsOnly(configDir: string, settings: AppSettingsInput): Promise<void> {
  const file = new ConfigFile({
    path: configFilePath(configDir),
    secretStore: new FileSecretStore({ configDir }),
  });
  await file.load();
  const saved = file.save({ ...defaultConfigDocument(), settings: appSettingsSchema.parse(settings) });
  if (!saved.ok) throw new Error(saved.error.message);
}
