// The CPU cycle counter: RDTSC on x86-64, CNTVCT_EL0 on aarch64, CLOCK_MONOTONIC elsewhere.
// Free-running, not a clock: only its low bits are used, as timing jitter for entropy.
#pragma once
#include <stdint.h>

#if defined(__x86_64__) || defined(_M_X64)
#include <x86intrin.h>
#define SHIMKIT_CYCLE_SOURCE "rdtsc"
static inline uint64_t shimkit_cycles(void) { return __rdtsc(); }
#elif defined(__aarch64__)
#define SHIMKIT_CYCLE_SOURCE "cntvct_el0"
static inline uint64_t shimkit_cycles(void) {
  uint64_t v;
  __asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
  return v;
}
#else
#include <time.h>
#define SHIMKIT_CYCLE_SOURCE "clock_gettime"
static inline uint64_t shimkit_cycles(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif
