// RDRAND / RDSEED: the mechanism only. CPUID detection, CPUID itself (for the vendor check),
// and carry-flag-checked draws whose retry counts the JavaScript side hands in at load
// (`configureCpuRng`, from CPU_RNG_POLICY in @shimkit/os-shim/cpu-rng). The policy — the retry
// counts, the all-ones failure value, Linux's start-up self-test and the AMD family exclusion —
// is defined once, in packages/os-shim/src/cpu-rng.ts, and applied in src/native/cpu.ts, so the
// addon and the unikernel backends cannot disagree. On other architectures everything is absent.
#pragma once
#include <stdint.h>

namespace shimkit {

struct CpuRngCpuid {
  bool rdrand;  // CPUID.01H:ECX.RDRAND[bit 30]
  bool rdseed;  // CPUID.(EAX=07H,ECX=0H):EBX.RDSEED[bit 18]
};

// The CPUID bits, read once per process (thread-safe).
const CpuRngCpuid& cpu_rng_cpuid();

// CPUID leaf `leaf`, subleaf `subleaf` into out[0..3] = eax, ebx, ecx, edx. False when the
// processor has no such leaf or is not x86-64 (out is then zeroed).
bool cpuid_leaf(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

// One draw: executes the instruction until the carry flag is set, at most `tries` times
// (RDSEED: PAUSE after each clear carry). True with the register in *out, false if the carry
// never got set. The value is returned as is: the all-ones check is the caller's (policy).
bool rdrand64(int tries, uint64_t* out);
bool rdseed64(int tries, uint64_t* out);

}  // namespace shimkit
