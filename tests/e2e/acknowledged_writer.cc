#include "tests/e2e/acknowledged_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/sample/sample_roster.h"
#include "grpcpp/client_context.h"

namespace wps::e2e {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(10);

}  // namespace

AcknowledgedWriter::AcknowledgedWriter(roster::v1::RosterService::Stub& roster,
                                       const std::string& id_prefix, uint64_t seed)
    : roster_(roster) {
  for (int t = 0; t < kThreads; ++t) {
    threads_.emplace_back(
        [this, t, id_prefix, seed] { Run(absl::StrCat(id_prefix, "-t", t), seed + t); });
  }
}

bool AcknowledgedWriter::AwaitAcknowledged(size_t count, absl::Duration timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, absl::ToChronoMilliseconds(timeout), [&] {
    return acknowledged_.size() >= count || done_threads_ == kThreads;
  }) && acknowledged_.size() >= count;
}

void AcknowledgedWriter::StopAndJoin() {
  stop_ = true;
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void AcknowledgedWriter::Run(const std::string& id_prefix, uint64_t seed) {
  sample::SampleRosterGenerator generator(seed);
  for (int n = 0; n < kMaxCallsPerThread && !stop_; ++n) {
    roster::v1::CreateMediatorRequest request;
    *request.mutable_mediator() = generator.Next();
    request.set_parent(absl::StrCat("networks/", request.mediator().network()));
    request.set_mediator_id(absl::StrCat(id_prefix, "-", n));
    request.mutable_mediator()->clear_name();
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
    roster::v1::Mediator created;
    const grpc::Status status = roster_.CreateMediator(&context, request, &created);
    std::lock_guard<std::mutex> lock(mutex_);
    if (status.ok()) {
      acknowledged_.push_back(created.name());
      changed_.notify_all();
      continue;
    }
    if (!failures_expected_) unexpected_errors_.push_back(status.error_message());
    break;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_threads_;
  changed_.notify_all();
}

}  // namespace wps::e2e
