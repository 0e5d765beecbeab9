// Reads stdin to its end, writes it upper-cased to stdout and its length to stderr; prints argv and one env variable.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  int c, n = 0;
  while ((c = getchar()) != EOF) {
    putchar(toupper(c));
    n++;
  }
  fprintf(stderr, "read %d bytes\n", n);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *v = getenv("GREETING");
  printf("GREETING=%s\n", v ? v : "(unset)");
  return 0;
}
