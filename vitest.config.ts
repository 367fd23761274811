import { defineConfig } from 'vitest/config';

/** Two projects: fast pure units, and integration tests that talk to a real HTTP server. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['main/**/*.test.ts', 'test/unit/**/*.test.ts'],
          setupFiles: ['test/support/no-network.ts'],
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
    ],
  },
});
