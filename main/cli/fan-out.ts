/**
 * Asks every chosen server the same question at once. Servers that fail are warned about and
 * skipped; when every one fails, that is an error (with its exit code), never an empty answer.
 */
import type { CidxFailure } from '../core/cidx/failure';
import type { ServerConfig } from '../core/config';
import type { Result } from '../core/result';
import { CliError } from './cli-error';
import type { CliContext } from './context';

export interface ServerAnswer<T> {
  server: ServerConfig;
  value: T;
}

/** Every server's answer as it came, failures included, in the order of `servers`. */
export function askEachServer<A>(
  servers: readonly ServerConfig[],
  ask: (server: ServerConfig) => Promise<A>,
): Promise<{ server: ServerConfig; answer: A }[]> {
  return Promise.all(servers.map(async (server) => ({ server, answer: await ask(server) })));
}

export async function fromEachServer<T>(
  ctx: CliContext,
  servers: readonly ServerConfig[],
  ask: (server: ServerConfig) => Promise<Result<T, CidxFailure>>,
): Promise<ServerAnswer<T>[]> {
  const answers = await askEachServer(servers, ask);
  const failed = answers.flatMap(({ server, answer }) =>
    answer.ok ? [] : [{ server, failure: answer.error }],
  );
  const first = failed[0];
  if (first && failed.length === answers.length) throw CliError.from(first.failure, first.server.name);
  for (const { server, failure } of failed) ctx.warn(`${server.name}: ${failure.message}`);
  return answers.flatMap(({ server, answer }) => (answer.ok ? [{ server, value: answer.value }] : []));
}
