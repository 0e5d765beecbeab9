/**
 * `@shimkit/testkit/solo5` — a Solo5 host (tender) on real clocks for tests, examples and
 * bare-engine runs (Node only; never part of a unikernel bundle), and the real TSC it runs on.
 */

export { Solo5HostSimulator, type Solo5SimulatorOptions } from './host-simulator.js';
export type { SimulatedSolo5Host } from './host.js';
export { createRealTsc, realCpuRng, type TscSource } from '../tsc-source.js';
