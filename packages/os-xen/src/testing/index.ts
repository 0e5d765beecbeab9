/**
 * `@shimkit/os-xen/testing` — ABI-faithful Xen host simulation for tests, examples and
 * bare-engine runs (Node only; never part of a guest bundle).
 */

export { XenHostSimulator, xenTimeScale, type MidReadMode, type XenSimulatorOptions } from './xen-host-simulator.js';
export { createRealTsc, realCpuRng, type TscSource } from '@shimkit/os-unikernel/testing/tsc-source';
