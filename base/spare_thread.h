// A second thread for requests that can split their work in two: a caller hands one half to the
// spare thread when it is idle and does the other half itself, so a single request uses both cores
// of a small machine. When the spare thread is busy (another request holds it), the caller does
// both halves: under load nothing waits for it, and the work is done once either way.
//
// Thread safety: RunBoth may be called from any number of threads at once.
#ifndef WPS_BASE_SPARE_THREAD_H_
#define WPS_BASE_SPARE_THREAD_H_

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace wps {

class SpareThread {
 public:
  SpareThread();
  // Waits for the task in hand, then joins the thread.
  ~SpareThread();
  SpareThread(const SpareThread&) = delete;
  SpareThread& operator=(const SpareThread&) = delete;

  // Runs `mine` on the calling thread and `theirs` on the spare thread when it is idle, else after
  // `mine` on the calling thread. Returns when both have run. The two must not touch the same data
  // unless it is safe to share between threads.
  void RunBoth(absl::FunctionRef<void()> mine, absl::FunctionRef<void()> theirs);

  // How many RunBoth calls handed `theirs` to the spare thread (for tests and benchmarks).
  int handed_over() const;

 private:
  void Loop();

  mutable absl::Mutex mu_;
  const absl::FunctionRef<void()>* task_ ABSL_GUARDED_BY(mu_) = nullptr;
  // Held by a RunBoth from handing its task over until it has seen it done.
  bool claimed_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int handed_over_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace wps

#endif  // WPS_BASE_SPARE_THREAD_H_
