/**
 * `@shimkit/testkit/xen` — an ABI-faithful Xen host for tests, examples and bare-engine runs
 * (Node only; never part of a guest bundle), and the real TSC it runs on.
 */

export { type MidReadMode, XenHostSimulator, type XenSimulatorOptions, xenTimeScale } from './host-simulator.js';
export type { SimulatedXenHost } from './host.js';
export { createRealTsc, realCpuRng, type TscSource } from '../tsc-source.js';
