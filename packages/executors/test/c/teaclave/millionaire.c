// Yao's millionaires' problem as Teaclave's WAMR example poses it, rebuilt from its behaviour:
// argv holds (key, value) pairs — input_file_id1, input_file_id2, output_file_id in key order —
// each input holds one decimal number; the output receives the id of the richer party's input;
// the return value is the number of bytes written (or -1 on an error). No libc.
#include "teaclave_context.h"

static int length(const char *s) {
  int n = 0;
  while (s[n]) n++;
  return n;
}

static long parse(const char *s, int n) {
  long v = 0;
  int i = 0, neg = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) i++;
  if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) v = v * 10 + (s[i] - '0');
  return neg ? -v : v;
}

int entrypoint(int argc, char *argv[]) {
  if (argc < 6) return -1;
  char *a = argv[1], *b = argv[3], *out = argv[5];
  char buf_a[16], buf_b[16];
  int ha = teaclave_open_input(a), hb = teaclave_open_input(b), ho = teaclave_create_output(out);
  if (ha < 0 || hb < 0 || ho < 0) return -1;
  int na = teaclave_read_file(ha, buf_a, sizeof buf_a), nb = teaclave_read_file(hb, buf_b, sizeof buf_b);
  if (na < 0 || nb < 0) return -1;
  char *richer = parse(buf_a, na) > parse(buf_b, nb) ? a : b;
  int rv = teaclave_write_file(ho, richer, length(richer));
  teaclave_close_file(ha);
  teaclave_close_file(hb);
  teaclave_close_file(ho);
  return rv;
}
