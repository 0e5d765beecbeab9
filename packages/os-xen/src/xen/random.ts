/**
 * `Random` on Xen: absent. Xen gives a guest no OS random source (there is no hypercall for
 * one), so the contract's optional `Random` is left out; entropy comes from RDSEED/RDRAND
 * (`./cpu.ts`) and timing jitter of the main loop (`./main.ts`), gathered by `@shimkit/entropy`.
 */

/** There is no `os.random` on Xen. */
export const random = undefined;
