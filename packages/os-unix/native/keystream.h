// Stream-cipher keystreams (AES-256-CTR, ChaCha20) written straight into the caller's buffer, with
// the OpenSSL that Node itself links and exports (EVP: AES-NI / ARMv8 AES and the SIMD ChaCha20
// code paths where the CPU has them). Not new ciphers: the addon only avoids node:crypto's
// per-call objects and buffer copies.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace shimkit {
// AES-256-CTR: 32-byte key, 16-byte big-endian counter block. Returns 0, or -1 (dest zeroed).
int aes256_ctr_keystream(const uint8_t* key, const uint8_t* counter, uint8_t* dest, size_t len);
// ChaCha20 (RFC 8439): 32-byte key, 12-byte nonce, 32-bit initial block counter. The caller keeps
// len within the counter space. Returns 0, or -1 (dest zeroed).
int chacha20_keystream(const uint8_t* key, const uint8_t* nonce, uint32_t counter, uint8_t* dest, size_t len);
}  // namespace shimkit
