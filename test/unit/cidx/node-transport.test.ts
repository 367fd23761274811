/** The Node transports' setup errors: never a crash, always a failure a person can act on. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from '../../../main/core/cidx/auth';
import { CidxClient } from '../../../main/core/cidx/client';
import type { FetchLike } from '../../../main/core/cidx/http';
import { createNodeHttpFetch } from '../../../main/core/cidx/node-http-fetch';
import { createNodeFetch } from '../../../main/core/cidx/node-transport';
import type { TlsTrustOptions } from '../../../main/core/cidx/tls-trust';
import { API_KEY, FakeClock } from './support';

const TRANSPORTS: [string, (options: TlsTrustOptions) => FetchLike][] = [
  ['createNodeFetch (undici)', createNodeFetch],
  ['createNodeHttpFetch', createNodeHttpFetch],
];

const clientWith = (caFile: string, transport: (options: TlsTrustOptions) => FetchLike) =>
  new CidxClient({
    // Never contacted: the CA file is checked before any connection.
    baseUrl: 'https://cidx.invalid',
    fetch: transport({ caFile }),
    clock: new FakeClock(),
    auth: apiKeyAuth({ getApiKey: async () => API_KEY }),
  });

describe.each(TRANSPORTS)('%s', (_name, transport) => {
  it('a missing CA file is an invalid-input failure at call time, not a crash', async () => {
    const result = await clientWith('/nonexistent/ca.pem', transport).listJobs();
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'The CA file /nonexistent/ca.pem cannot be used: the file does not exist.',
      },
    });
  });

  it('a CA file without a PEM certificate is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cidx-ca-')), 'ca.pem');
    writeFileSync(file, 'not a certificate');
    const result = await clientWith(file, transport).listJobs();
    expect(result.ok ? null : result.error).toEqual({
      kind: 'invalid-input',
      message: `The CA file ${file} holds no PEM certificate.`,
    });
  });
});
