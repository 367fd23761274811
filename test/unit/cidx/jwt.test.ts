import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, jwtExpiryMs, jwtIdentity } from '../../../main/core/cidx/jwt';
import { makeJwt } from './support';

describe('jwt decoding', () => {
  it('reads float exp as epoch milliseconds (§1.2)', () => {
    const token = makeJwt({
      username: 'admin',
      role: 'admin',
      exp: 1795859568.885385,
      iat: 1795858968.885385,
    });
    expect(jwtExpiryMs(token)).toBe(1795859568885);
    expect(jwtIdentity(token)).toEqual({ username: 'admin', role: 'admin' });
  });

  it('decodes the captured HEAD token payload', () => {
    const payload =
      'eyJ1c2VybmFtZSI6ImFkbWluIiwicm9sZSI6ImFkbWluIiwiY3JlYXRlZF9hdCI6bnVsbCwiZXhwIjoxNzk1ODU5NTg3Ljk5ODQ4MiwiaWF0IjoxNzk1ODU4OTg3Ljk5ODQ4MiwianRpIjoiNWQ1YTkzNjMtODM0My00NmUxLWI4OTMtMmI2YjJmMmI4OGVlIn0';
    const token = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${payload}.sig`;
    expect(decodeJwtPayload(token)).toMatchObject({ username: 'admin', exp: 1795859587.998482 });
  });

  it('tolerates garbage', () => {
    for (const garbage of [
      '',
      'abc',
      'a.b',
      'a.!!!.c',
      'a..c',
      `a.${btoa('[1,2]')}.c`,
      `a.${btoa('not json')}.c`,
      'a.b.c.d',
    ]) {
      expect(decodeJwtPayload(garbage)).toBeNull();
      expect(jwtExpiryMs(garbage)).toBeNull();
    }
    expect(jwtExpiryMs(makeJwt({ exp: 'soon' }))).toBeNull();
    expect(jwtIdentity('nonsense')).toEqual({ username: null, role: null });
  });
});
