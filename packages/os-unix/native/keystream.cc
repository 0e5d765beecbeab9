#include "keystream.h"

#include <openssl/evp.h>
#include <string.h>

namespace shimkit {

namespace {

// The keystream is the encryption of zeros, read from a constant all-zero block.
const uint8_t kZeros[65536] = {0};

int keystream(EVP_CIPHER* cipher, const uint8_t* key, const uint8_t* iv, uint8_t* dest, size_t len) {
  // One context per thread (each worker has its own), reset (key schedule wiped) after use.
  static thread_local EVP_CIPHER_CTX* ctx = nullptr;
  if (ctx == nullptr) ctx = EVP_CIPHER_CTX_new();
  if (ctx == nullptr || cipher == nullptr) return -1;
  int ok = EVP_EncryptInit_ex(ctx, cipher, nullptr, key, iv);
  size_t off = 0;
  while (ok && off < len) {
    size_t piece = len - off < sizeof(kZeros) ? len - off : sizeof(kZeros);
    int outl = 0;
    ok = EVP_EncryptUpdate(ctx, dest + off, &outl, kZeros, static_cast<int>(piece));
    off += piece;
  }
  EVP_CIPHER_CTX_reset(ctx);
  if (!ok) {
    memset(dest, 0, len);
    return -1;
  }
  return 0;
}

}  // namespace

int aes256_ctr_keystream(const uint8_t* key, const uint8_t* counter, uint8_t* dest, size_t len) {
  // Fetched once: an implicit fetch on every init costs more than a small request.
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
  return keystream(cipher, key, counter, dest, len);
}

int chacha20_keystream(const uint8_t* key, const uint8_t* nonce, uint32_t counter, uint8_t* dest, size_t len) {
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "ChaCha20", nullptr);
  // OpenSSL's ChaCha20 IV: the 32-bit block counter (little-endian), then the 12-byte nonce.
  uint8_t iv[16];
  iv[0] = static_cast<uint8_t>(counter);
  iv[1] = static_cast<uint8_t>(counter >> 8);
  iv[2] = static_cast<uint8_t>(counter >> 16);
  iv[3] = static_cast<uint8_t>(counter >> 24);
  memcpy(iv + 4, nonce, 12);
  return keystream(cipher, key, iv, dest, len);
}

}  // namespace shimkit
