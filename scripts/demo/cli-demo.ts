/**
 * `npm run demo:cli`: the terminal watcher on the built-in demo CIDX server (the project's
 * double, on 127.0.0.1), in a throw-away settings folder so the person's own configuration is
 * never touched. Without `--demo` it watches the configured servers, or the demo when none is.
 */
import { println, processIo, type CliIo } from '../../main/cli/io';
import { runCli } from '../../main/cli/run-cli';
import { demoWanted, startDemoWorld } from './demo-world';

async function watchDemo(io: CliIo): Promise<number> {
  const demo = await startDemoWorld();
  try {
    println(io.stdout, `Watching the built-in demo CIDX server at ${demo.serverUrl}.`);
    println(
      io.stdout,
      'Add your own with: npm run cidx-jobs -- server add <name> <url>   (Ctrl+C to quit)\n',
    );
    // The demo's server shows every user's jobs (showAllUsers), as a team lead would see them.
    return await runCli(['watch', '--follow'], { ...io, env: { ...io.env, ...demo.env } });
  } finally {
    await demo.close();
  }
}

const io = processIo();
const demo = await demoWanted(process.argv, io.env);
const code = demo ? await watchDemo(io) : await runCli(['watch', '--follow'], io);
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
