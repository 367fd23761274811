// `npm start` / `npm run demo`. Until the desktop shell lands, this runs the terminal watcher:
// configured servers, or the built-in demo server when none is configured (or with --demo).
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/start.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
child.on('exit', (code) => process.exit(code ?? 1));
