// For each argument after argv[0], opens it relative to the first preopen (fd 3) following
// symlinks, reads up to 64 bytes, and prints "path=errno" or "path=0:contents". Used to check
// confinement (absolute paths, .., symlinks out of the directory) on both file systems.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, argv[i], 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    if (e) {
      printf("%s=%d\n", argv[i], e);
      continue;
    }
    char buf[65];
    __wasi_iovec_t iov = {(uint8_t *)buf, 64};
    __wasi_size_t n = 0;
    e = __wasi_fd_read(fd, &iov, 1, &n);
    buf[n] = 0;
    printf("%s=%d:%s\n", argv[i], e, buf);
    __wasi_fd_close(fd);
  }
  return 0;
}
