/**
 * `cidx-jobs server add|list|remove` against the CIDX double, both flavours: secrets go to the
 * secret store and never to config.json (0600), a failed check saves nothing, and a corrupt
 * settings file is reported with its backup and does not stop the command.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCidxServer } from '../cidx-server/server';
import { startCidxServer } from '../cidx-server/server';
import { createCliSandbox, parseJson, type CliSandbox } from './cli-harness';

let server: RunningCidxServer;
let box: CliSandbox;

afterEach(async () => {
  box.cleanup();
  await server.close();
});

/** A port on 127.0.0.1 that nothing listens on (taken and released at once). */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const savedServers = (sandbox: CliSandbox): { name: string; url: string; auth: unknown }[] =>
  (JSON.parse(sandbox.read('config.json')) as { servers: { name: string; url: string; auth: unknown }[] })
    .servers;

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.each(['head', 'v5'] as const)('cidx-jobs server on the %s double', (flavor) => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor, port: 0 });
    box = createCliSandbox();
  });

  const alicePassword = () =>
    server.control.credentials().users.find((user) => user.username === 'alice')!.password;

  it('adds a server with --username and --password-stdin; the password stays out of config.json', async () => {
    const password = alicePassword();
    const added = await box.run(
      ['server', 'add', 'lab', server.url, '--username', 'alice', '--password-stdin'],
      {
        stdin: `${password}\n`,
      },
    );

    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Added server "lab" (${server.url})`);
    expect(added.stdout).toContain(flavor === 'head' ? 'version 11.' : 'version 5.');
    expect(added.stdout + added.stderr).not.toContain(password);
    expect(savedServers(box)).toEqual([
      expect.objectContaining({
        name: 'lab',
        url: server.url,
        auth: { mode: 'password', username: 'alice' },
      }),
    ]);
    expect(box.read('config.json')).not.toContain(password);
    expect(modeOf(box.configPath)).toBe(0o600);
    // The file store is where it went (its warning says so), private as well.
    expect(box.read('secrets.json')).toContain(password);
    expect(modeOf(box.secretsPath)).toBe(0o600);
    expect(added.stderr).toContain('secrets.json');
  });

  it('refuses a wrong password with exit 4 and saves nothing', async () => {
    const added = await box.run(
      ['server', 'add', 'lab', server.url, '--username', 'alice', '--password-stdin'],
      {
        stdin: 'not-the-password-42\n',
      },
    );

    expect(added.code).toBe(4);
    expect(added.stderr).toMatch(/Server "lab" not added: .*user name or password/);
    expect(savedServers(box)).toEqual([]);
    expect(box.read('secrets.json')).not.toContain('not-the-password-42');
  });

  it('refuses an unreachable server with exit 5 and saves nothing', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const added = await box.run(['server', 'add', 'gone', url, '--username', 'alice', '--password-stdin'], {
      stdin: `${alicePassword()}\n`,
    });

    expect(added.code).toBe(5);
    expect(added.stderr).toContain(`Server "gone" not added: Cannot reach ${url}`);
    expect(savedServers(box)).toEqual([]);
    expect(box.read('secrets.json')).not.toContain(alicePassword());
  });

  it('rejects an invalid URL before asking for any secret, with exit 2 and a clear reason', async () => {
    for (const url of ['not a url', 'ftp://cidx.example.com']) {
      const added = await box.run(['server', 'add', 'bad', url]);
      expect(added.code).toBe(2);
      expect(added.stderr).toMatch(
        /^cidx-jobs: Server not added: url: .*must start with http:\/\/ or https:\/\//,
      );
      expect(added.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(savedServers(box)).toEqual([]);
  });

  it('lists servers as JSON without secrets, and --check reports each one in words', async () => {
    expect((await box.addServer('lab', server)).code).toBe(0);
    const url = `http://127.0.0.1:${await deadPort()}`;
    const unchecked = await box.run(
      ['server', 'add', 'gone', url, '--username', 'bob', '--password-stdin', '--no-check'],
      {
        stdin: 'bob-secret-xyz\n',
      },
    );
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('connection not checked');

    const listed = await box.run(['server', 'list', '--json']);
    expect(listed.code).toBe(0);
    const servers = parseJson<{ name: string; url: string; status?: string }[]>(listed);
    expect(servers.map((s) => [s.name, s.url])).toEqual([
      ['lab', server.url],
      ['gone', url],
    ]);
    expect(servers[0]).not.toHaveProperty('status');
    expect(listed.stdout).not.toContain('bob-secret-xyz');
    expect(listed.stdout).not.toContain(alicePassword());

    const checked = await box.run(['server', 'list', '--check', '--json']);
    const statuses = parseJson<{ name: string; status: string }[]>(checked).map((s) => s.status);
    expect(statuses[0]).toMatch(flavor === 'head' ? /^online, version 11\./ : /^online, version 5\./);
    expect(statuses[1]).toContain(`Cannot reach ${url}`);

    const table = await box.run(['server', 'list', '--check']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+URL\s+AUTH\s+NOTES\s+STATUS$/m);
    expect(table.stdout).toMatch(/^gone .*password \(bob\).*Cannot reach/m);
  });

  it('removes a server together with its stored credentials', async () => {
    expect((await box.addServer('lab', server)).code).toBe(0);
    const secret =
      flavor === 'head'
        ? server.control.credentials().apiKeys.find((key) => key.username === 'alice')!.apiKey
        : alicePassword();
    expect(box.read('secrets.json')).toContain(secret);

    const removed = await box.run(['server', 'remove', 'lab']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed server "lab" and its stored credentials.');
    expect(savedServers(box)).toEqual([]);
    expect(box.read('secrets.json')).not.toContain(secret);

    const again = await box.run(['server', 'remove', 'lab']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('No server named "lab" is configured.');
    const jobs = await box.run(['jobs']);
    expect(jobs.code).toBe(3);
    expect(jobs.stderr).toContain('No server is configured yet. Add one with: cidx-jobs server add');
  });
});

describe('cidx-jobs server add on the head double with an API key', () => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor: 'head', port: 0 });
    box = createCliSandbox();
  });

  it('takes the key from CIDX_API_KEY and keeps it out of config.json', async () => {
    const apiKey = server.control.credentials().apiKeys.find((key) => key.username === 'alice')!.apiKey;
    const added = await box.run(['server', 'add', 'work', server.url], { env: { CIDX_API_KEY: apiKey } });

    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added server "work" \(.*\): version 11\./);
    expect(added.stdout + added.stderr).not.toContain(apiKey);
    expect(savedServers(box)).toEqual([expect.objectContaining({ name: 'work', auth: { mode: 'api-key' } })]);
    expect(box.read('config.json')).not.toContain(apiKey);
    expect(modeOf(box.configPath)).toBe(0o600);
    expect(box.read('secrets.json')).toContain(apiKey);
  });

  it('refuses an unknown API key with exit 4 and saves nothing', async () => {
    const added = await box.run(['server', 'add', 'work', server.url], {
      env: { CIDX_API_KEY: 'cidx_sk_not_a_real_key_0000000000000000' },
    });
    expect(added.code).toBe(4);
    expect(added.stderr).toContain('Server "work" not added');
    expect(added.stderr).not.toContain('cidx_sk_not_a_real_key');
    expect(savedServers(box)).toEqual([]);
    expect(box.read('secrets.json')).not.toContain('cidx_sk_not_a_real_key');
  });

  it('says how to give the key when there is none, naming the real option, with exit 2', async () => {
    const added = await box.run(['server', 'add', 'work', server.url]);
    expect(added.code).toBe(2);
    expect(added.stderr).toBe(
      'cidx-jobs: API key needed: set CIDX_API_KEY, pipe it in with --api-key-stdin, or run in a terminal to be asked.\n',
    );
    expect(savedServers(box)).toEqual([]);
  });

  it('says how to give the password when there is none, naming --password-stdin', async () => {
    const added = await box.run(['server', 'add', 'work', server.url, '--username', 'alice']);
    expect(added.code).toBe(2);
    expect(added.stderr).toBe(
      'cidx-jobs: Password for alice needed: set CIDX_PASSWORD, pipe it in with --password-stdin, or run in a terminal to be asked.\n',
    );
    expect(savedServers(box)).toEqual([]);
  });
});

describe('a corrupt settings file', () => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor: 'head', port: 0 });
    box = createCliSandbox({ settings: null });
  });

  it('is moved aside with a warning naming the backup, and the command still runs', async () => {
    writeFileSync(box.configPath, '{"version": 2, "servers": [ this is not json');
    const listed = await box.run(['server', 'list']);

    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('No servers configured.');
    const warning = /^cidx-jobs: warning: .*kept as (\S+config\.json\.corrupt-\S+?)\.?$/m.exec(listed.stderr);
    expect(warning, listed.stderr).not.toBeNull();
    expect(existsSync(warning![1]!)).toBe(true);

    // The next command starts clean: the server can be added and used.
    expect((await box.addServer('work', server)).code).toBe(0);
    const repos = await box.run(['repos']);
    expect(repos.code).toBe(0);
    expect(repos.stderr).not.toContain('corrupt');
  });
});

describe('cidx-jobs with a secret store it cannot read (issue 8)', () => {
  beforeEach(async () => {
    server = await startCidxServer({ flavor: 'head', port: 0 });
    box = createCliSandbox();
  });

  it('says so (exit 3) instead of "no API key", and changes nothing', async () => {
    // EISDIR on every read: the file store cannot read it, as with EMFILE or EACCES.
    mkdirSync(box.secretsPath);
    const refused = await box.addServer('lab', server);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^cidx-jobs: Could not read the secret store \(EISDIR.*nothing was changed\.$/m,
    );
    rmSync(box.secretsPath, { recursive: true });

    expect((await box.addServer('lab', server)).code).toBe(0);
    const secrets = readFileSync(box.secretsPath, 'utf8');
    rmSync(box.secretsPath);
    mkdirSync(box.secretsPath);
    const listed = await box.run(['repos']);
    expect(listed.code).toBe(3);
    expect(listed.stderr).toMatch(/Could not read the secret store \(EISDIR/);
    expect(listed.stderr).not.toMatch(/No API key/);

    rmSync(box.secretsPath, { recursive: true });
    writeFileSync(box.secretsPath, secrets, { mode: 0o600 });
    expect((await box.run(['repos'])).code).toBe(0);
  });
});
