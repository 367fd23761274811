import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { serializeConfig } from '../../../main/core/config/config-interpret';
import { MemorySecretStore } from '../../../main/core/config/secret-stores/memory-secret-store';
import { serverConfigSchema } from '../../../main/core/config/server';
import { createElectronStoreConfig } from '../../../main/electron/electron-store-config';
import { useTempDir } from '../config/temp-dir';
import { workServer } from '../monitor/helpers';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDir();

describe('settings over electron-store', () => {
  it('starts on defaults from no file, and saves the CLI format, privately', async () => {
    const dir = tempDir();
    const config = createElectronStoreConfig({ configDir: dir, secretStore: new MemorySecretStore() });
    const loaded = await config.load();
    expect(loaded.issues).toEqual([]);
    const document = { ...loaded.document, servers: [serverConfigSchema.parse(workServer)] };
    const saved = await config.save(document);
    expect(saved.ok).toBe(true);
    const path = join(dir, 'config.json');
    expect(readFileSync(path, 'utf8')).toBe(serializeConfig(document));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await createElectronStoreConfig({
      configDir: dir,
      secretStore: new MemorySecretStore(),
    }).load();
    expect(again.document.servers.map((server) => server.id)).toEqual(['work']);
  });

  it('keeps a corrupt file as a backup and reports it, never crashing or silently wiping it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{"version": 2, "servers": [oops');
    const config = createElectronStoreConfig({ configDir: dir, secretStore: new MemorySecretStore() });
    const loaded = await config.load();
    expect(loaded.issues).toMatchObject([{ kind: 'not-json' }]);
    const backups = readdirSync(dir).filter((name) => name.startsWith('config.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('{"version": 2, "servers": [oops');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('refuses to overwrite a file from a newer version', async () => {
    const dir = tempDir();
    const newer = '{"version": 999, "servers": [], "settings": {}}\n';
    writeFileSync(join(dir, 'config.json'), newer);
    const config = createElectronStoreConfig({ configDir: dir, secretStore: new MemorySecretStore() });
    const loaded = await config.load();
    expect(loaded.readOnly).toBe(true);
    const saved = await config.save(loaded.document);
    expect(saved).toMatchObject({ ok: false, error: { kind: 'read-only' } });
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(newer);
  });
});
