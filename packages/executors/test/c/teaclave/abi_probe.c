// Probes the edges of Teaclave's file ABI; returns a bit mask of the checks that held:
//   1  opening an unknown input gives -1        2  creating an unbound output gives -1
//   4  reading a bad handle gives -1            8  writing to a read handle gives -1
//  16  closing twice gives -1 the second time  32  a read past the end of memory gives -1
//  64  argc is twice the number of arguments (argv[0] is the first key)
// It also copies input "in" to output "out" in 3-byte reads.
#include "teaclave_context.h"

static int same(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

int entrypoint(int argc, char *argv[]) {
  int mask = 0;
  if (teaclave_open_input("no-such-input") == -1) mask |= 1;
  if (teaclave_create_output("no-such-output") == -1) mask |= 2;
  char buf[3];
  if (teaclave_read_file(12345, buf, 3) == -1) mask |= 4;
  int in = teaclave_open_input("in");
  if (teaclave_write_file(in, buf, 1) == -1) mask |= 8;
  int out = teaclave_create_output("out");
  int n;
  while ((n = teaclave_read_file(in, buf, 3)) > 0) teaclave_write_file(out, buf, n);
  if (teaclave_read_file(in, (char *)0x7ffffff0, 64) == -1) mask |= 32;
  teaclave_close_file(in);
  if (teaclave_close_file(in) == -1) mask |= 16;
  teaclave_close_file(out);
  if (argc == 4 && same(argv[0], "alpha") && same(argv[2], "beta")) mask |= 64;
  return mask;
}
