// The os-unix native addon: one N-API module, context-aware (one instance per Node environment,
// so it loads in worker threads). Its parts: cycles.h (the cycle counter), cpu_rng.cc (RDRAND,
// RDSEED, CPUID), os_random.cc (getrandom / getentropy), loop_trace.cc (the libuv prepare/check
// handles and the cycle-counter ring buffer), keystream.cc (OpenSSL AES-256-CTR and ChaCha20).
// The JavaScript side (src/addon.ts loads it; src/native/*.ts and src/stream-ciphers.ts call it)
// validates arguments before calling in; the checks here only keep the process safe.
#include <napi.h>
#include <string.h>
#include <time.h>

#include "cpu_rng.h"
#include "cycles.h"
#include "keystream.h"
#include "loop_trace.h"
#include "os_random.h"

namespace shimkit {

class Addon : public Napi::Addon<Addon> {
 public:
  Addon(Napi::Env env, Napi::Object exports) : trace_(LoopTrace::Create(env)) {
    DefineAddon(exports, {
        InstanceMethod("cycles", &Addon::Cycles),
        InstanceMethod("wallNs", &Addon::WallNs),
        InstanceMethod("features", &Addon::Features),
        InstanceMethod("cpuid", &Addon::Cpuid),
        InstanceMethod("configureCpuRng", &Addon::ConfigureCpuRng),
        InstanceMethod("cpuRngConfig", &Addon::CpuRngConfig),
        InstanceMethod("rdrand", &Addon::Rdrand),
        InstanceMethod("rdseed", &Addon::Rdseed),
        InstanceMethod("fillRandom", &Addon::FillRandom),
        InstanceMethod("aes256Ctr", &Addon::Aes256Ctr),
        InstanceMethod("chacha20", &Addon::Chacha20),
        InstanceMethod("traceSampling", &Addon::TraceSampling),
        InstanceMethod("traceHooks", &Addon::TraceHooks),
        InstanceMethod("traceDrain", &Addon::TraceDrain),
        InstanceValue("traceCapacity", Napi::Number::New(env, static_cast<double>(LoopTrace::kCapacity))),
    });
  }

 private:
  // Low 32 bits of the cycle counter, as a uint32 number.
  Napi::Value Cycles(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<uint32_t>(shimkit_cycles()));
  }

  // CLOCK_REALTIME in nanoseconds, as a bigint.
  Napi::Value WallNs(const Napi::CallbackInfo& info) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t ns = static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    return Napi::BigInt::New(info.Env(), ns);
  }

  Napi::Value Features(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const CpuRngCpuid& f = cpu_rng_cpuid();
    Napi::Object out = Napi::Object::New(env);
    out.Set("cycleCounter", SHIMKIT_CYCLE_SOURCE);
    out.Set("osRandom", kOsRandomSource);
    out.Set("rdrandCpuid", f.rdrand);
    out.Set("rdseedCpuid", f.rdseed);
    out.Set("loopTrace", trace_ != nullptr);
    return out;
  }

  // cpuid(leaf, subleaf): [eax, ebx, ecx, edx] as uint32 numbers (zeros where the leaf does not
  // exist or the processor is not x86-64), for the AMD family check of the CPU-RNG policy.
  Napi::Value Cpuid(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    uint32_t leaf = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Uint32Value() : 0;
    uint32_t sub = info.Length() > 1 && info[1].IsNumber() ? info[1].As<Napi::Number>().Uint32Value() : 0;
    uint32_t r[4];
    cpuid_leaf(leaf, sub, r);
    Napi::Array out = Napi::Array::New(env, 4);
    for (uint32_t i = 0; i < 4; i++) out.Set(i, Napi::Number::New(env, r[i]));
    return out;
  }

  // configureCpuRng(rdrandRetries, rdseedRetries): the retry counts of CPU_RNG_POLICY
  // (@shimkit/os-shim/cpu-rng), handed in once at load. Until then every draw fails.
  Napi::Value ConfigureCpuRng(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsNumber()) {
      Napi::TypeError::New(env, "configureCpuRng expects two numbers").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    int rdrand = info[0].As<Napi::Number>().Int32Value();
    int rdseed = info[1].As<Napi::Number>().Int32Value();
    if (rdrand < 1 || rdrand > 1000 || rdseed < 1 || rdseed > 1000) {
      Napi::RangeError::New(env, "configureCpuRng: retry counts must be in [1, 1000]").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    rdrand_retries_ = rdrand;
    rdseed_retries_ = rdseed;
    return env.Undefined();
  }

  // cpuRngConfig(): the retry counts in use, { rdrandRetries, rdseedRetries } (0 = not configured).
  Napi::Value CpuRngConfig(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object out = Napi::Object::New(env);
    out.Set("rdrandRetries", rdrand_retries_);
    out.Set("rdseedRetries", rdseed_retries_);
    return out;
  }

  // One draw: the register as a bigint when the carry flag got set within the configured
  // retries, otherwise null. The all-ones value is returned as is (the policy decodes it).
  static Napi::Value DrawResult(Napi::Env env, bool ok, uint64_t value) {
    if (ok) return Napi::BigInt::New(env, value);
    return env.Null();
  }

  Napi::Value Rdrand(const Napi::CallbackInfo& info) {
    uint64_t v = 0;
    bool ok = rdrand64(rdrand_retries_, &v);
    Napi::Value r = DrawResult(info.Env(), ok, v);
    v = 0;
    return r;
  }

  Napi::Value Rdseed(const Napi::CallbackInfo& info) {
    uint64_t v = 0;
    bool ok = rdseed64(rdseed_retries_, &v);
    Napi::Value r = DrawResult(info.Env(), ok, v);
    v = 0;
    return r;
  }

  // fillRandom(u8): fills the whole view from the OS CSPRNG. On failure the view is zeroed and an
  // Error with `errno` is thrown, so no partial output survives.
  Napi::Value FillRandom(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsTypedArray()) {
      Napi::TypeError::New(env, "fillRandom expects a Uint8Array").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Uint8Array view = info[0].As<Napi::Uint8Array>();
    uint8_t* data = view.Data();
    size_t len = view.ByteLength();
    if (len == 0) return env.Undefined();
    int err = os_random_fill(data, len);
    if (err != 0) {
      memset(data, 0, len);
      Napi::Error e = Napi::Error::New(env, strerror(err));
      e.Set("errno", Napi::Number::New(env, err));
      e.ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  // aes256Ctr(key, counter, dest): AES-256-CTR keystream into dest (lengths checked in JS).
  Napi::Value Aes256Ctr(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 3 || !info[0].IsTypedArray() || !info[1].IsTypedArray() || !info[2].IsTypedArray()) {
      Napi::TypeError::New(env, "aes256Ctr expects three Uint8Arrays").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Uint8Array key = info[0].As<Napi::Uint8Array>();
    Napi::Uint8Array counter = info[1].As<Napi::Uint8Array>();
    Napi::Uint8Array dest = info[2].As<Napi::Uint8Array>();
    if (key.ByteLength() != 32 || counter.ByteLength() != 16) {
      Napi::RangeError::New(env, "aes256Ctr needs a 32-byte key and a 16-byte counter").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (dest.ByteLength() == 0) return env.Undefined();
    if (aes256_ctr_keystream(key.Data(), counter.Data(), dest.Data(), dest.ByteLength()) != 0) {
      Napi::Error::New(env, "OpenSSL AES-256-CTR failed").ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  // chacha20(key, nonce, counter, dest): ChaCha20 keystream into dest (arguments checked in JS).
  Napi::Value Chacha20(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 4 || !info[0].IsTypedArray() || !info[1].IsTypedArray() || !info[2].IsNumber() ||
        !info[3].IsTypedArray()) {
      Napi::TypeError::New(env, "chacha20 expects (Uint8Array, Uint8Array, number, Uint8Array)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Uint8Array key = info[0].As<Napi::Uint8Array>();
    Napi::Uint8Array nonce = info[1].As<Napi::Uint8Array>();
    double counter = info[2].As<Napi::Number>().DoubleValue();
    Napi::Uint8Array dest = info[3].As<Napi::Uint8Array>();
    double blocks = static_cast<double>((dest.ByteLength() + 63) / 64);
    if (key.ByteLength() != 32 || nonce.ByteLength() != 12 || !(counter >= 0) || counter + blocks > 4294967296.0) {
      Napi::RangeError::New(env, "chacha20 needs a 32-byte key, a 12-byte nonce and a range within the 32-bit counter")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (dest.ByteLength() == 0) return env.Undefined();
    if (chacha20_keystream(key.Data(), nonce.Data(), static_cast<uint32_t>(counter), dest.Data(), dest.ByteLength()) != 0) {
      Napi::Error::New(env, "OpenSSL ChaCha20 failed").ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  Napi::Value TraceSampling(const Napi::CallbackInfo& info) {
    if (trace_ != nullptr) trace_->SetSampling(info[0].ToBoolean().Value());
    return info.Env().Undefined();
  }

  Napi::Value TraceHooks(const Napi::CallbackInfo& info) {
    if (trace_ != nullptr) trace_->SetHooks(info.Env(), info[0], info[1]);
    return info.Env().Undefined();
  }

  Napi::Value TraceDrain(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (trace_ == nullptr || info.Length() < 1 || !info[0].IsTypedArray()) return Napi::Number::New(env, 0);
    Napi::Uint32Array dest = info[0].As<Napi::Uint32Array>();
    size_t n = trace_->Drain(dest.Data(), dest.ElementLength());
    return Napi::Number::New(env, static_cast<double>(n));
  }

  LoopTrace* trace_;
  int rdrand_retries_ = 0;
  int rdseed_retries_ = 0;
};

}  // namespace shimkit

using ShimkitAddon = shimkit::Addon;
NODE_API_ADDON(ShimkitAddon)
