/**
 * Secrets never go on the command line (where `ps` and shell history would show them): they come
 * from an environment variable, from standard input, or from a hidden prompt.
 */
import password from '@inquirer/password';
import { CliError } from './cli-error';
import type { CliIo } from './io';

export interface SecretSource {
  /** Environment variable consulted first, e.g. CIDX_PASSWORD. */
  envName: string;
  /** Read the whole of standard input (piped), e.g. --password-stdin. */
  fromStdin: boolean;
  /** The option that reads it from standard input, named when the secret is missing. */
  stdinOption: '--api-key-stdin' | '--password-stdin';
  /** What the prompt asks for. */
  label: string;
}

async function readAll(stream: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readSecret(io: CliIo, source: SecretSource): Promise<string> {
  let value: string | undefined;
  if (source.fromStdin) {
    // One secret per run: the first line, without its line ending.
    value = (await readAll(io.stdin)).split(/\r?\n/)[0];
  } else if (io.env[source.envName]) {
    value = io.env[source.envName];
  } else if (io.stdin.isTTY) {
    value = await password(
      { message: `${source.label}:`, mask: true },
      { input: io.stdin, output: io.stderr },
    );
  } else {
    throw CliError.usage(
      `${source.label} needed: set ${source.envName}, pipe it in with ${source.stdinOption}, or run in a terminal to be asked.`,
    );
  }
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') throw CliError.usage(`${source.label} is empty.`);
  return trimmed;
}
