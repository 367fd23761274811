import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Projects: fast pure units, integration tests that talk to a real HTTP server, the
 * renderer's component tests (happy-dom, Testing Library, a fake bridge), end-to-end tests
 * in real Chromium against browser mode and the CIDX double, and fault tests (the host killed
 * at random moments, real banners through dunst).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['main/**/*.test.ts', 'test/unit/**/*.test.ts'],
          setupFiles: ['test/support/no-network.ts'],
          // electron-store imports `electron`; inlined, it sees the tests' vi.mock of it.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'faults',
          environment: 'node',
          // The host as a child process killed with SIGKILL 20 times (about 90 s of the 2 cores).
          include: ['test/faults/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/support/setup.tsx'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Builds the real renderer once into a temp folder; the tests inject its path.
          globalSetup: ['test/e2e/support/global-setup.ts'],
          testTimeout: 45_000,
          hookTimeout: 60_000,
          // One Chromium at a time: a browser per file in parallel is too heavy for 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
