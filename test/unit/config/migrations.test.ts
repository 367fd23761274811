import { describe, expect, it } from 'vitest';
import {
  configDocumentSchema,
  CURRENT_CONFIG_VERSION,
  MIGRATIONS,
  migrateDocument,
  secretKeys,
} from '../../../main/core/config';

const v1 = {
  version: 1,
  pollIntervalSeconds: 5,
  idlePollIntervalSeconds: 2,
  notifications: false,
  theme: 'dark',
  servers: [
    {
      name: 'Prod EU',
      url: 'https://prod.example',
      apiKey: 'cidx_sk_0123456789abcdef0123456789abcdef',
      insecure: true,
    },
    {
      name: 'Staging',
      url: 'https://staging.example',
      username: 'ana',
      password: 'hunter2-secret',
      refreshToken: 'refresh-secret-token',
      caFile: '/etc/ca.pem',
      intervalSeconds: 3,
    },
    { name: 'prod eu', url: 'https://other.example', username: 'bo' },
  ],
};

describe('migration list', () => {
  it('is ordered, one step per version, ending at the current version', () => {
    MIGRATIONS.forEach((step, index) => expect(step.from).toBe(index + 1));
    expect(CURRENT_CONFIG_VERSION).toBe(MIGRATIONS.length + 1);
  });
});

describe('v1 -> v2', () => {
  const outcome = migrateDocument(structuredClone(v1));
  if (outcome.kind !== 'migrated') throw new Error(`expected a migration, got ${outcome.kind}`);

  it('produces a valid current document', () => {
    const parsed = configDocumentSchema.parse(outcome.document);
    expect(parsed.version).toBe(CURRENT_CONFIG_VERSION);
    expect(outcome.fromVersion).toBe(1);
  });

  it('moves every inline secret out of the document and returns it for the secret store', () => {
    expect(outcome.secrets).toEqual([
      { key: secretKeys.apiKey('prod-eu'), value: 'cidx_sk_0123456789abcdef0123456789abcdef' },
      { key: secretKeys.password('staging'), value: 'hunter2-secret' },
      { key: secretKeys.refreshToken('staging'), value: 'refresh-secret-token' },
    ]);
    const text = JSON.stringify(outcome.document);
    for (const secret of outcome.secrets) expect(text).not.toContain(secret.value);
    expect(text).not.toMatch(/"(apiKey|password|refreshToken)":/);
  });

  it('derives ids, auth modes and TLS options', () => {
    const servers = configDocumentSchema.parse(outcome.document).servers;
    expect(servers.map((server) => server.id)).toEqual(['prod-eu', 'staging', 'prod-eu-2']);
    expect(servers[0]?.auth).toEqual({ mode: 'api-key' });
    expect(servers[0]?.tls).toEqual({ insecureSkipVerify: true });
    expect(servers[1]?.auth).toEqual({ mode: 'password', username: 'ana' });
    expect(servers[1]?.tls).toEqual({ insecureSkipVerify: false, caFile: '/etc/ca.pem' });
  });

  it('renames a duplicate name instead of dropping the server', () => {
    const servers = configDocumentSchema.parse(outcome.document).servers;
    expect(servers[2]?.name).toBe('prod eu (2)');
  });

  it('converts seconds to milliseconds and raises values below the new minimums', () => {
    const settings = configDocumentSchema.parse(outcome.document).settings;
    expect(settings.polling.activeIntervalMs).toBe(5000);
    expect(settings.polling.idleIntervalMs).toBe(5000);
    expect(settings.notifications.enabled).toBe(false);
    expect(settings.theme).toBe('dark');
  });

  it('uses the fastest per-server interval when no global one was set', () => {
    const result = migrateDocument({
      version: 1,
      servers: [
        { name: 'A', url: 'https://a', intervalSeconds: 4 },
        { name: 'B', url: 'https://b', intervalSeconds: 3 },
      ],
    });
    if (result.kind !== 'migrated') throw new Error('expected a migration');
    expect(configDocumentSchema.parse(result.document).settings.polling.activeIntervalMs).toBe(3000);
    expect(result.secrets).toEqual([]);
  });

  it('takes a document without a version as v1', () => {
    const result = migrateDocument({ servers: [{ name: 'A', url: 'https://a', apiKey: 'k' }] });
    expect(result.kind).toBe('migrated');
  });

  it('is pure: the input is not modified', () => {
    const input = structuredClone(v1);
    migrateDocument(input);
    expect(input).toEqual(v1);
  });
});

describe('other versions', () => {
  it('passes a current document through', () => {
    expect(migrateDocument({ version: CURRENT_CONFIG_VERSION, servers: [] }).kind).toBe('current');
  });

  it('reports a newer document without touching it', () => {
    const newer = { version: CURRENT_CONFIG_VERSION + 1, servers: [], futureField: true };
    const result = migrateDocument(newer);
    expect(result).toEqual({ kind: 'newer', document: newer, version: CURRENT_CONFIG_VERSION + 1 });
  });

  it.each([[[1, 2]], ['text'], [null], [{ version: 0 }], [{ version: '2' }], [{ version: 1.5 }]])(
    'rejects %j as not a settings document',
    (raw) => {
      expect(migrateDocument(raw).kind).toBe('invalid');
    },
  );
});
