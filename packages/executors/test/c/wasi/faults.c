// One fault per the value of argument "mode": trap, oob, stack, loop, yieldloop, bomb, exit, grow. Each must
// end as a typed result. "stack" overflows C's shadow stack (in linear memory, below address 0):
// the engine reports it as an out-of-bounds access; test/wat/recurse.wat overflows the engine's
// own call stack.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static volatile int sink;

__attribute__((noinline)) static int recurse(int n) {
  volatile char pad[256];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv) {
  const char *mode = argc > 2 ? argv[2] : "";  // argv: name, "mode", value (flattened as Teaclave does)
  if (!strcmp(mode, "trap")) __builtin_trap();
  if (!strcmp(mode, "oob")) {
    volatile int *p = (volatile int *)0xfffffff0u;
    *p = 1;
  }
  if (!strcmp(mode, "stack")) return recurse(0);
  if (!strcmp(mode, "loop")) {
    for (;;) sink++;
  }
  if (!strcmp(mode, "yieldloop")) {
    // An endless loop that makes WASI calls: stopped at the deadline even in the caller's thread.
    for (;;) __wasi_sched_yield();
  }
  if (!strcmp(mode, "bomb")) {
    // Allocate 1 MiB blocks until malloc fails (memory.grow returned -1 under the cap).
    // (Each block is touched, or the compiler may drop the unused allocations and the loop.)
    unsigned long n = 0;
    for (char *p; (p = malloc(1 << 20)) != NULL; n++) ((volatile char *)p)[0] = 1;
    printf("allocated %lu MiB before malloc failed\n", n);
    return 0;
  }
  if (!strcmp(mode, "grow")) {
    // memory.grow past the cap returns -1 inside the guest.
    int r = __builtin_wasm_memory_grow(0, 1 << 15);
    printf("grow(32768 pages)=%d\n", r);
    return 0;
  }
  if (!strcmp(mode, "exit")) exit(3);
  printf("unknown mode %s\n", mode);
  return 2;
}
