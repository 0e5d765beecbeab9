// RDRAND / RDSEED: CPUID detection, carry-flag checked draws with a retry limit, and the start-up
// self-test that rejects parts returning the all-ones failure value (some AMD families after
// suspend/resume). On other architectures both are reported absent.
#pragma once
#include <stdint.h>

namespace shimkit {

enum class RngStatus { kOk = 0, kNoCarry = 1, kAllOnes = 2 };

// Retries of a clear carry flag before a draw is reported as failed.
constexpr int kRdrandRetries = 10;   // Intel DRNG guide, section 5.2.1
constexpr int kRdseedRetries = 100;  // RDSEED may run dry under load; back off with PAUSE

struct CpuRngFeatures {
  bool rdrand_cpuid;     // CPUID.01H:ECX.RDRAND[bit 30]
  bool rdseed_cpuid;     // CPUID.(EAX=07H,ECX=0H):EBX.RDSEED[bit 18]
  bool rdrand_ok;        // advertised and passed the self-test
  bool rdseed_ok;
  const char* rdrand_self_test;  // "pass", "absent", or why it failed
  const char* rdseed_self_test;
};

// Detects the instructions and runs the self-test once per process (thread-safe).
const CpuRngFeatures& cpu_rng_features();

RngStatus rdrand64(uint64_t* out);
RngStatus rdseed64(uint64_t* out);

}  // namespace shimkit
