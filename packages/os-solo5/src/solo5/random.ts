/**
 * `Random` on Solo5: absent. `solo5.h` has no random source, so the contract's optional
 * `Random` is left out; entropy comes from RDSEED/RDRAND (`./cpu.ts`) and timing jitter of the
 * main loop (`./main.ts`), gathered by `@shimkit/entropy`.
 */

/** There is no `os.random` on Solo5. */
export const random = undefined;
