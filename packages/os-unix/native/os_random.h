// The OS CSPRNG: getrandom(2) on Linux (partial reads and EINTR retried), getentropy(3) on macOS
// and the BSDs (at most 256 bytes a call). Returns 0 or an errno value; on error the caller must
// discard the buffer.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace shimkit {
extern const char* const kOsRandomSource;
int os_random_fill(uint8_t* dest, size_t len);
}  // namespace shimkit
