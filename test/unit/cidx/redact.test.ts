import { describe, expect, it } from 'vitest';
import { SecretRegistry, redactPatterns } from '../../../main/core/cidx/redact';
import { sanitizeText } from '../../../main/core/cidx/sanitize';
import { makeJwt } from './support';

describe('redactPatterns', () => {
  it('scrubs bearer values, JWTs and API keys without being told about them', () => {
    const jwt = makeJwt({ username: 'alice', exp: 1795859568.885385 });
    const text = `Authorization: Bearer abc.def-123 then ${jwt} and cidx_sk_78dda893fe1620e3224ac51e0e29d159`;
    const out = redactPatterns(text);
    expect(out).not.toContain('abc.def-123');
    expect(out).not.toContain(jwt.slice(0, 20));
    expect(out).not.toContain('78dda893');
    expect(out).toContain('Authorization:');
  });

  it('scrubs secret-bearing JSON fields but keeps the field names', () => {
    const out = redactPatterns('{"refresh_token": "T_OIWqSE8vT-Co", "password":"hunter22", "user":"alice"}');
    expect(out).not.toContain('T_OIWqSE8vT-Co');
    expect(out).not.toContain('hunter22');
    expect(out).toContain('"refresh_token": "[redacted]"');
    expect(out).toContain('"user":"alice"');
  });

  it('catches a truncated JWT (a server echoing part of the token)', () => {
    expect(redactPatterns('token eyJhbGciOiJIUzI1NiIs…')).toBe('token [redacted]…');
  });
});

describe('SecretRegistry', () => {
  it('scrubs registered values, including URL-encoded echoes', () => {
    const secrets = new SecretRegistry();
    secrets.add('s3cr3t/pass word');
    const out = secrets.redact('got s3cr3t/pass word and s3cr3t%2Fpass%20word');
    expect(out).toBe('got [redacted] and [redacted]');
  });

  it('ignores empty and tiny values and forgets deleted ones', () => {
    const secrets = new SecretRegistry();
    secrets.add('');
    secrets.add('ab');
    secrets.add('long-refresh-token');
    secrets.delete('long-refresh-token');
    expect(secrets.redact('ab long-refresh-token')).toBe('ab long-refresh-token');
  });

  it('keeps scrubbing retired values, the last 20 of them (issue 8)', () => {
    const secrets = new SecretRegistry();
    const token = (n: number) => `refresh-token-${String(n).padStart(2, '0')}`;
    for (let n = 0; n <= 20; n++) {
      secrets.add(token(n));
      secrets.retire(token(n));
    }
    const all = Array.from({ length: 21 }, (_, n) => token(n)).join(' ');
    // The oldest of 21 has left the list; the 20 after it are still scrubbed.
    expect(secrets.redact(all)).toBe(`${token(0)}${' [redacted]'.repeat(20)}`);
    // Retiring a value again moves it to the newest end instead of counting twice.
    secrets.retire(token(1));
    secrets.retire('refresh-token-new');
    expect(secrets.redact(`${token(1)} ${token(2)}`)).toBe(`[redacted] ${token(2)}`);
  });
});

describe('sanitizeText', () => {
  it('strips control and bidi characters and escape sequences whole, and collapses whitespace', () => {
    expect(sanitizeText('Job\u0000 not\n\tfound\u202e!\u001b[31m')).toBe('Job not found!');
  });

  it('caps the length with an ellipsis', () => {
    const out = sanitizeText('x'.repeat(1000));
    expect(out.length).toBe(300);
    expect(out.endsWith('…')).toBe(true);
  });

  it('redacts before cutting, so a secret at the cap cannot leak in part', () => {
    const secrets = new SecretRegistry();
    const secret = 'QWERTYUIOPASDFGHJKL';
    secrets.add(secret);
    const out = sanitizeText(`${'a '.repeat(145)}${secret}`, secrets);
    expect(out).not.toMatch(/QWERTY/);
  });
});
