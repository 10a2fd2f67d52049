// A load of CreateMediator calls from several threads that remembers which ones the server
// acknowledged: those must survive any crash (kill -9, a full disk).
//
// Thread safety: use from the test's thread; its own threads write.
#ifndef WPS_TESTS_E2E_ACKNOWLEDGED_WRITER_H_
#define WPS_TESTS_E2E_ACKNOWLEDGED_WRITER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::e2e {

// Creates mediators from several threads until told to stop (or a bound on calls), remembering
// every id whose CreateMediator returned OK: those the server acknowledged, so they must survive
// any crash.
class AcknowledgedWriter {
 public:
  static constexpr int kThreads = 4;
  static constexpr int kMaxCallsPerThread = 20000;

  // Starts writing through `roster` (which must outlive this), ids "ID_PREFIX-tT-N".
  AcknowledgedWriter(roster::v1::RosterService::Stub& roster, const std::string& id_prefix,
                     uint64_t seed);
  ~AcknowledgedWriter() { StopAndJoin(); }

  // Waits until `count` creations were acknowledged; false when `timeout` passes first.
  bool AwaitAcknowledged(size_t count, absl::Duration timeout);

  // From now on a failed call is expected (the server is being killed): threads stop at their next
  // one.
  void ExpectFailures() { failures_expected_ = true; }

  void StopAndJoin();

  // Valid after StopAndJoin().
  const std::vector<std::string>& acknowledged() const { return acknowledged_; }
  const std::vector<std::string>& unexpected_errors() const { return unexpected_errors_; }

 private:
  void Run(const std::string& id_prefix, uint64_t seed);

  roster::v1::RosterService::Stub& roster_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> failures_expected_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> acknowledged_;
  std::vector<std::string> unexpected_errors_;
  int done_threads_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_ACKNOWLEDGED_WRITER_H_
