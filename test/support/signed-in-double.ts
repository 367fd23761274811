/**
 * The world of the double's own HTTP tests: the double on a manual clock, with alice and admin
 * signed in. `signedInDoubles()` registers an afterEach that closes the test's double.
 */
import { afterEach } from 'vitest';
import { createManualClock, type ManualClock } from '../cidx-server/clock';
import { startCidxServer, type CidxServerOptions, type RunningCidxServer } from '../cidx-server/server';
import { apiClient, type ApiClient } from '../cidx-server/testing/http-client';

export interface SignedInDouble {
  api: ApiClient;
  clock: ManualClock;
  /** Access tokens. */
  alice: string;
  admin: string;
}

export interface SignedInDoubles {
  start(flavor: 'head' | 'v5', extra?: Partial<CidxServerOptions>): Promise<SignedInDouble>;
  /** The double the last `start` of this test began. */
  server(): RunningCidxServer;
}

export function signedInDoubles(): SignedInDoubles {
  let server: RunningCidxServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    async start(flavor, extra = {}) {
      const clock = createManualClock();
      server = await startCidxServer({ flavor, clock, ...extra });
      const api = apiClient(server.url);
      return {
        api,
        clock,
        alice: await api.login('alice', 'alice-pass'),
        admin: await api.login('admin', 'admin'),
      };
    },
    server() {
      if (!server) throw new Error('no double started in this test');
      return server;
    },
  };
}
