// Teaclave's "simple add" WAMR example, rebuilt from its behaviour: arguments adder1 and adder2
// (flattened as key, value, key, value) are decimal integers; returns their sum. No libc.
static int to_int(const char *s) {
  int v = 0, neg = 0;
  if (*s == '-') neg = 1, s++;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return neg ? -v : v;
}

int entrypoint(int argc, char *argv[]) {
  if (argc < 4 || !argv[0] || !argv[2]) return -1;
  return to_int(argv[1]) + to_int(argv[3]);
}
