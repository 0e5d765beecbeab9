// WASI hello world: the bench's end-to-end `_start` module.
#include <stdio.h>
int main(void) {
  puts("hello, world");
  return 0;
}
