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

static RngStatus draw(int (*step)(uint64_t*), int retries, bool pause, uint64_t* out) {
  for (int i = 0; i < retries; i++) {
    uint64_t v = 0;
    if (step(&v)) {
      if (v == UINT64_MAX) return RngStatus::kAllOnes;
      *out = v;
      return RngStatus::kOk;
    }
    if (pause) _mm_pause();
  }
  return RngStatus::kNoCarry;
}

RngStatus rdrand64(uint64_t* out) { return draw(rdrand_step, kRdrandRetries, false, out); }
RngStatus rdseed64(uint64_t* out) { return draw(rdseed_step, kRdseedRetries, true, out); }

// Eight draws: every one must succeed, none may be all-ones, and they may not all be equal.
static const char* self_test(RngStatus (*fn)(uint64_t*)) {
  uint64_t first = 0;
  bool all_same = true;
  for (int i = 0; i < 8; i++) {
    uint64_t v = 0;
    RngStatus s = fn(&v);
    if (s == RngStatus::kAllOnes) return "fail: all-ones value";
    if (s == RngStatus::kNoCarry) return "fail: carry flag clear after retries";
    if (i == 0) first = v;
    else if (v != first) all_same = false;
  }
  return all_same ? "fail: eight identical values" : "pass";
}

static CpuRngFeatures detect() {
  CpuRngFeatures f{false, false, false, false, "absent", "absent"};
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d)) f.rdrand_cpuid = (c & (1u << 30)) != 0;
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    f.rdseed_cpuid = (b & (1u << 18)) != 0;
  }
  if (f.rdrand_cpuid) {
    f.rdrand_self_test = self_test(rdrand64);
    f.rdrand_ok = f.rdrand_self_test[0] == 'p';
  }
  if (f.rdseed_cpuid) {
    f.rdseed_self_test = self_test(rdseed64);
    f.rdseed_ok = f.rdseed_self_test[0] == 'p';
  }
  return f;
}
#else
RngStatus rdrand64(uint64_t*) { return RngStatus::kNoCarry; }
RngStatus rdseed64(uint64_t*) { return RngStatus::kNoCarry; }
static CpuRngFeatures detect() { return CpuRngFeatures{false, false, false, false, "absent", "absent"}; }
#endif

const CpuRngFeatures& cpu_rng_features() {
  static std::once_flag once;
  static CpuRngFeatures features;
  std::call_once(once, [] { features = detect(); });
  return features;
}

}  // namespace shimkit
