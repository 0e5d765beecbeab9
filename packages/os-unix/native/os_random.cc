#include "os_random.h"

#include <errno.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/random.h>
#elif defined(__APPLE__)
#include <sys/random.h>
#endif

namespace shimkit {

#if defined(__linux__)
const char* const kOsRandomSource = "getrandom";

int os_random_fill(uint8_t* dest, size_t len) {
  while (len > 0) {
    ssize_t n = getrandom(dest, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    dest += n;
    len -= static_cast<size_t>(n);
  }
  return 0;
}
#else
const char* const kOsRandomSource = "getentropy";

int os_random_fill(uint8_t* dest, size_t len) {
  while (len > 0) {
    size_t chunk = len < 256 ? len : 256;
    if (getentropy(dest, chunk) != 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    dest += chunk;
    len -= chunk;
  }
  return 0;
}
#endif

}  // namespace shimkit
