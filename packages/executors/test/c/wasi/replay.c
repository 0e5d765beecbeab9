// Prints 32 random bytes (random_get), the realtime and monotonic clocks, and a poll_oneoff sleep's
// effect: with a seeded generator and a fixed clock its output is the same on every run.
#include <stdio.h>
#include <time.h>
#include <wasi/api.h>
int main(void) {
  unsigned char buf[32];
  if (__wasi_random_get(buf, sizeof buf) != 0) return 1;
  for (unsigned i = 0; i < sizeof buf; i++) printf("%02x", buf[i]);
  printf("\n");
  __wasi_timestamp_t rt = 0, mono = 0, cpu = 0;
  __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &rt);
  __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &mono);
  __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &cpu);
  printf("realtime=%llu monotonic=%llu cputime=%llu\n", (unsigned long long)rt, (unsigned long long)mono, (unsigned long long)cpu);
  struct timespec ts = {0, 1000000};
  nanosleep(&ts, NULL);
  time_t t = time(NULL);
  printf("time=%lld\n", (long long)t);
  return 0;
}
