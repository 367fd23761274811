import { Command, Option } from 'commander';
import { startCidxServer } from './server';

/**
 * `npm run cidx-server -- --port 8000 --flavor head --scenario demo`
 * Prints `listening on http://127.0.0.1:<port>` then the seeded credentials.
 */
async function main(): Promise<void> {
  const program = new Command()
    .name('cidx-server')
    .description('A faithful CIDX server double for tests, benchmarks and demos')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .addOption(
      new Option('--flavor <flavor>', 'server version to imitate').choices(['head', 'v5']).default('head'),
    )
    .option('--scenario <name>', 'empty or demo', 'empty')
    .option('--jwt-lifetime <seconds>', 'access-token lifetime in seconds', '600')
    .option('--time-scale <factor>', 'multiply every job duration', '1')
    .parse();
  const opts = program.opts<{
    port: string;
    flavor: 'head' | 'v5';
    scenario: string;
    jwtLifetime: string;
    timeScale: string;
  }>();

  const server = await startCidxServer({
    flavor: opts.flavor,
    port: Number.parseInt(opts.port, 10),
    scenario: opts.scenario,
    jwtLifetimeSeconds: Number(opts.jwtLifetime),
    timeScale: Number(opts.timeScale),
  });
  const lines = [`listening on ${server.url}`, `flavor: ${server.flavor} (scenario: ${opts.scenario})`];
  const credentials = server.control.credentials();
  for (const user of credentials.users)
    lines.push(`user: ${user.username} / ${user.password} (${user.role}${user.mfa ? ', MFA' : ''})`);
  for (const key of credentials.apiKeys) lines.push(`api key: ${key.username} ${key.apiKey}`);
  for (const mfa of credentials.mfa)
    lines.push(
      `totp secret: ${mfa.username} ${mfa.totpSecret} (recovery code ${mfa.recoveryCodes.join(', ')})`,
    );
  lines.push(`control: ${server.url}/__control/state`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cidx-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
