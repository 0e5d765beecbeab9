#include "loop_trace.h"

#include "cycles.h"

namespace shimkit {

LoopTrace::LoopTrace(Napi::Env env) : env_(env) {}

LoopTrace* LoopTrace::Create(Napi::Env env) {
  auto* self = new LoopTrace(env);
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok) {
    delete self;
    return nullptr;
  }
  uv_prepare_init(loop, &self->prepare_);
  uv_check_init(loop, &self->check_);
  self->prepare_.data = self;
  self->check_.data = self;
  uv_unref(reinterpret_cast<uv_handle_t*>(&self->prepare_));
  uv_unref(reinterpret_cast<uv_handle_t*>(&self->check_));
  self->open_handles_ = 2;

  napi_value name;
  napi_create_string_utf8(env, "shimkit:loop-hook", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, nullptr, name, &self->async_context_);
  napi_add_async_cleanup_hook(env, OnEnvTeardown, self, &self->cleanup_);
  return self;
}

void LoopTrace::SetSampling(bool on) {
  sampling_ = on;
  UpdateHandles();
}

void LoopTrace::SetHooks(Napi::Env env, Napi::Value enter, Napi::Value exit) {
  enter_.Reset();
  exit_.Reset();
  if (enter.IsFunction()) enter_ = Napi::Persistent(enter.As<Napi::Function>());
  if (exit.IsFunction()) exit_ = Napi::Persistent(exit.As<Napi::Function>());
  (void)env;
  UpdateHandles();
}

void LoopTrace::UpdateHandles() {
  if (tearing_down_) return;
  bool want_prepare = sampling_ || !enter_.IsEmpty();
  bool want_check = !exit_.IsEmpty();
  if (want_prepare && !prepare_active_) uv_prepare_start(&prepare_, OnPrepare);
  if (!want_prepare && prepare_active_) uv_prepare_stop(&prepare_);
  if (want_check && !check_active_) uv_check_start(&check_, OnCheck);
  if (!want_check && check_active_) uv_check_stop(&check_);
  prepare_active_ = want_prepare;
  check_active_ = want_check;
}

void LoopTrace::Push(uint32_t sample) {
  size_t tail = (head_ + count_) % kCapacity;
  ring_[tail] = sample;
  if (count_ < kCapacity) {
    count_++;
  } else {
    head_ = (head_ + 1) % kCapacity;  // full: overwrite the oldest
  }
}

size_t LoopTrace::Drain(uint32_t* dest, size_t max) {
  size_t n = count_ < max ? count_ : max;
  for (size_t i = 0; i < n; i++) {
    dest[i] = ring_[head_];
    ring_[head_] = 0;
    head_ = (head_ + 1) % kCapacity;
  }
  count_ -= n;
  return n;
}

void LoopTrace::Call(Napi::FunctionReference& fn) {
  // Raw N-API here: node-addon-api turns a failed call into a fatal error, but a call can fail
  // for an ordinary reason — the environment is shutting down and can no longer run JavaScript.
  napi_handle_scope scope;
  if (napi_open_handle_scope(env_, &scope) != napi_ok) return;
  napi_value func = nullptr, global = nullptr, result = nullptr;
  napi_status status = napi_get_reference_value(env_, fn, &func);
  if (status == napi_ok && func != nullptr) status = napi_get_global(env_, &global);
  if (status == napi_ok && func != nullptr) {
    status = napi_make_callback(env_, async_context_, global, func, 0, nullptr, &result);
  }
  bool pending = false;
  napi_is_exception_pending(env_, &pending);
  if (pending) {
    napi_value error;
    napi_get_and_clear_last_exception(env_, &error);
    napi_fatal_exception(env_, error);
  }
  napi_close_handle_scope(env_, scope);
}

void LoopTrace::OnPrepare(uv_prepare_t* handle) {
  auto* self = static_cast<LoopTrace*>(handle->data);
  if (self->sampling_) self->Push(static_cast<uint32_t>(shimkit_cycles()));
  if (!self->enter_.IsEmpty()) self->Call(self->enter_);
}

void LoopTrace::OnCheck(uv_check_t* handle) {
  auto* self = static_cast<LoopTrace*>(handle->data);
  if (!self->exit_.IsEmpty()) self->Call(self->exit_);
}

void LoopTrace::OnEnvTeardown(napi_async_cleanup_hook_handle hook, void* arg) {
  auto* self = static_cast<LoopTrace*>(arg);
  (void)hook;
  self->tearing_down_ = true;
  uv_prepare_stop(&self->prepare_);
  uv_check_stop(&self->check_);
  self->enter_.Reset();
  self->exit_.Reset();
  if (self->async_context_ != nullptr) {
    napi_async_destroy(self->env_, self->async_context_);
    self->async_context_ = nullptr;
  }
  uv_close(reinterpret_cast<uv_handle_t*>(&self->prepare_), OnClosed);
  uv_close(reinterpret_cast<uv_handle_t*>(&self->check_), OnClosed);
}

void LoopTrace::OnClosed(uv_handle_t* handle) {
  auto* self = static_cast<LoopTrace*>(handle->data);
  if (--self->open_handles_ == 0) {
    napi_remove_async_cleanup_hook(self->cleanup_);
    delete self;
  }
}

}  // namespace shimkit
