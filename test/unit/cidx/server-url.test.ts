import { describe, expect, it } from 'vitest';
import { validateServerUrl } from '../../../main/core/cidx/server-url';

const failureOf = (input: string): string => {
  const result = validateServerUrl(input);
  if (result.ok) throw new Error(`expected a failure for ${input}`);
  expect(result.error.kind).toBe('invalid-input');
  return result.error.message;
};

describe('validateServerUrl', () => {
  it('accepts http(s) URLs and normalises the trailing slash', () => {
    expect(validateServerUrl(' https://cidx.example.com/ ')).toEqual({
      ok: true,
      value: 'https://cidx.example.com',
    });
    expect(validateServerUrl('http://127.0.0.1:8000')).toEqual({ ok: true, value: 'http://127.0.0.1:8000' });
    expect(validateServerUrl('https://host/cidx/')).toEqual({ ok: true, value: 'https://host/cidx' });
  });

  it('explains each wrong address', () => {
    expect(failureOf('')).toMatch(/Enter the server address/);
    expect(failureOf('cidx.example.com')).toMatch(/needs a scheme/);
    expect(failureOf('localhost:8000')).toMatch(/needs a scheme/);
    expect(failureOf('ftp://cidx.example.com')).toMatch(/http:\/\/ or https:\/\/ \(not ftp:\/\/\)/);
    expect(failureOf('mailto:someone@example.com')).toMatch(/must start with http/);
    expect(failureOf('https://cidx.example.com?x=1')).toMatch(/query/);
    expect(failureOf('https://cidx example.com')).toMatch(/spaces/);
    expect(failureOf('https://')).toMatch(/not a valid URL|no host/);
  });

  it('refuses credentials in the URL without echoing them', () => {
    const message = failureOf('https://alice:hunter22@cidx.example.com');
    expect(message).toMatch(/user name or password/);
    expect(message).not.toContain('hunter22');
  });
});
