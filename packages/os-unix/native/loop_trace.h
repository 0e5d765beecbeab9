// The per-iteration side of os-unix: a libuv prepare handle (start of each loop iteration, before
// the loop blocks) and a check handle (after it wakes up), both unref'd so they never keep the
// process alive. While sampling is on, the prepare handle appends the low 32 bits of the cycle
// counter to a ring buffer that JavaScript drains in batches; while JavaScript hooks are set, the
// handles call them once per iteration. One instance per Node environment (main thread, each
// worker); it closes its handles when the environment is torn down.
#pragma once
#include <napi.h>
#include <uv.h>

#include <stdint.h>

namespace shimkit {

class LoopTrace {
 public:
  static constexpr size_t kCapacity = 4096;

  // Creates the instance for `env` and registers its teardown with the environment.
  static LoopTrace* Create(Napi::Env env);

  void SetSampling(bool on);
  void SetHooks(Napi::Env env, Napi::Value enter, Napi::Value exit);
  size_t Drain(uint32_t* dest, size_t max);

 private:
  explicit LoopTrace(Napi::Env env);
  void UpdateHandles();
  void Push(uint32_t sample);
  void Call(Napi::FunctionReference& fn);

  static void OnPrepare(uv_prepare_t* handle);
  static void OnCheck(uv_check_t* handle);
  static void OnEnvTeardown(napi_async_cleanup_hook_handle hook, void* arg);
  static void OnClosed(uv_handle_t* handle);

  napi_env env_;
  uv_prepare_t prepare_;
  uv_check_t check_;
  bool prepare_active_ = false;
  bool check_active_ = false;
  bool tearing_down_ = false;
  int open_handles_ = 0;
  napi_async_cleanup_hook_handle cleanup_ = nullptr;
  napi_async_context async_context_ = nullptr;

  bool sampling_ = false;
  uint32_t ring_[kCapacity];
  size_t head_ = 0;   // index of the oldest sample
  size_t count_ = 0;  // samples held

  Napi::FunctionReference enter_;
  Napi::FunctionReference exit_;
};

}  // namespace shimkit
