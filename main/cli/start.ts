/**
 * `npm run demo:cli`: the terminal watcher on the built-in demo CIDX server (the project's
 * double, on 127.0.0.1), in a throw-away settings folder so the person's own configuration is
 * never touched. Without `--demo` it watches the configured servers, or the demo when none is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCidxServer } from '../../test/cidx-server/server';
import { ConfigFile, MemorySecretStore, configFilePath, resolveConfigDir } from '../core/config';
import { println, processIo, type CliIo } from './io';
import { runCli } from './run-cli';

async function hasServers(io: CliIo): Promise<boolean> {
  const path = configFilePath(resolveConfigDir({ env: io.env }));
  // Read-only look: the memory store means a migration here can never move secrets anywhere.
  const loaded = await new ConfigFile({ path, secretStore: new MemorySecretStore() }).load();
  return loaded.document.servers.length > 0;
}

async function watchDemo(io: CliIo): Promise<number> {
  const demo = await startCidxServer({ flavor: 'head', port: 0, scenario: 'demo' });
  const admin = demo.control.credentials().apiKeys.find((key) => key.username === 'admin');
  const configDir = mkdtempSync(join(tmpdir(), 'cidx-tray-demo-'));
  const env = {
    ...io.env,
    CIDX_TRAY_CONFIG_DIR: configDir,
    CIDX_TRAY_SECRET_STORE: 'file',
    CIDX_API_KEY: admin?.apiKey,
  };
  const demoIo: CliIo = { ...io, env };
  try {
    println(io.stdout, `Watching the built-in demo CIDX server at ${demo.url}.`);
    println(
      io.stdout,
      'Add your own with: npm run cidx-jobs -- server add <name> <url>   (Ctrl+C to quit)\n',
    );
    const added = await runCli(['server', 'add', 'demo', demo.url, '--all-users'], demoIo);
    if (added !== 0) return added;
    return await runCli(['watch', '--follow', '--all-users'], demoIo);
  } finally {
    await demo.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}

const io = processIo();
const demo = process.argv.includes('--demo') || !(await hasServers(io));
const code = demo ? await watchDemo(io) : await runCli(['watch', '--follow'], io);
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
