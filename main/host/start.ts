/** `npm run web`: browser mode for the configured servers (main.ts does the work). */
import { runBrowserHost } from './main';

const code = await runBrowserHost(process.argv.slice(2), process.env);
process.exitCode = code;
// Sockets in keep-alive must not hold the terminal once everything has stopped.
setTimeout(() => process.exit(code), 100).unref();
