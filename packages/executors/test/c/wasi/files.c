// Reads /input/<argv[2]> (a task input, read-only), writes its bytes reversed to
// /output/<argv[4]> (a task output); then argv[6] decides the end: "ok" returns 0, "trap" traps
// after writing (the output must not be committed).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 7) return 10;  // argv: name, "in", in, "out", out, "then", then
  char in[256], out[256], buf[4096];
  snprintf(in, sizeof in, "/input/%s", argv[2]);
  snprintf(out, sizeof out, "/output/%s", argv[4]);
  int fd = open(in, O_RDONLY);
  if (fd < 0) { perror("open input"); return 11; }
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  if (n < 0) return 12;
  int w = open(in, O_WRONLY);
  printf("write-open of the input: %s\n", w < 0 ? strerror(errno) : "allowed");
  int o = open(out, O_WRONLY | O_TRUNC);
  if (o < 0) { perror("open output"); return 13; }
  for (ssize_t i = 0; i < n / 2; i++) { char t = buf[i]; buf[i] = buf[n - 1 - i]; buf[n - 1 - i] = t; }
  write(o, buf, (size_t)n);
  close(o);
  if (!strcmp(argv[6], "trap")) __builtin_trap();
  printf("reversed %zd bytes\n", n);
  return 0;
}
