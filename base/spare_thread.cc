#include "base/spare_thread.h"

namespace wps {

SpareThread::SpareThread() : thread_([this] { Loop(); }) {}

SpareThread::~SpareThread() {
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](bool* claimed) { return !*claimed; }, &claimed_));
    stopping_ = true;
  }
  thread_.join();
}

void SpareThread::RunBoth(absl::FunctionRef<void()> mine, absl::FunctionRef<void()> theirs) {
  bool handed = false;
  {
    absl::MutexLock lock(&mu_);
    if (!claimed_ && !stopping_) {
      claimed_ = true;
      done_ = false;
      task_ = &theirs;
      ++handed_over_;
      handed = true;
    }
  }
  mine();
  if (!handed) {
    theirs();
    return;
  }
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&done_));
  claimed_ = false;
}

int SpareThread::handed_over() const {
  absl::MutexLock lock(&mu_);
  return handed_over_;
}

void SpareThread::Loop() {
  absl::MutexLock lock(&mu_);
  while (true) {
    mu_.Await(absl::Condition(
        +[](SpareThread* self)
             ABSL_NO_THREAD_SAFETY_ANALYSIS { return self->task_ != nullptr || self->stopping_; },
        this));
    if (task_ == nullptr) return;  // stopping, nothing in hand
    const absl::FunctionRef<void()>& task = *task_;
    mu_.Unlock();
    task();
    mu_.Lock();
    task_ = nullptr;
    done_ = true;
  }
}

}  // namespace wps
