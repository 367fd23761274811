/**
 * The Node transports' TLS settings over a real HTTPS connection (undici's, and Node's own that
 * cidx-jobs uses): an untrusted certificate is a `tls` failure that suggests the CA file, the CA
 * file makes it work, a wrong host name is caught.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { apiKeyAuth } from '../../main/core/cidx/auth';
import { CidxClient } from '../../main/core/cidx/client';
import type { FetchLike } from '../../main/core/cidx/http';
import { createNodeHttpFetch } from '../../main/core/cidx/node-http-fetch';
import { createNodeFetch } from '../../main/core/cidx/node-transport';
import type { TlsTrustOptions } from '../../main/core/cidx/tls-trust';

const dir = mkdtempSync(join(tmpdir(), 'cidx-tls-'));

/** A self-signed certificate (its own CA) for the given subjectAltName. */
function certificate(name: string, altNames: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${altNames}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

async function serve(key: string, cert: string): Promise<{ server: Server; url: string }> {
  const server = createServer({ key, cert }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('[]'); // v5's bare repository list (§3.6)
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const TRANSPORTS: [string, (options: TlsTrustOptions) => FetchLike][] = [
  ['undici', createNodeFetch],
  ['node-https', createNodeHttpFetch],
];

const listWith = (
  url: string,
  options: TlsTrustOptions,
  transport: (options: TlsTrustOptions) => FetchLike,
) =>
  new CidxClient({
    baseUrl: url,
    fetch: transport(options),
    clock: systemClock,
    auth: apiKeyAuth({ getApiKey: async () => 'cidx_sk_78dda893fe1620e3224ac51e0e29d159' }),
  }).listRepositories();

describe.each(TRANSPORTS)('TLS with the %s transport', (name, transport) => {
  // Files of their own: each transport's describe runs certificate() when it is collected.
  const good = certificate(`good-${name}`, 'IP:127.0.0.1');
  const wrongHost = certificate(`wrong-host-${name}`, 'DNS:cidx.test');
  let servers: { server: Server; url: string }[] = [];

  beforeAll(async () => {
    servers = [await serve(good.key, good.cert), await serve(wrongHost.key, wrongHost.cert)];
  });
  afterAll(async () => {
    for (const { server } of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an untrusted self-signed certificate -> tls, suggesting the CA file', async () => {
    const result = await listWith(servers[0]!.url, {}, transport);
    expect(result.ok ? null : result.error.kind).toBe('tls');
    expect(result.ok ? '' : result.error.message).toMatch(/SELF_SIGNED.*CA file/);
  });

  it('the CA file makes it trusted', async () => {
    expect(await listWith(servers[0]!.url, { caFile: good.certFile }, transport)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('a certificate for another host name -> tls even with its CA trusted', async () => {
    const result = await listWith(servers[1]!.url, { caFile: wrongHost.certFile }, transport);
    expect(result.ok ? null : result.error).toMatchObject({
      kind: 'tls',
      message: expect.stringMatching(/ERR_TLS_CERT_ALTNAME_INVALID/),
    });
  });

  it('insecureSkipVerify accepts any certificate', async () => {
    expect(await listWith(servers[1]!.url, { insecureSkipVerify: true }, transport)).toEqual({
      ok: true,
      value: [],
    });
  });
});
