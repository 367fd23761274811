/**
 * The settings seam over electron-store: the same `config.json` the CLI uses (cwd = the config
 * dir, name 'config'), in the same format (`serializeConfig`), private (0600).
 *
 * electron-store (conf) cannot express what the core needs when reading: on bad bytes it either
 * throws from its constructor or, with clearInvalidConfig, silently starts empty; it validates
 * with JSON Schema, not our zod schemas; and it knows nothing of moving inline secrets of an old
 * file to the secret store or of read-only files from a newer version. So reading goes through
 * the core's ConfigFile (backup beside the file, issues reported, never a crash) at the path
 * electron-store resolved, and electron-store does the writing. Its own read at construction is
 * made harmless: a deserializer that never throws, clearInvalidConfig off, no defaults (so it
 * never writes on its own), and it is built only after the core has dealt with a bad file.
 */
import ElectronStore from 'electron-store';
import { ConfigFile, saveConfigDocument, type ConfigLoad } from '../core/config/config-file';
import type { ConfigIssue } from '../core/config/config-issues';
import { serializeConfig } from '../core/config/config-interpret';
import { CONFIG_FILE_NAME, configFilePath } from '../core/config/paths';
import type { ConfigDocument } from '../core/config/settings';
import type { SecretStore } from '../core/config/stores';
import type { Result } from '../core/result';
import type { ConfigSeam } from '../core/monitor/monitor-types';

export interface ElectronStoreConfigOptions {
  configDir: string;
  /** Where a migration moves secrets found inline in an old file. */
  secretStore: SecretStore;
  now?: () => number;
}

const STORE_NAME = CONFIG_FILE_NAME.replace(/\.json$/, '');

/** conf parses at construction and on every read; a bad file must never throw from there. */
function tolerantParse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export interface ElectronStoreConfig extends ConfigSeam {
  /** The file both the app and the CLI read. */
  readonly path: string;
}

export function createElectronStoreConfig(options: ElectronStoreConfigOptions): ElectronStoreConfig {
  let store: ElectronStore<ConfigDocument> | null = null;
  const open = (): ElectronStore<ConfigDocument> =>
    (store ??= new ElectronStore<ConfigDocument>({
      cwd: options.configDir,
      name: STORE_NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: 0o600,
      serialize: (value) => serializeConfig(value as ConfigDocument),
      deserialize: (text) => tolerantParse(text) as ConfigDocument,
    }));
  // The same path electron-store writes (`<cwd>/<name>.json`) and the CLI reads.
  const path = configFilePath(options.configDir);
  const reader = new ConfigFile({ path, secretStore: options.secretStore, now: options.now });

  return {
    path,
    async load(): Promise<ConfigLoad> {
      const loaded = await reader.load();
      open();
      return loaded;
    },
    save(document: ConfigDocument): Result<ConfigDocument, ConfigIssue> {
      return saveConfigDocument(document, {
        path,
        readOnly: reader.isReadOnly(),
        write: (valid) => {
          open().store = valid;
        },
      });
    },
  };
}
