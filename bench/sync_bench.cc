// Federation between two real wpsd processes on 127.0.0.1 over mutual TLS (the test CA): how fast a
// partner catches up on a network's roster from empty (records per second, through Snapshot), and the
// live lag from a write acknowledged at the origin to the record being readable at the partner, under a
// steady write load. The same for a matching replica of the origin (wpsd --services=matching
// --roster_upstream), whose lag is to the record being found by a search on the replica.
//
//   build/bin/sync_bench                              # 100,000 and 1,000,000 records
//   build/bin/sync_bench --benchmark_filter=/100000/
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
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::bench {
namespace {

using ::wps::roster::v1::Mediator;

constexpr size_t kOrigin = 0, kPartner = 1;
// The steady load of the lag measurement: one update every kWriteEvery, for kLagWrites updates.
constexpr absl::Duration kWriteEvery = absl::Milliseconds(20);
constexpr int kLagWrites = 500;

// The status of the first puller of the wpsd at `channel` (the partner's of the origin, or the
// replica's of its upstream).
absl::StatusOr<sync::v1::PeerStatus> PullerStatus(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = sync::v1::SyncService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  sync::v1::SyncStatus status;
  if (grpc::Status called = stub->GetSyncStatus(&context, {}, &status); !called.ok()) {
    return e2e::FromGrpcStatus(called);
  }
  if (status.peers().empty()) return absl::InternalError("it pulls from no one");
  return status.peers(0);
}

// Waits until the wpsd at `channel` holds `records` replicas, its snapshot done; the time it took from
// `start`.
absl::StatusOr<absl::Duration> AwaitCaughtUp(const std::shared_ptr<grpc::Channel>& channel, int64_t records,
                                             absl::Time start) {
  const absl::Time deadline = start + absl::Minutes(30);
  while (absl::Now() < deadline) {
    absl::StatusOr<sync::v1::PeerStatus> status = PullerStatus(channel);
    if (!status.ok()) return status.status();
    if (status->records() >= records && !status->resyncing()) return absl::Now() - start;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError("no catching up within 30 minutes");
}

// Waits until a search on the wpsd at `channel` counts `records` (a search waits for the index to hold
// every record stored before it); the time it took from `start`.
absl::StatusOr<absl::Duration> AwaitSearchable(const std::shared_ptr<grpc::Channel>& channel, int64_t records,
                                               absl::Time start) {
  auto stub = roster::v1::RosterService::NewStub(channel);
  const absl::Time deadline = start + absl::Minutes(30);
  while (absl::Now() < deadline) {
    roster::v1::SearchMediatorsRequest request;
    request.set_page_size(1);
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    roster::v1::SearchMediatorsResponse found;
    grpc::Status status = stub->SearchMediators(&context, request, &found);
    if (status.ok() && found.total_size() >= records) return absl::Now() - start;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError("not searchable within 30 minutes");
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

// A write at the origin: the record's name and its new bio.
struct Written {
  std::string name, bio;
  absl::Time acknowledged;
};

// True when the partner's GetMediator shows `written`.
bool ReadAtPartner(roster::v1::RosterService::Stub& partner, const Written& written) {
  roster::v1::GetMediatorRequest request;
  request.set_name(written.name);
  grpc::ClientContext context;
  Mediator read;
  return partner.GetMediator(&context, request, &read).ok() && read.bio() == written.bio;
}

// True when a search of the written bio's last word on the replica finds `written` (its bio ends in a
// word no other bio has).
bool FoundAtReplica(roster::v1::RosterService::Stub& replica, const Written& written) {
  roster::v1::SearchMediatorsRequest request;
  request.set_query(written.bio.substr(written.bio.rfind(' ') + 1));
  grpc::ClientContext context;
  roster::v1::SearchMediatorsResponse found;
  return replica.SearchMediators(&context, request, &found).ok() && found.mediators_size() == 1 &&
         found.mediators(0).name() == written.name;
}

// One update per kWriteEvery at the origin (each a new bio on one of `names`); a second thread asks
// `reader_wpsd` until `visible` says it shows the new bio. Returns each write's lag in microseconds:
// from the origin's acknowledgement to the first read that sees it.
absl::StatusOr<std::vector<double>> LiveLags(e2e::Federation& federation, e2e::Wpsd& reader_wpsd,
                                             const std::vector<std::string>& names,
                                             bool (*visible)(roster::v1::RosterService::Stub&, const Written&)) {
  std::mutex mu;
  std::deque<Written> pending;
  std::atomic<bool> writing{true};
  std::vector<double> lags;
  std::thread reader([&] {
    auto stub = roster::v1::RosterService::NewStub(reader_wpsd.channel());
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
      if (visible(*stub, next)) {
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
    request.mutable_mediator()->set_bio(absl::StrCat("Live update lagprobe", 10000 + i));
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

// Catch-up from empty (records stored, then all of them found by a search) and live lag of `follower` (started by `start_follower` at the time measured)
// following the origin, which serves the generated roster of `count` records.
template <typename StartFollower, typename Visible>
void MeasureFollower(benchmark::State& state, StartFollower start_follower, Visible visible) {
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
    absl::StatusOr<e2e::Wpsd*> follower = start_follower(**federation, dir.path());
    if (!follower.ok()) return state.SkipWithError(follower.status().ToString().c_str());
    absl::StatusOr<absl::Duration> caught_up = AwaitCaughtUp((*follower)->channel(), count, start);
    if (!caught_up.ok()) return state.SkipWithError(caught_up.status().ToString().c_str());
    const double seconds = absl::ToDoubleSeconds(*caught_up);
    state.SetIterationTime(seconds);
    state.counters["catch_up_s"] = seconds;
    state.counters["records_per_s"] = count / seconds;
    absl::StatusOr<absl::Duration> searchable = AwaitSearchable((*follower)->channel(), count, start);
    if (!searchable.ok()) return state.SkipWithError(searchable.status().ToString().c_str());
    state.counters["searchable_s"] = absl::ToDoubleSeconds(*searchable);
    state.counters["searchable_per_s"] = count / absl::ToDoubleSeconds(*searchable);

    absl::StatusOr<std::vector<std::string>> names = SomeNames((*federation)->node(kOrigin), 1000);
    if (!names.ok() || names->empty()) return state.SkipWithError("cannot list the origin's records");
    absl::StatusOr<std::vector<double>> lags = LiveLags(**federation, **follower, *names, visible);
    if (!lags.ok()) return state.SkipWithError(lags.status().ToString().c_str());
    state.counters["lag_p50_ms"] = Percentile(*lags, 50) / 1000;
    state.counters["lag_p99_ms"] = Percentile(*lags, 99) / 1000;
    state.counters["lag_max_ms"] = Percentile(*lags, 100) / 1000;
    state.counters["writes_per_s"] = 1 / absl::ToDoubleSeconds(kWriteEvery);
    (void)(*follower)->Stop();
    (void)(*federation)->Stop(kOrigin);
  }
}

void BM_SyncCatchUpAndLiveLag(benchmark::State& state) {
  MeasureFollower(
      state,
      [](e2e::Federation& federation, const std::string&) -> absl::StatusOr<e2e::Wpsd*> {
        if (absl::Status started = federation.Start(kPartner); !started.ok()) return started;
        return &federation.node(kPartner);
      },
      &ReadAtPartner);
}
BENCHMARK(BM_SyncCatchUpAndLiveLag)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// A matching replica of the origin: its mirror of every record, and a search on it finding a write.
void BM_MatchingReplicaCatchUpAndLag(benchmark::State& state) {
  std::unique_ptr<e2e::Wpsd> replica;
  MeasureFollower(
      state,
      [&](e2e::Federation& federation, const std::string& dir) -> absl::StatusOr<e2e::Wpsd*> {
        absl::StatusOr<std::unique_ptr<e2e::Wpsd>> started = federation.StartMatchingReplica(kOrigin, dir + "/replica");
        if (!started.ok()) return started.status();
        replica = *std::move(started);
        return replica.get();
      },
      &FoundAtReplica);
}
BENCHMARK(BM_MatchingReplicaCatchUpAndLag)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
