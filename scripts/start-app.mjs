// `npm start` (and `npm run demo` = --demo): builds the app (about a second), then opens it —
// the Electron tray app, or browser mode where Electron cannot run. The launch logic is
// TypeScript on the core (scripts/app-launch.ts), loaded through tsx in this same process so
// Ctrl+C reaches one launcher that stops everything it started.
// --no-build skips the build (tests that already built, or a quick relaunch).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed (see above), so the app was not started.');
    process.exit(build.status ?? 1);
  }
}

register();
await import('./app-launch.ts');
