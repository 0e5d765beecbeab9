import { ensureBundles } from './bundles.js';

/** vitest global setup of the web-* projects: the bundles exist and are current. */
export default function setup(): void {
  ensureBundles();
}
