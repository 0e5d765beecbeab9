import { describeConformance } from '@shimkit/os-shim/conformance';
import { os } from './index.js';

// os-web under Node (which has Web Crypto and High Resolution Time). The same suite runs inside
// Chromium (page and worker), Deno, Bun and workerd in packages/web-runtimes.
describeConformance({
  os,
  nextIteration: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  expectRandom: true,
  expectRdrand: false,
  expectAes256Ctr: false,
  expectChacha20: false,
});
