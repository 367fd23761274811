import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Projects: fast pure units, integration tests that talk to a real HTTP server, and the
 * renderer's component tests (happy-dom, Testing Library, a fake bridge).
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
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/support/setup.tsx'],
        },
      },
    ],
  },
});
