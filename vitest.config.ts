/**
 * The test matrix: one vitest project per backend (plus the shared packages). CI runs each
 * project as one matrix cell (`npx vitest run --project <name>`); package `test` scripts run
 * their own projects through this file, so there is one definition of each.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'os-shim',
          root: 'packages/os-shim',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'unix-native',
          root: 'packages/os-unix',
          include: ['src/**/*.test.ts'],
          env: { SHIMKIT_NO_ADDON: '' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'unix-fallback',
          root: 'packages/os-unix',
          include: ['src/**/*.test.ts'],
          env: { SHIMKIT_NO_ADDON: '1' },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
