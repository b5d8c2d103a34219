import { defineConfig } from 'vitest/config';

/**
 * Two projects: `node` for everything that runs in the kiosk service, devices and central office; `jsdom` for the
 * renderer's component tests. End-to-end tests in Chromium are Playwright's (test/e2e), not Vitest's.
 */
export default defineConfig({
  test: {
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the CPUs: a single worker on the 2-CPU machines here. Many files wait
    // on processes, ptys and sockets rather than the CPU, so two run side by side.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['{common,catalog,kiosk,central-office,devices,state-machines,printer-templates,cli,electron,test,bench}/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/e2e/**'],
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-setup.ts'],
        },
      },
    ],
  },
});
