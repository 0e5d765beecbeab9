/**
 * The RDRAND / RDSEED policy: the one definition every backend applies to the CPU's random-number
 * instructions — os-unix's addon (the retry counts are handed to `native/cpu_rng.cc` at load, the
 * rest runs here), and the unikernel backends (`@shimkit/os-unikernel/cpu`, over the host's
 * single-instruction wrappers). Pure ECMAScript: it runs in a bare engine.
 *
 * The rules, each with where it comes from:
 *
 * 1. **Retries.** A draw executes RDRAND until the carry flag is set, at most
 *    `rdrandRetries` = 10 times (Intel, *Digital Random Number Generator Software Implementation
 *    Guide* §5.2.1; the same limit as Linux's `RDRAND_RETRY_LOOPS` in
 *    `arch/x86/include/asm/archrandom.h` and rust getrandom's `RETRY_LIMIT` in
 *    `src/backends/rdrand.rs`). RDSEED may run dry under load, and the guide (§5.3.1) asks to
 *    retry it with a PAUSE between tries: at most `rdseedRetries` = 100 tries, PAUSE after each
 *    clear carry (the addon executes `_mm_pause`; a unikernel host's `rdseed` wrapper does).
 *    A draw that never sees the carry set fails with `'no-carry'`.
 * 2. **The all-ones value.** A value of 2^64 − 1 with the carry set is the failure value of
 *    AMD parts whose RNG stopped after suspend/resume (the bug behind rust getrandom's and
 *    Linux's AMD checks, Red Hat bugzilla 1150286): it is reported as the failure `'all-ones'`,
 *    never as a value, and ends the draw. A host glue that hands the register over as a signed
 *    64-bit integer (BigInt64 glue gives `-1n`) is read the same way (`decodeCpuRngValue`).
 * 3. **The start-up self-test**, as Linux's `x86_init_rdrand()` (`arch/x86/kernel/cpu/rdrand.c`)
 *    does it: `selfTestSamples` = 8 draws; the instruction is disabled if any draw fails, or if
 *    fewer than `selfTestMinChanges` = 5 of the 7 consecutive pairs differ (a stuck or repeating
 *    generator). Linux then clears RDSEED too: so does this policy (`'rdrand-failed'`). The same
 *    test is run on RDSEED on its own (Linux does not test RDSEED separately; we do, since we
 *    use it directly).
 * 4. **The AMD exclusion.** On AMD processors of families before 17h (Zen), RDRAND may fail to
 *    clear the carry flag after suspend/resume and return all-ones; rust getrandom
 *    (`src/backends/rdrand.rs`, `is_rdrand_good`: vendor `AuthenticAMD`, family = base family,
 *    plus the extended family when the base is 0xF, below 0x17 → not used) and Linux
 *    (`arch/x86/kernel/cpu/amd.c`, `clear_rdrand_cpuid_bit` for families 15h and 16h) do not
 *    use it there. Neither do we, for RDRAND and RDSEED alike (`'amd-family-before-17h'`).
 *
 * The result of the start-up checks of one instruction is a `CpuRngSelfTest`, reported by every
 * backend's `status()` as a `CpuRngStatus`.
 */

import type { CpuRngResult } from './contract.js';
import { ShimkitRangeError } from './errors.js';

/** The numbers of the policy (see the module comment for where each comes from). */
export const CPU_RNG_POLICY = Object.freeze({
  /** Tries of RDRAND per draw before `'no-carry'`. */
  rdrandRetries: 10,
  /** Tries of RDSEED per draw (PAUSE after each failed one) before `'no-carry'`. */
  rdseedRetries: 100,
  /** Draws of the start-up self-test. */
  selfTestSamples: 8,
  /** Consecutive pairs of self-test draws that must differ (of `selfTestSamples - 1`). */
  selfTestMinChanges: 5,
  /** The first AMD family whose RDRAND/RDSEED are used (17h, Zen). */
  amdFirstFamily: 0x17,
} as const);

/** The failure value of the all-ones rule: 2^64 − 1. */
export const CPU_RNG_ALL_ONES = 0xffff_ffff_ffff_ffffn;

/**
 * Why RDRAND or RDSEED is, or is not, offered by a backend's `Cpu`: the outcome of the start-up
 * checks. One type for every backend.
 *
 * - `'pass'`: advertised by CPUID, not excluded, and the self-test passed; the instruction is in `Cpu`.
 * - `'not-advertised'`: CPUID does not advertise it (or the host does not offer it).
 * - `'unreachable'`: this path cannot execute CPU instructions (os-unix without its addon, a
 *   WebAssembly guest).
 * - `'amd-family-before-17h'`: rule 4.
 * - `'no-carry'`, `'all-ones'`: a self-test draw failed so (rules 1 and 2).
 * - `'too-few-changes'`: fewer than 5 of the 7 consecutive pairs of self-test draws differed (rule 3).
 * - `'rdrand-failed'`: RDSEED is disabled because RDRAND failed its self-test (rule 3).
 */
export type CpuRngSelfTest =
  | 'pass'
  | 'not-advertised'
  | 'unreachable'
  | 'amd-family-before-17h'
  | 'no-carry'
  | 'all-ones'
  | 'too-few-changes'
  | 'rdrand-failed';

/** One instruction in a backend's `status()`: whether `Cpu` offers it, and why. */
export interface CpuRngStatus {
  /** True exactly when `selfTest` is `'pass'` and `os.cpu.rdrand` (`rdseed`) is present. */
  readonly available: boolean;
  readonly selfTest: CpuRngSelfTest;
}

/** The four registers of one CPUID leaf, `[eax, ebx, ecx, edx]`, each a uint32. */
export type CpuidRegisters = readonly [number, number, number, number];

/** Reads one CPUID leaf (`leaf` in EAX, `subleaf` in ECX). */
export type Cpuid = (leaf: number, subleaf: number) => CpuidRegisters;

const NO_CARRY: CpuRngResult = Object.freeze({ ok: false, reason: 'no-carry' });
const ALL_ONES: CpuRngResult = Object.freeze({ ok: false, reason: 'all-ones' });
const INT64_MIN = -(1n << 63n);
const TWO_TO_64 = 1n << 64n;

/**
 * Reads the destination register of one RDRAND/RDSEED execution that set the carry flag, as a
 * host handed it over: an unsigned 64-bit value in [0, 2^64), or the same bits as a signed
 * 64-bit value in [−2^63, 0) (BigInt64 glue). All-ones (2^64 − 1, or `-1n`) is the failure
 * `'all-ones'` (rule 2); any other value is returned unsigned.
 *
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` when `raw` is not a 64-bit value in either form
 *   (a broken host glue: masking it would invent a value).
 * @example
 * decodeCpuRngValue(5n);   // { ok: true, value: 5n }
 * decodeCpuRngValue(-1n);  // { ok: false, reason: 'all-ones' }
 */
export function decodeCpuRngValue(raw: bigint): CpuRngResult {
  if (raw < INT64_MIN || raw > CPU_RNG_ALL_ONES) {
    throw new ShimkitRangeError(`a CPU RNG register must be a 64-bit value (unsigned or signed), got ${raw}`);
  }
  // Not BigInt.asUintN(64, raw): QuickJS (quickjs-emscripten 0.32, the unikernel test engine)
  // returns a negative input unchanged from it, and a signed register would then pass as a value.
  const value = raw < 0n ? raw + TWO_TO_64 : raw;
  return value === CPU_RNG_ALL_ONES ? ALL_ONES : { ok: true, value };
}

/**
 * One contract-level draw over a single-instruction `step` (the register, or `null` when the
 * carry flag was clear): up to `retries` executions (rule 1), all-ones a failure (rule 2).
 *
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` from `decodeCpuRngValue` for a value outside 64 bits.
 * @example
 * drawWithRetries(host.rdrand, CPU_RNG_POLICY.rdrandRetries); // { ok: true, value } | { ok: false, reason }
 */
export function drawWithRetries(step: () => bigint | null, retries: number): CpuRngResult {
  for (let i = 0; i < retries; i++) {
    const raw = step();
    if (raw !== null) return decodeCpuRngValue(raw);
  }
  return NO_CARRY;
}

/**
 * Rule 3: Linux's start-up self-test over `draw`: 8 draws, each must succeed, and at least 5 of
 * the 7 consecutive pairs must differ. Returns `'pass'` or why it failed.
 *
 * @example
 * runCpuRngSelfTest(() => ({ ok: true, value: 7n })); // 'too-few-changes'
 */
export function runCpuRngSelfTest(draw: () => CpuRngResult): CpuRngSelfTest {
  let changed = 0;
  let prev = 0n;
  for (let i = 0; i < CPU_RNG_POLICY.selfTestSamples; i++) {
    const r = draw();
    if (!r.ok) return r.reason;
    if (i > 0 && r.value !== prev) changed++;
    prev = r.value;
  }
  return changed < CPU_RNG_POLICY.selfTestMinChanges ? 'too-few-changes' : 'pass';
}

/** The x86 display family of CPUID leaf 1's EAX: the base family, plus the extended family when the base is 0xF. */
export function x86Family(leaf1Eax: number): number {
  const base = (leaf1Eax >>> 8) & 0xf;
  return base === 0xf ? base + ((leaf1Eax >>> 20) & 0xff) : base;
}

/** The vendor string of CPUID leaf 0 (EBX, EDX, ECX as little-endian ASCII): `GenuineIntel`, `AuthenticAMD`, … */
export function x86Vendor(leaf0: CpuidRegisters): string {
  let out = '';
  for (const reg of [leaf0[1], leaf0[3], leaf0[2]]) {
    for (let shift = 0; shift < 32; shift += 8) out += String.fromCharCode((reg >>> shift) & 0xff);
  }
  return out;
}

/** Rule 4: true when `cpuid` describes an AMD processor of a family before 17h. */
export function isExcludedAmd(cpuid: Cpuid): boolean {
  const leaf0 = cpuid(0, 0);
  if (x86Vendor(leaf0) !== 'AuthenticAMD' || leaf0[0] < 1) return false;
  return x86Family(cpuid(1, 0)[0]) < CPU_RNG_POLICY.amdFirstFamily;
}

/** What the start-up checks need. */
export interface CpuRngProbe {
  /** CPUID of the processor the instructions run on (for rule 4). */
  readonly cpuid: Cpuid;
  /** One RDRAND draw (retries done), when CPUID advertises RDRAND. */
  readonly rdrand?: (() => CpuRngResult) | undefined;
  /** One RDSEED draw (retries done), when CPUID advertises RDSEED. */
  readonly rdseed?: (() => CpuRngResult) | undefined;
}

/**
 * The start-up checks of both instructions, rules 3 and 4 (rules 1 and 2 are in the draws):
 * the AMD exclusion first (no instruction is executed on an excluded part), then the self-test
 * of RDRAND, then of RDSEED (disabled as well when RDRAND failed). Draws made here are discarded.
 *
 * @example
 * const verdict = checkCpuRng({ cpuid, rdrand, rdseed });
 * if (verdict.rdrand === 'pass') cpu.rdrand = rdrand;
 */
export function checkCpuRng(probe: CpuRngProbe): { readonly rdrand: CpuRngSelfTest; readonly rdseed: CpuRngSelfTest } {
  const { rdrand, rdseed } = probe;
  if ((rdrand || rdseed) && isExcludedAmd(probe.cpuid)) {
    return { rdrand: rdrand ? 'amd-family-before-17h' : 'not-advertised', rdseed: rdseed ? 'amd-family-before-17h' : 'not-advertised' };
  }
  const rdrandTest: CpuRngSelfTest = rdrand ? runCpuRngSelfTest(rdrand) : 'not-advertised';
  let rdseedTest: CpuRngSelfTest = 'not-advertised';
  if (rdseed) rdseedTest = rdrand && rdrandTest !== 'pass' ? 'rdrand-failed' : runCpuRngSelfTest(rdseed);
  return { rdrand: rdrandTest, rdseed: rdseedTest };
}
