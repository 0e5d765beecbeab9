// See cpu_rng.h: the RDRAND/RDSEED mechanism; the policy is packages/os-shim/src/cpu-rng.ts.
#include "cpu_rng.h"

#include <mutex>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#define SHIMKIT_X86 1
#endif

namespace shimkit {

#if SHIMKIT_X86
__attribute__((target("rdrnd"))) static int rdrand_step(uint64_t* out) {
  unsigned long long v;
  int ok = _rdrand64_step(&v);
  *out = v;
  return ok;
}

__attribute__((target("rdseed"))) static int rdseed_step(uint64_t* out) {
  unsigned long long v;
  int ok = _rdseed64_step(&v);
  *out = v;
  return ok;
}

static bool draw(int (*step)(uint64_t*), int tries, bool pause, uint64_t* out) {
  for (int i = 0; i < tries; i++) {
    uint64_t v = 0;
    if (step(&v)) {
      *out = v;
      return true;
    }
    if (pause) _mm_pause();
  }
  return false;
}

bool rdrand64(int tries, uint64_t* out) { return draw(rdrand_step, tries, false, out); }
bool rdseed64(int tries, uint64_t* out) { return draw(rdseed_step, tries, true, out); }

bool cpuid_leaf(uint32_t leaf, uint32_t subleaf, uint32_t out[4]) {
  out[0] = out[1] = out[2] = out[3] = 0;
  unsigned max = __get_cpuid_max(leaf & 0x80000000u, nullptr);
  if (max == 0 || leaf > max) return false;
  unsigned a = 0, b = 0, c = 0, d = 0;
  __cpuid_count(leaf, subleaf, a, b, c, d);
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
  return true;
}

static CpuRngCpuid detect() {
  CpuRngCpuid f{false, false};
  uint32_t r[4];
  if (cpuid_leaf(1, 0, r)) f.rdrand = (r[2] & (1u << 30)) != 0;
  if (cpuid_leaf(7, 0, r)) f.rdseed = (r[1] & (1u << 18)) != 0;
  return f;
}
#else
bool rdrand64(int, uint64_t*) { return false; }
bool rdseed64(int, uint64_t*) { return false; }
bool cpuid_leaf(uint32_t, uint32_t, uint32_t out[4]) {
  out[0] = out[1] = out[2] = out[3] = 0;
  return false;
}
static CpuRngCpuid detect() { return CpuRngCpuid{false, false}; }
#endif

const CpuRngCpuid& cpu_rng_cpuid() {
  static std::once_flag once;
  static CpuRngCpuid features;
  std::call_once(once, [] { features = detect(); });
  return features;
}

}  // namespace shimkit
