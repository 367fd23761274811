import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigFile,
  CURRENT_CONFIG_VERSION,
  defaultConfigDocument,
  MemorySecretStore,
  secretKeys,
  type SecretStore,
} from '../../../main/core/config';
import { useTempDir } from './temp-dir';

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const tempDir = useTempDir();

function setup(content?: string | Buffer) {
  const dir = tempDir();
  const path = join(dir, 'config.json');
  if (content !== undefined) writeFileSync(path, content);
  const secrets = new MemorySecretStore();
  return { dir, path, secrets, file: new ConfigFile({ path, secretStore: secrets, now: () => NOW }) };
}

const mode = (path: string) => statSync(path).mode & 0o777;
const goodServer = { id: 'prod', name: 'Prod', url: 'https://prod.example', auth: { mode: 'api-key' } };

describe('ConfigFile.load', () => {
  it('gives defaults without issues when there is no file, and creates nothing', async () => {
    const { file, dir } = setup();
    const load = await file.load();
    expect(load).toEqual({ document: defaultConfigDocument(), issues: [], readOnly: false });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('moves a garbage file aside with its exact bytes and loads defaults with a clear issue', async () => {
    const garbage = Buffer.from([0x7b, 0x22, 0xff, 0x00, 0x61, 0x70, 0x69]); // not JSON, not even UTF-8
    const { file, path } = setup(garbage);
    const load = await file.load();
    expect(load.document).toEqual(defaultConfigDocument());
    expect(load.readOnly).toBe(false);
    expect(load.issues).toHaveLength(1);
    const backupPath = `${path}.corrupt-2025-01-02T03-04-05-678Z`;
    expect(load.issues[0]).toMatchObject({ kind: 'not-json', backupPath });
    expect(load.issues[0]?.message).toContain('not valid JSON');
    expect(load.issues[0]?.message).toContain(backupPath);
    expect(readFileSync(backupPath)).toEqual(garbage);
    expect(mode(backupPath)).toBe(0o600);
    expect(existsSync(path)).toBe(false);
  });

  it('never quotes file content in the issue', async () => {
    const { file } = setup('{"servers": [ cidx_sk_leakedsecretvalue ]}');
    const load = await file.load();
    expect(JSON.stringify(load.issues)).not.toContain('leaked');
  });

  it('treats JSON that is not a settings document as corrupt', async () => {
    const { file, path } = setup('[1,2,3]');
    const load = await file.load();
    expect(load.issues[0]?.kind).toBe('invalid-document');
    expect(readFileSync(load.issues[0]?.backupPath ?? '', 'utf8')).toBe('[1,2,3]');
    expect(existsSync(path)).toBe(false);
  });

  it('keeps good servers, leaves out and reports a bad one, and backs up the original', async () => {
    const original = JSON.stringify({
      version: CURRENT_CONFIG_VERSION,
      settings: { theme: 'dark' },
      servers: [goodServer, { id: 'bad', name: 'Broken', url: 'not a url', auth: { mode: 'api-key' } }],
    });
    const { file, path } = setup(original);
    const load = await file.load();
    expect(load.document.servers.map((server) => server.id)).toEqual(['prod']);
    expect(load.document.settings.theme).toBe('dark');
    expect(load.issues).toHaveLength(1);
    expect(load.issues[0]?.kind).toBe('invalid-server');
    expect(load.issues[0]?.message).toMatch(/^Server #2 \("Broken"\) was left out: url:/);
    expect(readFileSync(load.issues[0]?.backupPath ?? '', 'utf8')).toBe(original);
    // The repaired document is written back, so the next start is clean.
    const again = await new ConfigFile({ path, secretStore: new MemorySecretStore() }).load();
    expect(again.issues).toEqual([]);
    expect(again.document).toEqual(load.document);
  });

  it('resets invalid settings to defaults but keeps the servers', async () => {
    const { file } = setup(
      JSON.stringify({ version: 2, settings: { polling: { activeIntervalMs: 1 } }, servers: [goodServer] }),
    );
    const load = await file.load();
    expect(load.issues.map((issue) => issue.kind)).toEqual(['invalid-settings']);
    expect(load.issues[0]?.message).toContain('polling.activeIntervalMs');
    expect(load.document.settings.polling.activeIntervalMs).toBe(1000);
    expect(load.document.servers).toHaveLength(1);
  });

  it('uses a newer file read-only and never rewrites it', async () => {
    const newer = JSON.stringify({
      version: CURRENT_CONFIG_VERSION + 1,
      servers: [goodServer],
      hologram: { on: true },
    });
    const { file, path } = setup(newer);
    const load = await file.load();
    expect(load.readOnly).toBe(true);
    expect(load.issues[0]?.kind).toBe('newer-version');
    expect(load.document.servers.map((server) => server.id)).toEqual(['prod']);
    const saved = file.save(load.document);
    expect(saved.ok ? null : saved.error.kind).toBe('read-only');
    expect(readFileSync(path, 'utf8')).toBe(newer);
  });

  it('migrates a v1 file: secrets go to the secret store, the rewritten file has none', async () => {
    const { file, path, secrets } = setup(
      JSON.stringify({
        version: 1,
        servers: [{ name: 'Prod', url: 'https://prod.example', apiKey: 'cidx_sk_topsecret' }],
      }),
    );
    const load = await file.load();
    expect(await secrets.get(secretKeys.apiKey('prod'))).toBe('cidx_sk_topsecret');
    expect(load.issues.map((issue) => issue.kind)).toEqual(['migrated']);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('topsecret');
    expect(JSON.parse(text).version).toBe(CURRENT_CONFIG_VERSION);
    expect(mode(path)).toBe(0o600);
    expect(JSON.stringify(load.issues)).not.toContain('topsecret');
  });

  it('leaves a v1 file untouched and goes read-only when the secrets cannot be stored', async () => {
    const original = JSON.stringify({
      version: 1,
      servers: [{ name: 'Prod', url: 'https://prod.example', password: 'pw-123', username: 'ana' }],
    });
    const { path } = setup(original);
    const failing: SecretStore = {
      get: async () => null,
      set: async () => {
        throw new Error('keychain locked');
      },
      delete: async () => {},
      describe: () => ({ backend: 'broken', protectedAtRest: true }),
    };
    const file = new ConfigFile({ path, secretStore: failing });
    const load = await file.load();
    expect(load.readOnly).toBe(true);
    expect(load.issues.map((issue) => issue.kind)).toContain('secrets-not-stored');
    expect(load.document.servers[0]?.auth).toEqual({ mode: 'password', username: 'ana' });
    expect(readFileSync(path, 'utf8')).toBe(original);
    expect(file.save(load.document).ok).toBe(false);
  });

  it('does not overwrite a file it cannot read', async () => {
    if (process.getuid?.() === 0) {
      // root reads any file regardless of mode: simulate unreadability with a directory instead.
      const { path, file } = setup();
      mkdirSync(path);
      const load = await file.load();
      expect(load.readOnly).toBe(true);
      expect(load.issues[0]?.kind).toBe('unreadable-file');
      return;
    }
    const { path, file } = setup('{}');
    const { chmodSync } = await import('node:fs');
    chmodSync(path, 0o000);
    const load = await file.load();
    expect(load.readOnly).toBe(true);
    expect(load.issues[0]?.kind).toBe('unreadable-file');
  });
});

describe('ConfigFile.save', () => {
  it('writes atomically with mode 0600 and leaves no temp files', async () => {
    const { file, path, dir } = setup();
    await file.load();
    const document = defaultConfigDocument();
    document.settings.theme = 'light';
    document.servers.push({
      ...goodServer,
      auth: { mode: 'api-key' },
      tls: { insecureSkipVerify: false },
      showAllUsers: false,
      showSystemJobs: false,
      enabled: true,
    });
    const saved = file.save(document);
    expect(saved.ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(mode(path)).toBe(0o600);
    const reloaded = await new ConfigFile({ path, secretStore: new MemorySecretStore() }).load();
    expect(reloaded.document).toEqual(document);
    expect(reloaded.issues).toEqual([]);
  });

  it('refuses an invalid document and keeps the previous file', async () => {
    const { file, path } = setup();
    expect(file.save(defaultConfigDocument()).ok).toBe(true);
    const before = readFileSync(path, 'utf8');
    const bad = defaultConfigDocument();
    bad.settings.polling.activeIntervalMs = 10;
    const saved = file.save(bad);
    expect(saved.ok ? null : saved.error).toMatchObject({ kind: 'invalid-document' });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('reports a write failure as a value', async () => {
    const { dir } = setup();
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const file = new ConfigFile({ path: join(blocker, 'config.json'), secretStore: new MemorySecretStore() });
    const saved = file.save(defaultConfigDocument());
    expect(saved.ok ? null : saved.error.kind).toBe('write-failed');
  });
});
