// Federation between two real wpsd processes on 127.0.0.1 over mutual TLS (the test CA): how fast a
// partner catches up on a network's roster from empty (records per second, through Snapshot), and the
// live lag from a write acknowledged at the origin to the record being readable at the partner, under a
// steady write load.
//
//   build/bin/sync_bench                              # 100,000 and 1,000,000 records
//   build/bin/sync_bench --benchmark_filter=/100000
//
// The origin's roster (every profile in "nordic", shared with all partners) is written once under
// $WPS_BENCH_DATA (default build/bench-data) and reused; the partner starts empty every run.
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_measure.h"
#include "bench/bench_roster.h"
#include "benchmark/benchmark.h"
#include "grpcpp/grpcpp.h"
#include "tests/e2e/federation.h"
#include "tests/testing/temp_dir.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"

namespace wps::bench {
namespace {

using ::wps::roster::v1::Mediator;

constexpr size_t kOrigin = 0, kPartner = 1;
// The steady load of the lag measurement: one update every kWriteEvery, for kLagWrites updates.
constexpr absl::Duration kWriteEvery = absl::Milliseconds(20);
constexpr int kLagWrites = 500;

// The partner's status of its puller of the origin.
absl::StatusOr<sync::v1::PeerStatus> PullerStatus(e2e::Federation& federation) {
  absl::StatusOr<sync::v1::SyncStatus> status = federation.SyncStatus(kPartner);
  if (!status.ok()) return status.status();
  if (status->peers().empty()) return absl::InternalError("the partner pulls from no one");
  return status->peers(0);
}

// Waits until the partner holds `records` replicas, its snapshot done; the time it took from `start`.
absl::StatusOr<absl::Duration> AwaitCaughtUp(e2e::Federation& federation, int64_t records, absl::Time start) {
  const absl::Time deadline = start + absl::Minutes(30);
  while (absl::Now() < deadline) {
    absl::StatusOr<sync::v1::PeerStatus> status = PullerStatus(federation);
    if (!status.ok()) return status.status();
    if (status->records() >= records && !status->resyncing()) return absl::Now() - start;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError("the partner did not catch up within 30 minutes");
}

// The names of the first `count` records of the origin, by listing them.
absl::StatusOr<std::vector<std::string>> SomeNames(e2e::Wpsd& origin, int count) {
  roster::v1::ListMediatorsRequest request;
  request.set_parent("networks/nordic");
  request.set_page_size(count);
  grpc::ClientContext context;
  roster::v1::ListMediatorsResponse response;
  if (grpc::Status status = origin.roster().ListMediators(&context, request, &response); !status.ok()) {
    return e2e::FromGrpcStatus(status);
  }
  std::vector<std::string> names;
  for (const Mediator& record : response.mediators()) names.push_back(record.name());
  return names;
}

// One update per kWriteEvery at the origin (each a new bio on one of `names`); a second thread reads
// each written record back at the partner until it shows the new bio. Returns each write's lag in
// microseconds: from the origin's acknowledgement to the first read at the partner that sees it.
absl::StatusOr<std::vector<double>> LiveLags(e2e::Federation& federation, const std::vector<std::string>& names) {
  struct Written {
    std::string name, bio;
    absl::Time acknowledged;
  };
  std::mutex mu;
  std::deque<Written> pending;
  std::atomic<bool> writing{true};
  std::vector<double> lags;
  std::thread reader([&] {
    auto stub = roster::v1::RosterService::NewStub(federation.node(kPartner).channel());
    while (true) {
      Written next;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (pending.empty()) {
          if (!writing) return;
        } else {
          next = pending.front();
        }
      }
      if (next.name.empty()) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        continue;
      }
      roster::v1::GetMediatorRequest request;
      request.set_name(next.name);
      grpc::ClientContext context;
      Mediator read;
      if (stub->GetMediator(&context, request, &read).ok() && read.bio() == next.bio) {
        lags.push_back(Micros(next.acknowledged));
        std::lock_guard<std::mutex> lock(mu);
        pending.pop_front();
      }
    }
  });
  absl::Status failed;
  for (int i = 0; i < kLagWrites && failed.ok(); ++i) {
    const absl::Time due = absl::Now() + kWriteEvery;
    roster::v1::UpdateMediatorRequest request;
    request.mutable_mediator()->set_name(names[static_cast<size_t>(i) % names.size()]);
    request.mutable_mediator()->set_bio(absl::StrCat("Live update ", i, "."));
    request.mutable_update_mask()->add_paths("bio");
    grpc::ClientContext context;
    Mediator updated;
    failed = e2e::FromGrpcStatus(federation.node(kOrigin).roster().UpdateMediator(&context, request, &updated));
    if (failed.ok()) {
      std::lock_guard<std::mutex> lock(mu);
      pending.push_back({updated.name(), updated.bio(), absl::Now()});
    }
    std::this_thread::sleep_until(absl::ToChronoTime(due));
  }
  writing = false;
  reader.join();
  if (!failed.ok()) return failed;
  return lags;
}

void BM_SyncCatchUpAndLiveLag(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  absl::StatusOr<std::string> roster = GeneratedNetworkRosterDir(count, "nordic");
  if (!roster.ok()) return state.SkipWithError(roster.status().ToString().c_str());
  for (auto _ : state) {
    testing::TempDir dir;
    absl::StatusOr<std::unique_ptr<e2e::Federation>> federation =
        e2e::Federation::Create(dir.path(), {"nordic", "femwise-africa"});
    if (!federation.ok()) return state.SkipWithError(federation.status().ToString().c_str());
    (*federation)->set_data_dir(kOrigin, *roster);
    if (absl::Status s = (*federation)->Start(kOrigin); !s.ok()) return state.SkipWithError(s.ToString().c_str());

    const absl::Time start = absl::Now();
    if (absl::Status s = (*federation)->Start(kPartner); !s.ok()) return state.SkipWithError(s.ToString().c_str());
    absl::StatusOr<absl::Duration> caught_up = AwaitCaughtUp(**federation, count, start);
    if (!caught_up.ok()) return state.SkipWithError(caught_up.status().ToString().c_str());
    const double seconds = absl::ToDoubleSeconds(*caught_up);
    state.SetIterationTime(seconds);
    state.counters["catch_up_s"] = seconds;
    state.counters["records_per_s"] = count / seconds;

    absl::StatusOr<std::vector<std::string>> names = SomeNames((*federation)->node(kOrigin), 1000);
    if (!names.ok() || names->empty()) return state.SkipWithError("cannot list the origin's records");
    absl::StatusOr<std::vector<double>> lags = LiveLags(**federation, *names);
    if (!lags.ok()) return state.SkipWithError(lags.status().ToString().c_str());
    state.counters["lag_p50_ms"] = Percentile(*lags, 50) / 1000;
    state.counters["lag_p99_ms"] = Percentile(*lags, 99) / 1000;
    state.counters["lag_max_ms"] = Percentile(*lags, 100) / 1000;
    state.counters["writes_per_s"] = 1 / absl::ToDoubleSeconds(kWriteEvery);
    (void)(*federation)->Stop(kPartner);
    (void)(*federation)->Stop(kOrigin);
  }
}
BENCHMARK(BM_SyncCatchUpAndLiveLag)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
