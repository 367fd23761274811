/** A monitor over a temp config dir, a FakeClock and one FakeCidxApi per server id. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerFlavor } from '../../../main/core/cidx/api';
import { ConfigFile } from '../../../main/core/config/config-file';
import { configDocumentPath, configFilePath } from '../../../main/core/config/paths';
import { MemorySecretStore } from '../../../main/core/config/secret-stores/memory-secret-store';
import type { ServerConfig, ServerConfigInput } from '../../../main/core/config/server';
import { serverConfigSchema } from '../../../main/core/config/server';
import type { AppSettingsInput } from '../../../main/core/config/settings';
import { appSettingsSchema, defaultConfigDocument } from '../../../main/core/config/settings';
import type { NotificationIntent } from '../../../main/core/notify/intent';
import type { ConnectSeamDeps, Monitor, MonitorPatch } from '../../../main/core/monitor';
import { createMonitor } from '../../../main/core/monitor';
import { FakeClock } from '../../support/fake-clock';
import { FakeCidxApi } from '../../support/fake-cidx-api';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

/** One fake server world shared by every core of a test (a "restart" keeps the server). */
export class FakeWorld {
  readonly clock = new FakeClock(T0);
  readonly secrets = new MemorySecretStore();
  readonly apis = new Map<string, FakeCidxApi>();
  /** Every client built, with the secrets it was given (to check the test-connection overlay). */
  readonly connects: { server: ServerConfig; deps: ConnectSeamDeps }[] = [];

  constructor(
    readonly dir: string,
    readonly flavor: ServerFlavor = 'head',
  ) {}

  api(serverId: string): FakeCidxApi {
    let api = this.apis.get(serverId);
    if (!api) {
      api = new FakeCidxApi({ flavor: this.flavor, now: () => this.clock.now() });
      this.apis.set(serverId, api);
    }
    return api;
  }

  /** Writes config.json with these servers and settings (as a first run would leave it). */
  async writeConfig(servers: ServerConfigInput[], settings: AppSettingsInput = {}): Promise<void> {
    const file = new ConfigFile({ path: configFilePath(this.dir), secretStore: this.secrets });
    await file.load();
    const saved = file.save({
      ...defaultConfigDocument(),
      settings: appSettingsSchema.parse(settings),
      servers: servers.map((server) => serverConfigSchema.parse(server)),
    });
    if (!saved.ok) throw new Error(saved.error.message);
  }

  readConfigText(): string {
    return readFileSync(configFilePath(this.dir), 'utf8');
  }

  documentPath(name: string): string {
    return configDocumentPath(this.dir, name);
  }

  writeDocument(name: string, text: string): void {
    writeFileSync(this.documentPath(name), text);
  }

  readDocument(name: string): unknown {
    return JSON.parse(readFileSync(this.documentPath(name), 'utf8'));
  }

  hasDocument(name: string): boolean {
    return existsSync(this.documentPath(name));
  }

  /** A new core over the same dir, secrets and servers, with its own notification recorder. */
  async core(): Promise<CoreHarness> {
    const delivered: NotificationIntent[] = [];
    const patches: MonitorPatch[] = [];
    const errors: string[] = [];
    const config = new ConfigFile({ path: configFilePath(this.dir), secretStore: this.secrets });
    const core = await createMonitor({
      clock: this.clock,
      configDir: this.dir,
      config: { load: () => config.load(), save: (document) => config.save(document) },
      secrets: this.secrets,
      fetchFor: () => {
        throw new Error('unit tests use the connect seam');
      },
      deliverNotification: (intent) => void delivered.push(intent),
      logger: { debug: () => {}, info: () => {}, warn: (message) => errors.push(message) },
      engineOptions: { random: () => 0.5 },
      connect: (server, deps) => {
        this.connects.push({ server, deps });
        return this.api(server.id);
      },
    });
    core.subscribe((patch) => patches.push(patch));
    return { core, delivered, patches, errors };
  }
}

export interface CoreHarness {
  core: Monitor;
  delivered: NotificationIntent[];
  patches: MonitorPatch[];
  errors: string[];
}

export const workServer: ServerConfigInput = {
  id: 'work',
  name: 'Work',
  url: 'https://cidx.work.example',
  auth: { mode: 'password', username: 'alice' },
};
