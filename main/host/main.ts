/**
 * `npm run web` (configured servers) and `npm run demo:web` (the built-in demo server): CIDX
 * Tray in a browser. Prints the address with its token; Ctrl+C stops polling and the server.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolveConfigDir } from '../core/config';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { HOST_USAGE, parseHostArgs } from './host-args';
import type { DemoWorld } from './demo';

const ICON = fileURLToPath(new URL('../../assets/app/icon.png', import.meta.url));

async function main(argv: string[]): Promise<number> {
  const args = parseHostArgs(argv);
  if ('error' in args) {
    console.error(`cidx-tray web: ${args.error}\n\n${HOST_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(HOST_USAGE);
    return 0;
  }

  let demo: DemoWorld | undefined;
  let env = process.env;
  if (args.demo) {
    // Dynamic: the double is a test tool, loaded only when a demo is asked for.
    const { startDemoWorld } = await import('./demo');
    demo = await startDemoWorld();
    env = { ...process.env, ...demo.env };
    console.log(`Demo mode: watching the built-in demo CIDX server at ${demo.serverUrl}.`);
  }

  let mode: BrowserMode | undefined;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = async (code: number): Promise<void> => {
    await mode?.stop();
    await demo?.close();
    finish(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // 128 + the signal's number, as shells report it.
    process.once(signal, () => void stop(128 + constants.signals[signal]));
  }

  try {
    mode = await startBrowserMode({
      configDir: resolveConfigDir({ env }),
      env,
      port: args.port,
      rendererDir: args.rendererDir,
      iconPath: existsSync(ICON) ? ICON : undefined,
      onQuit: () => void stop(0),
    });
  } catch (error) {
    console.error(`cidx-tray web: ${error instanceof Error ? error.message : String(error)}`);
    await demo?.close();
    return 1;
  }
  if (mode.core.snapshot().servers.length === 0)
    console.log('No CIDX server is configured yet: add one in the window, or try npm run demo:web.');
  console.log(`CIDX Tray (browser mode): ${mode.pageUrl}`);
  console.log('Open that address in a browser on this machine. Ctrl+C stops.');
  return finished;
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Sockets in keep-alive must not hold the terminal once everything has stopped.
setTimeout(() => process.exit(code), 100).unref();
