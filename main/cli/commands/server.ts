/** `cidx-jobs server add|list|remove`: the server list shared with the desktop app. */
import type { ServerInfo } from '../../core/cidx/api';
import {
  addServer,
  deleteServerSecrets,
  findServer,
  removeServer,
  saveServerSecrets,
  type ServerConfig,
  type ServerSecrets,
} from '../../core/config';
import { CliError, orFail } from '../cli-error';
import type { CliContext } from '../context';
import { askEachServer } from '../fan-out';
import { println } from '../io';
import { printJson } from '../output/json';
import { renderTable } from '../output/table';
import { readSecret } from '../read-secret';

export interface ServerAddOptions {
  username?: string;
  apiKeyStdin?: boolean;
  passwordStdin?: boolean;
  caFile?: string;
  insecure?: boolean;
  allUsers?: boolean;
  systemJobs?: boolean;
  check: boolean;
}

export function describeServerInfo(info: ServerInfo): string {
  const flavor = info.flavor === 'head' ? 'CIDX 11.x' : 'CIDX 5.0';
  const version = info.version ? `version ${info.version}` : flavor;
  const who = info.username ? ` as ${info.username}${info.role ? ` (${info.role})` : ''}` : '';
  return `${version}${who}`;
}

export async function serverAdd(
  ctx: CliContext,
  name: string,
  url: string,
  options: ServerAddOptions,
): Promise<void> {
  if (options.apiKeyStdin && options.passwordStdin)
    throw CliError.usage('Choose --api-key-stdin or --password-stdin, not both.');
  if (options.username === undefined && options.passwordStdin)
    throw CliError.usage('--password-stdin needs --username.');
  const auth =
    options.username === undefined
      ? { mode: 'api-key' as const }
      : { mode: 'password' as const, username: options.username };
  const added = orFail(
    addServer(ctx.document.servers, {
      name,
      url,
      auth,
      tls: { caFile: options.caFile, insecureSkipVerify: options.insecure ?? false },
      showAllUsers: options.allUsers ?? false,
      showSystemJobs: options.systemJobs ?? false,
    }),
  );
  const server = added.server;

  const secrets: ServerSecrets =
    auth.mode === 'api-key'
      ? {
          apiKey: await readSecret(ctx.io, {
            envName: 'CIDX_API_KEY',
            fromStdin: options.apiKeyStdin ?? false,
            stdinOption: '--api-key-stdin',
            label: 'API key',
          }),
        }
      : {
          password: await readSecret(ctx.io, {
            envName: 'CIDX_PASSWORD',
            fromStdin: options.passwordStdin ?? false,
            stdinOption: '--password-stdin',
            label: `Password for ${auth.username}`,
          }),
        };
  await saveServerSecrets(ctx.secrets, server.id, secrets);
  const protection = ctx.secrets.describe();
  if (protection.warning) ctx.warn(protection.warning);

  let summary = 'connection not checked';
  if (options.check) {
    const probe = await ctx.client(server).probe();
    if (!probe.ok) {
      // Nothing half-added stays behind: the secrets go, the settings file is untouched.
      await deleteServerSecrets(ctx.secrets, server.id);
      throw CliError.from(probe.error, `Server "${server.name}" not added`);
    }
    summary = describeServerInfo(probe.value);
  }
  ctx.save({ ...ctx.document, servers: added.servers });
  if (server.tls.insecureSkipVerify) ctx.warn(`TLS certificate checks are OFF for ${server.name}.`);
  println(ctx.io.stdout, `Added server "${server.name}" (${server.url}): ${summary}.`);
}

interface ServerListRow {
  server: ServerConfig;
  status?: string;
}

export async function serverList(
  ctx: CliContext,
  options: { json?: boolean; check?: boolean },
): Promise<void> {
  const servers = ctx.document.servers;
  const rows: ServerListRow[] = options.check
    ? (await askEachServer(servers, (server) => ctx.client(server).probe())).map(({ server, answer }) => ({
        server,
        status: answer.ok ? `online, ${describeServerInfo(answer.value)}` : answer.error.message,
      }))
    : servers.map((server) => ({ server }));
  if (options.json) {
    printJson(
      ctx.io,
      rows.map(({ server, status }) => ({ ...server, ...(status ? { status } : {}) })),
    );
    return;
  }
  if (rows.length === 0) {
    println(ctx.io.stdout, 'No servers configured. Add one with: cidx-jobs server add <name> <url>');
    return;
  }
  const auth = (server: ServerConfig) =>
    server.auth.mode === 'api-key' ? 'API key' : `password (${server.auth.username})`;
  const notes = (server: ServerConfig) =>
    [
      server.enabled ? '' : 'disabled',
      server.tls.insecureSkipVerify ? 'TLS checks OFF' : server.tls.caFile ? 'own CA' : '',
      server.showAllUsers ? 'all users' : '',
      server.showSystemJobs ? 'system jobs' : '',
    ]
      .filter(Boolean)
      .join(', ');
  const columns = [
    { header: 'NAME', value: (row: ServerListRow) => row.server.name },
    { header: 'URL', value: (row: ServerListRow) => row.server.url },
    { header: 'AUTH', value: (row: ServerListRow) => auth(row.server) },
    { header: 'NOTES', value: (row: ServerListRow) => notes(row.server) },
  ];
  if (options.check) columns.push({ header: 'STATUS', value: (row) => row.status ?? '' });
  println(ctx.io.stdout, renderTable(rows, columns));
}

export async function serverRemove(ctx: CliContext, name: string): Promise<void> {
  const server = findServer(ctx.document.servers, name);
  if (!server) throw CliError.config(`No server named "${name}" is configured.`);
  const removed = orFail(removeServer(ctx.document.servers, server.id));
  ctx.save({ ...ctx.document, servers: removed.servers });
  for (const key of removed.secretKeysToDelete) await ctx.secrets.delete(key);
  println(ctx.io.stdout, `Removed server "${server.name}" and its stored credentials.`);
}
