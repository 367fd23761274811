/**
 * Browser mode from a command line: `npm run web` (start.ts, configured servers) and
 * `npm run demo:web` (scripts/demo/web-demo.ts, which brings the demo server and its settings
 * folder). Prints the address with its token; Ctrl+C stops polling and the server.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolveConfigDir } from '../core/config';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { HOST_USAGE, parseHostArgs } from './host-args';

const ICON = fileURLToPath(new URL('../../assets/app/icon.png', import.meta.url));

export interface HostRun {
  /** Said before the address (the demo says which server it watches). */
  banner?: string;
  /** Runs once browser mode has stopped (the demo closes its server and folder). */
  onStopped?(): Promise<void>;
}

/** Runs browser mode until Ctrl+C or Quit; resolves with the process's exit code. */
export async function runBrowserHost(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  run: HostRun = {},
): Promise<number> {
  const args = parseHostArgs(argv);
  if ('error' in args) {
    console.error(`cidx-tray web: ${args.error}\n\n${HOST_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(HOST_USAGE);
    return 0;
  }

  if (run.banner) console.log(run.banner);

  let mode: BrowserMode | undefined;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = async (code: number): Promise<void> => {
    await mode?.stop();
    await run.onStopped?.();
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
    await run.onStopped?.();
    return 1;
  }
  if (mode.core.snapshot().servers.length === 0)
    console.log('No CIDX server is configured yet: add one in the window, or try npm run demo:web.');
  console.log(`CIDX Tray (browser mode): ${mode.pageUrl}`);
  console.log('Open that address in a browser on this machine. Ctrl+C stops.');
  return finished;
}
