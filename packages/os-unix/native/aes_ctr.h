// AES-256-CTR keystream written straight into the caller's buffer, with the OpenSSL that Node
// itself links and exports (EVP, so AES-NI / ARMv8 AES where the CPU has them). Not a new AES:
// the addon only avoids node:crypto's per-call object and buffer copies.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace shimkit {
// Writes len bytes of keystream for the 32-byte key and 16-byte big-endian counter block into
// dest. Returns 0, or -1 if OpenSSL failed (dest is then zeroed).
int aes256_ctr_keystream(const uint8_t* key, const uint8_t* counter, uint8_t* dest, size_t len);
}  // namespace shimkit
