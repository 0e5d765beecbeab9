/**
 * `@shimkit/os-solo5/testing` — a Solo5 host (tender) on real clocks for tests, examples and
 * bare-engine runs (Node only; never part of a unikernel bundle).
 */

export { Solo5HostSimulator, type Solo5SimulatorOptions } from './solo5-host-simulator.js';
export { createRealTsc, realCpuRng, type TscSource } from '@shimkit/os-unikernel/testing/tsc-source';
