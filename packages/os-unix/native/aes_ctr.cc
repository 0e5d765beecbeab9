#include "aes_ctr.h"

#include <openssl/evp.h>
#include <string.h>

namespace shimkit {

int aes256_ctr_keystream(const uint8_t* key, const uint8_t* counter, uint8_t* dest, size_t len) {
  // One context per thread (each worker has its own), reset (key schedule wiped) after use.
  static thread_local EVP_CIPHER_CTX* ctx = nullptr;
  // The cipher is fetched once: an implicit fetch on every init costs more than a 4 KiB request.
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
  if (ctx == nullptr) ctx = EVP_CIPHER_CTX_new();
  if (ctx == nullptr || cipher == nullptr) return -1;
  int ok = EVP_EncryptInit_ex(ctx, cipher, nullptr, key, counter);
  // CTR keystream = the encryption of zeros, read from a constant all-zero block (no memset of
  // dest first), in pieces of 64 KiB.
  static const uint8_t kZeros[65536] = {0};
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

}  // namespace shimkit
