import { describe, expect, it } from 'vitest';
import {
  addServer,
  findServer,
  removeServer,
  secretKeys,
  slugifyServerName,
  updateServer,
  type ServerConfig,
} from '../../../main/core/config';

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}

const base: ServerConfig[] = unwrap(
  addServer([], { name: 'Prod EU', url: 'https://prod.example', auth: { mode: 'api-key' } }),
).servers;

describe('slugifyServerName', () => {
  it.each([
    ['Prod EU (main)', 'prod-eu-main'],
    ['  Zürich  ', 'zurich'],
    ['***', 'server'],
    ['a'.repeat(80), 'a'.repeat(63)],
  ])('%s -> %s', (name, slug) => expect(slugifyServerName(name)).toBe(slug));
});

describe('addServer', () => {
  it('validates, fills defaults and generates an id from the name', () => {
    const { server, servers } = unwrap(
      addServer(base, {
        name: ' Staging ',
        url: 'https://staging.example',
        auth: { mode: 'password', username: 'ana' },
      }),
    );
    expect(server).toMatchObject({ id: 'staging', name: 'Staging', showAllUsers: false, enabled: true });
    expect(servers).toHaveLength(2);
    expect(base).toHaveLength(1); // not mutated
  });

  it('makes the id unique when the slug is taken', () => {
    const { server } = unwrap(
      addServer(base, { name: 'prod-eu!', url: 'https://other.example', auth: { mode: 'api-key' } }),
    );
    expect(server.id).toBe('prod-eu-2');
  });

  it('rejects a duplicate name, case-insensitively', () => {
    const result = addServer(base, { name: 'prod eu', url: 'https://x.example', auth: { mode: 'api-key' } });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'A server named "Prod EU" already exists; choose another name',
      },
    });
  });

  it('rejects the same URL with a different case or a trailing slash', () => {
    const result = addServer(base, {
      name: 'Other',
      url: 'HTTPS://Prod.Example/',
      auth: { mode: 'api-key' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe('HTTPS://Prod.Example/ is already configured as "Prod EU"');
  });

  it('rejects an invalid entry with the field named', () => {
    const result = addServer(base, { name: 'Bad', url: 'ftp://bad.example', auth: { mode: 'api-key' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-input');
      expect(result.error.message).toMatch(/^Server not added: url: must start with http/);
    }
  });

  it('rejects an explicit id that is taken', () => {
    const result = addServer(base, {
      id: 'prod-eu',
      name: 'X',
      url: 'https://x.example',
      auth: { mode: 'api-key' },
    });
    expect(result.ok).toBe(false);
  });
});

describe('updateServer', () => {
  it('changes fields but never the id', () => {
    const { server, obsoleteSecretKeys } = unwrap(
      updateServer(base, 'prod-eu', { name: 'Production', showAllUsers: true }),
    );
    expect(server).toMatchObject({ id: 'prod-eu', name: 'Production', showAllUsers: true });
    expect(obsoleteSecretKeys).toEqual([]);
  });

  it('lists the secrets a change of auth mode makes obsolete', () => {
    const { obsoleteSecretKeys } = unwrap(
      updateServer(base, 'prod-eu', { auth: { mode: 'password', username: 'ana' } }),
    );
    expect(obsoleteSecretKeys).toEqual([secretKeys.apiKey('prod-eu')]);
  });

  it('rejects a name clash with another server but not with itself', () => {
    const two = unwrap(
      addServer(base, { name: 'Staging', url: 'https://staging.example', auth: { mode: 'api-key' } }),
    ).servers;
    expect(updateServer(two, 'staging', { name: 'PROD EU' }).ok).toBe(false);
    expect(updateServer(two, 'staging', { name: 'staging' }).ok).toBe(true);
  });

  it('reports an unknown id as not-found', () => {
    const result = updateServer(base, 'nope', { name: 'X' });
    expect(result.ok ? null : result.error.kind).toBe('not-found');
  });
});

describe('removeServer and findServer', () => {
  it('removes the server and returns all of its secret keys', () => {
    const { servers, removed, secretKeysToDelete } = unwrap(removeServer(base, 'prod-eu'));
    expect(servers).toEqual([]);
    expect(removed.id).toBe('prod-eu');
    expect(secretKeysToDelete).toEqual([
      secretKeys.apiKey('prod-eu'),
      secretKeys.password('prod-eu'),
      secretKeys.refreshToken('prod-eu'),
    ]);
  });

  it('reports removing an unknown id', () => {
    expect(removeServer(base, 'nope').ok).toBe(false);
  });

  it('finds by id first, then by name ignoring case', () => {
    expect(findServer(base, 'prod-eu')?.id).toBe('prod-eu');
    expect(findServer(base, 'PROD eu')?.id).toBe('prod-eu');
    expect(findServer(base, 'staging')).toBeUndefined();
  });
});
