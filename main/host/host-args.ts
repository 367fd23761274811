/** The command line of `npm run web` / `npm run demo:web`. */
export interface HostArgs {
  port: number;
  rendererDir?: string;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run web -- [--port <n>] [--renderer-dir <dir>]
       npm run demo:web

Serves the CIDX Tray window to a browser on this machine (127.0.0.1 only) and prints the
address to open; the address carries a one-time access token.

  --port <n>            listen on this port (default: any free port)
  --renderer-dir <dir>  serve the window from here (default: out/renderer, made by npm run build)`;

export function parseHostArgs(argv: readonly string[]): HostArgs | { error: string } {
  const args: HostArgs = { port: 0, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === '--help' || name === '-h') args.help = true;
    else if (name === '--port') {
      const text = value();
      const port = Number(text);
      if (!text || !Number.isInteger(port) || port < 0 || port > 65535)
        return { error: `--port needs a number from 0 to 65535, not "${text ?? ''}"` };
      args.port = port;
    } else if (name === '--renderer-dir') {
      const dir = value();
      if (!dir) return { error: '--renderer-dir needs a folder' };
      args.rendererDir = dir;
    } else return { error: `unknown option "${arg}"` };
  }
  return args;
}
