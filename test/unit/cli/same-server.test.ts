/** When two configured entries address one server, so a job seen through both is one job. */
import { describe, expect, it } from 'vitest';
import { sameServer } from '../../../main/cli/same-server';
import { aServer } from './fixtures';

const entry = (id: string, url: string) => aServer({ id, name: id, url });

describe('sameServer', () => {
  it.each([
    ['the same address', 'https://cidx.example.com', 'https://cidx.example.com'],
    ['a trailing slash', 'https://cidx.example.com/cidx', 'https://cidx.example.com/cidx/'],
    ['the default port written out', 'https://cidx.example.com:443', 'https://cidx.example.com'],
    ['a host name in capitals', 'https://CIDX.example.com', 'https://cidx.example.com'],
    ['localhost beside 127.0.0.1', 'http://localhost:8000', 'http://127.0.0.1:8000'],
    ['[::1] beside localhost', 'http://[::1]:8000', 'http://localhost:8000'],
  ])('is the same server: %s', (_case, a, b) => {
    expect(sameServer(entry('a', a), entry('b', b))).toBe(true);
  });

  it.each([
    ['another port', 'http://127.0.0.1:8000', 'http://127.0.0.1:8001'],
    ['another scheme', 'http://cidx.example.com', 'https://cidx.example.com'],
    ['another path', 'https://cidx.example.com/a', 'https://cidx.example.com/b'],
    ['another host (even if it may reach the same server)', 'https://cidx', 'https://cidx.example.com'],
  ])('is another server: %s', (_case, a, b) => {
    expect(sameServer(entry('a', a), entry('b', b))).toBe(false);
  });
});
