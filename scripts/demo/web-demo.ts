/**
 * `npm run demo:web`: browser mode against the built-in demo CIDX server, in a throw-away
 * settings folder (the person's own configuration is never touched).
 */
import { runBrowserHost } from '../../main/host/main';
import { startDemoWorld } from './demo-world';

const demo = await startDemoWorld();
const code = await runBrowserHost(process.argv.slice(2), { ...process.env, ...demo.env }, {
  banner: `Demo mode: watching the built-in demo CIDX server at ${demo.serverUrl}.`,
  onStopped: () => demo.close(),
});
process.exitCode = code;
// Sockets in keep-alive must not hold the terminal once everything has stopped.
setTimeout(() => process.exit(code), 100).unref();
