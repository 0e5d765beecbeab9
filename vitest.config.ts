/**
 * The test matrix: one vitest project per backend (plus the shared packages). CI runs each
 * project as one matrix cell (`npx vitest run --project <name>`); package `test` scripts run
 * their own projects through this file, so there is one definition of each.
 */
import { fileURLToPath } from 'node:url';
import { viteAlias } from '@shimkit/os-shim/alias';
import { defineConfig } from 'vitest/config';

/** Absolute, so package scripts (run from the package directory) resolve the same roots. */
const pkg = (name: string): string => fileURLToPath(new URL(`./packages/${name}`, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'os-shim',
          root: pkg('os-shim'),
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'unix-native',
          root: pkg('os-unix'),
          include: ['src/**/*.test.ts'],
          env: { SHIMKIT_NO_ADDON: '' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'unix-fallback',
          root: pkg('os-unix'),
          include: ['src/**/*.test.ts'],
          env: { SHIMKIT_NO_ADDON: '1' },
          testTimeout: 30_000,
        },
      },
      {
        // The entropy library, linked to the unix backend the way a user's bundler links it.
        resolve: { alias: viteAlias('unix') },
        test: {
          name: 'entropy',
          root: pkg('entropy'),
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'os-unikernel',
          root: pkg('os-unikernel'),
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'xen',
          root: pkg('os-xen'),
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'solo5',
          root: pkg('os-solo5'),
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The WASI component (ComponentizeJS + the WASI backend) run in jco's preview2-shim host.
        test: {
          name: 'wasi',
          root: pkg('wasi-component'),
          include: ['src/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'examples',
          root: fileURLToPath(new URL('./examples', import.meta.url)),
          include: ['src/**/*.test.ts'],
          globalSetup: ['./src/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        // Function executors: the model, builtins, our WASI host and the wasm executor (real C and WAT modules).
        resolve: { alias: viteAlias('unix') },
        test: {
          name: 'executors',
          root: pkg('executors'),
          include: ['src/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The Web backend under Node (Web Crypto + High Resolution Time); the real runtimes follow.
        test: {
          name: 'os-web',
          root: pkg('os-web'),
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      // os-web inside the real runtimes (packages/web-runtimes): one project per runtime.
      ...(['chromium', 'deno', 'bun', 'workerd'] as const).map((runtime) => ({
        test: {
          name: `web-${runtime}`,
          root: pkg('web-runtimes'),
          include: [`src/${runtime}.test.ts`],
          globalSetup: ['./src/host/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      })),
    ],
  },
});
