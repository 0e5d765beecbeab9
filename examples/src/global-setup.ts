/**
 * vitest global setup of the `examples` project: packs and installs the consumer project once,
 * before any test file runs (the files then only read it).
 */
import { prepareConsumer } from './consumer.js';

export default function setup(): void {
  const t0 = Date.now();
  prepareConsumer((line) => console.log(line));
  console.log(`examples: consumer ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
