/**
 * What every command works with: the settings file, the secret store, the submission ledger
 * and a client per configured server. Opened once per invocation; config problems are printed
 * as warnings and never stop a command that does not need the broken part.
 */
import { systemClock, type Clock } from '../core/clock';
import type { CidxClient } from '../core/cidx/client';
import {
  ConfigFile,
  chooseSecretStore,
  configFilePath,
  findServer,
  resolveConfigDir,
  type ConfigDocument,
  type SecretStore,
  type ServerConfig,
} from '../core/config';
import { createSubmissionLedger, type SubmissionLedger } from '../core/jobs';
import { openCoreDocuments } from '../core/monitor/core-documents';
import { connectServer } from '../core/monitor/server-connection';
import { CliError } from './cli-error';
import { println, type CliIo } from './io';
import { nodeHostFetch } from '../core/cidx/node-host-fetch';

export interface CliContext {
  io: CliIo;
  clock: Clock;
  configDir: string;
  document: ConfigDocument;
  secrets: SecretStore;
  ledger: SubmissionLedger;
  /** Saves the settings document; refuses when the file is from a newer version. */
  save(document: ConfigDocument): void;
  client(server: ServerConfig): CidxClient;
  /** The servers a command covers: the named one, or every enabled one. */
  servers(name?: string): ServerConfig[];
  /** Exactly one server: the named one, or the only one configured. */
  server(name?: string): ServerConfig;
  warn(message: string): void;
}

export async function openCliContext(io: CliIo, clock: Clock = systemClock): Promise<CliContext> {
  const warn = (message: string) => println(io.stderr, `cidx-jobs: warning: ${message}`);
  const configDir = resolveConfigDir({ env: io.env });
  const chosen = await chooseSecretStore({ platform: process.platform, configDir, env: io.env });
  if (!chosen.ok) throw CliError.from(chosen.error);
  const secrets = chosen.value.store;

  const configFile = new ConfigFile({ path: configFilePath(configDir), secretStore: secrets });
  const loaded = await configFile.load();
  for (const issue of loaded.issues) warn(issue.message);
  let document = loaded.document;

  // The app's own ledger file (read lazily), so either can retry what the other submitted.
  const documents = openCoreDocuments(
    configDir,
    () => clock.now(),
    (issue) => warn(issue.message),
  );
  const ledger = createSubmissionLedger(documents.submissions);

  const clients = new Map<string, CidxClient>();
  const deps = {
    secrets,
    clock,
    fetchFor: (server: ServerConfig) =>
      nodeHostFetch({ caFile: server.tls.caFile, insecureSkipVerify: server.tls.insecureSkipVerify }, io.env),
  };

  return {
    io,
    clock,
    configDir,
    get document() {
      return document;
    },
    secrets,
    ledger,
    warn,
    save(next) {
      const saved = configFile.save(next);
      if (!saved.ok) throw CliError.config(saved.error.message);
      document = saved.value;
    },
    client(server) {
      let client = clients.get(server.id);
      if (!client) {
        if (server.tls.insecureSkipVerify) warn(`TLS certificate checks are OFF for ${server.name}.`);
        client = connectServer(server, deps);
        clients.set(server.id, client);
      }
      return client;
    },
    servers(name) {
      if (name !== undefined) return [requireServer(document, name)];
      const enabled = document.servers.filter((server) => server.enabled);
      if (enabled.length === 0) throw noServers();
      return enabled;
    },
    server(name) {
      if (name !== undefined) return requireServer(document, name);
      const enabled = document.servers.filter((server) => server.enabled);
      if (enabled.length === 1) return enabled[0]!;
      if (enabled.length === 0) throw noServers();
      throw CliError.usage(
        `Several servers are configured (${enabled.map((s) => s.name).join(', ')}); choose one with --server.`,
      );
    },
  };
}

function requireServer(document: ConfigDocument, name: string): ServerConfig {
  const server = findServer(document.servers, name);
  if (!server) {
    const known = document.servers.map((s) => s.name).join(', ') || 'none';
    throw CliError.config(`No server named "${name}" is configured (configured: ${known}).`);
  }
  return server;
}

const noServers = () =>
  CliError.config('No server is configured yet. Add one with: cidx-jobs server add <name> <url>');
