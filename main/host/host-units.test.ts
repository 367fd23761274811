import { describe, expect, it } from 'vitest';
import { createAccessToken, tokenMatches } from './access-token';
import { parseClientMessage } from './client-message';
import { parseHostArgs } from './host-args';
import { checkUpgrade } from './request-guard';

describe('the access token', () => {
  it('is 32 random bytes in base64url, different each time, compared exactly', () => {
    const token = createAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createAccessToken()).not.toBe(token);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
  });
});

describe('the upgrade guard', () => {
  const expected = { port: 4000, token: 'secret' };
  const good = { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000', token: 'secret' };

  it('admits only our own page with the token', () => {
    expect(checkUpgrade(good, expected)).toEqual({ ok: true });
    expect(checkUpgrade({ ...good, host: 'localhost:4000' }, expected)).toMatchObject({ status: 403 });
    expect(checkUpgrade({ ...good, origin: 'null' }, expected)).toMatchObject({ status: 403 });
    expect(checkUpgrade({ ...good, origin: undefined }, expected)).toMatchObject({ status: 403 });
    expect(checkUpgrade({ ...good, token: null }, expected)).toEqual({
      ok: false,
      status: 401,
      reason: 'no token',
    });
    expect(checkUpgrade({ ...good, token: 'secreT' }, expected)).toEqual({
      ok: false,
      status: 401,
      reason: 'wrong token',
    });
  });
});

describe('client messages', () => {
  it('reads a request, a missing payload as null', () => {
    expect(parseClientMessage('{"type":"request","id":3,"channel":"snapshot:get"}')).toEqual({
      ok: true,
      id: 3,
      channel: 'snapshot:get',
      payload: null,
    });
  });

  it('answers what is not a request with a failure, keeping the id when it can', () => {
    expect(parseClientMessage('[1]')).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage('{"type":"request","id":1.5,"channel":"x"}')).toMatchObject({
      ok: false,
      id: null,
    });
    expect(parseClientMessage(`{"type":"request","id":"${'x'.repeat(101)}","channel":"x"}`)).toMatchObject({
      id: null,
    });
    expect(parseClientMessage('{"type":"hello","id":"a"}')).toMatchObject({ ok: false, id: 'a' });
    expect(parseClientMessage('{"type":"request","id":2,"channel":7}')).toMatchObject({
      ok: false,
      id: 2,
      error: { kind: 'invalid-message' },
    });
  });
});

describe('host arguments', () => {
  it('reads port and renderer folder; refuses nonsense (the demo is its own launcher now)', () => {
    expect(parseHostArgs(['--port', '8080'])).toEqual({ port: 8080, help: false });
    expect(parseHostArgs(['--demo'])).toEqual({ error: 'unknown option "--demo"' });
    expect(parseHostArgs(['--port=0', '--renderer-dir', 'dist'])).toMatchObject({
      port: 0,
      rendererDir: 'dist',
    });
    expect(parseHostArgs(['--port', '70000'])).toHaveProperty('error');
    expect(parseHostArgs(['--port'])).toHaveProperty('error');
    expect(parseHostArgs(['--bogus'])).toEqual({ error: 'unknown option "--bogus"' });
  });
});
