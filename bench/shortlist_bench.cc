// Shortlists at 100,000 and 1,000,000 generated profiles: index start-up time and memory per profile,
// latency in process and over gRPC on loopback (p50/p99), throughput with concurrent clients, and, side
// by side in the same run, PostgreSQL 15 computing the same ranking in SQL over GIN-indexed arrays
// (lists checked identical, latency reported as a ratio).
//
//   build/bin/shortlist_bench                                 # everything, 100k and 1M
//   build/bin/shortlist_bench --benchmark_filter=/100000      # 100k only
//   build/bin/shortlist_bench --benchmark_filter=Postgres     # the side-by-side only
//
// The generated rosters are written once under $WPS_BENCH_DATA (default build/bench-data) and reused.
// The PostgreSQL comparison needs Debian's postgresql package (bench/run_shortlist_bench.sh installs it).
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/spare_thread.h"
#include "base/status_macros.h"
#include "bench/bench_measure.h"
#include "bench/bench_roster.h"
#include "bench/postgres_roster.h"
#include "benchmark/benchmark.h"
#include "grpcpp/grpcpp.h"
#include "services/common/caller.h"
#include "services/matching/process_catalog.h"
#include "services/matching/shortlist_ranking.h"
#include "services/matching/shortlist_request.h"
#include "services/matching/shortlister.h"
#include "services/search/index_follower.h"
#include "services/search/index_snapshot.h"
#include "services/search/mediator_search.h"
#include "storage/mediator_store.h"
#include "storage/store.h"
#include "tests/e2e/wpsd_fixture.h"
#include "tests/testing/temp_dir.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"

namespace wps::bench {
namespace {

using ::wps::matching::v1::ShortlistRequest;

constexpr int kRequestCount = 300;
constexpr uint64_t kRequestSeed = 1820;
constexpr int kThroughputCallsPerClient = 200;
// The in-process ranking is cheap: run the requests several times for steadier percentiles.
constexpr int kRankPasses = 5;
// PostgreSQL takes up to seconds per broad request at a million rows: the side-by-side uses the first
// requests of the same mix.
constexpr size_t kPostgresRequests = 60;

const std::vector<ShortlistRequest>& Requests() {
  static const auto* requests = new std::vector<ShortlistRequest>(GenerateShortlistRequests(kRequestCount, kRequestSeed));
  return *requests;
}

// Other requests of the same mix, which a latency benchmark first sends unmeasured (after reporting
// their own latencies as "cold_"): a server that has served for a while has its caches warm (the
// index's dense copies of popular bitmaps, RocksDB's blocks), but not for the very requests measured.
const std::vector<ShortlistRequest>& WarmUpRequests() {
  static const auto* requests =
      new std::vector<ShortlistRequest>(GenerateShortlistRequests(kRequestCount, kRequestSeed + 1));
  return *requests;
}

// Calls per second of `clients` threads each making kThroughputCallsPerClient RequestShortlist calls.
double Throughput(matching::v1::MatchingService::Stub& stub, int clients) {
  std::atomic<int> failures{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < kThroughputCallsPerClient; ++i) {
        grpc::ClientContext context;
        matching::v1::Shortlist shortlist;
        const ShortlistRequest& request = Requests()[(c * 37 + i) % Requests().size()];
        if (!stub.RequestShortlist(&context, request, &shortlist).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (failures > 0) return 0;
  return clients * kThroughputCallsPerClient / absl::ToDoubleSeconds(absl::Now() - start);
}

bool SameList(const matching::Ranking& ours, const PostgresShortlist& theirs) {
  if (ours.candidates.size() != theirs.candidates.size()) return false;
  if (static_cast<int64_t>(ours.total_matched) != theirs.total_matched) return false;
  for (size_t i = 0; i < ours.candidates.size(); ++i) {
    if (ours.candidates[i].name != theirs.candidates[i].first) return false;
    if (ours.candidates[i].score != theirs.candidates[i].second) return false;
  }
  return true;
}

// How many times to run the requests in process: $WPS_PASSES (more for profiling), else `default_passes`.
int Passes(int default_passes) {
  const char* passes = std::getenv("WPS_PASSES");
  return passes != nullptr ? std::max(1, std::atoi(passes)) : default_passes;
}

// Latencies in microseconds of `call` on each request of `requests`; empty when a call fails.
template <typename Call>
std::vector<double> LatenciesOf(const std::vector<ShortlistRequest>& requests, Call call) {
  std::vector<double> micros;
  for (const ShortlistRequest& request : requests) {
    const absl::Time start = absl::Now();
    if (!call(request)) return {};
    micros.push_back(Micros(start));
  }
  return micros;
}

// CPU time of the calling thread, in microseconds: unlike wall time, not inflated while the thread
// waits for a core on this shared 2-core machine.
double ThreadCpuMicros() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e6 + now.tv_nsec / 1e3;
}

std::unique_ptr<storage::Store> OpenRoster(int count, benchmark::State& state) {
  return OpenStoreOrSkip(GeneratedRosterDir(count), state);
}

// The index of the generated roster `count`, started as wpsd starts it: from the snapshot in the roster's
// directory when there is one (saved by the first benchmark or wpsd that built it).
absl::StatusOr<std::unique_ptr<search::IndexFollower>> StartIndex(int count, storage::Store& store) {
  WPS_ASSIGN_OR_RETURN(std::string dir, GeneratedRosterDir(count));
  return search::IndexFollower::Start(
      store, search::IndexFollowerOptions{absl::StrCat(dir, "/", search::kIndexSnapshotFile)});
}

std::vector<matching::RankingQuery> RankingQueries() {
  std::vector<matching::RankingQuery> queries;
  for (const ShortlistRequest& request : Requests()) queries.push_back(*matching::ToRankingQuery(request));
  return queries;
}

// Index start-up side by side: a full build from storage (the scan of every record included), then the
// snapshot the follower saves at shutdown, then a start from that snapshot; what the index holds per
// profile.
void BM_IndexBuild(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  testing::TempDir snapshot_dir;
  const search::IndexFollowerOptions options{snapshot_dir.Join(search::kIndexSnapshotFile)};
  for (auto _ : state) {
    const double heap_before = HeapBytesInUse();
    const double rss_before = StatusMiB("/proc/self/status", "VmRSS");
    absl::StatusOr<std::unique_ptr<search::IndexFollower>> built = search::IndexFollower::Start(*store);
    if (!built.ok()) return state.SkipWithError(built.status().ToString().c_str());
    const double build_s = absl::ToDoubleSeconds((*built)->build_stats().elapsed);
    state.SetIterationTime(build_s);
    state.counters["build_s"] = build_s;
    state.counters["records"] = static_cast<double>((*built)->build_stats().records);
    state.counters["heap_bytes_per_profile"] = (HeapBytesInUse() - heap_before) / count;
    state.counters["rss_bytes_per_profile"] =
        (StatusMiB("/proc/self/status", "VmRSS") - rss_before) * 1048576.0 / count;
    built->reset();

    const absl::Time save_start = absl::Now();
    {
      // A follower that builds, then saves its snapshot when it stops.
      absl::StatusOr<std::unique_ptr<search::IndexFollower>> saving = search::IndexFollower::Start(*store, options);
      if (!saving.ok()) return state.SkipWithError(saving.status().ToString().c_str());
    }
    state.counters["build_and_save_s"] = absl::ToDoubleSeconds(absl::Now() - save_start);
    state.counters["snapshot_bytes_per_profile"] =
        static_cast<double>(std::filesystem::file_size(options.snapshot_path)) / count;
    absl::StatusOr<std::unique_ptr<search::IndexFollower>> loaded = search::IndexFollower::Start(*store, options);
    if (!loaded.ok() || !(*loaded)->build_stats().from_snapshot) return state.SkipWithError("snapshot not loaded");
    const double load_s = absl::ToDoubleSeconds((*loaded)->build_stats().elapsed);
    state.counters["snapshot_load_s"] = load_s;
    state.counters["build_over_load"] = build_s / load_s;
  }
}
BENCHMARK(BM_IndexBuild)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// Wall and thread CPU microseconds of RankCandidates(options) under the index's read lock, for each
// pass over `queries`.
struct RankTimes {
  std::vector<double> micros, cpu_micros;
};
RankTimes TimeRankings(const search::IndexFollower& index,
                       const std::vector<matching::RankingQuery>& queries,
                       const matching::RankingOptions& options, uint64_t& matched) {
  RankTimes times;
  for (int pass = 0; pass < Passes(kRankPasses); ++pass) {
    for (const matching::RankingQuery& query : queries) {
      const absl::Time start = absl::Now();
      const double cpu_start = ThreadCpuMicros();
      matched += index.index().Read([&](const search::MediatorIndex& idx) {
        return matching::RankCandidates(idx, query, options).total_matched;
      });
      times.cpu_micros.push_back(ThreadCpuMicros() - cpu_start);
      times.micros.push_back(Micros(start));
    }
  }
  return times;
}

// Latency of the ranking alone in process: RankCandidates under the index's read lock, on one
// thread, and side by side with broad requests ranked as two halves on two threads (as wpsd ranks
// them when its spare thread is idle). The slowest requests on one thread are printed.
void BM_RankInProcess(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<search::IndexFollower>> index = StartIndex(count, *store);
  if (!index.ok()) return state.SkipWithError(index.status().ToString().c_str());
  const std::vector<matching::RankingQuery> queries = RankingQueries();
  SpareThread spare;
  for (auto _ : state) {
    uint64_t matched = 0;
    RankTimes one = TimeRankings(**index, queries, matching::RankingOptions{}, matched);
    RankTimes two = TimeRankings(**index, queries, matching::RankingOptions{&spare}, matched);
    std::vector<std::pair<double, size_t>> by_time;
    for (size_t i = 0; i < one.cpu_micros.size(); ++i)
      by_time.emplace_back(one.cpu_micros[i], i % queries.size());
    std::sort(by_time.rbegin(), by_time.rend());
    for (size_t k = 0; k < 6 && k < by_time.size(); ++k) {
      std::cerr << "  " << by_time[k].first << " us cpu: " << Requests()[by_time[k].second].ShortDebugString() << "\n";
    }
    state.SetIterationTime(Percentile(one.micros, 50) / 1e6);
    state.counters["p50_us"] = Percentile(one.micros, 50);
    state.counters["p99_us"] = Percentile(one.micros, 99);
    state.counters["max_us"] = Percentile(one.micros, 100);
    state.counters["cpu_p50_us"] = Percentile(one.cpu_micros, 50);
    state.counters["cpu_p99_us"] = Percentile(one.cpu_micros, 99);
    state.counters["two_threads_p50_us"] = Percentile(two.micros, 50);
    state.counters["two_threads_p99_us"] = Percentile(two.micros, 99);
    state.counters["p99_one_over_two_threads"] =
        Percentile(one.micros, 99) / Percentile(two.micros, 99);
    state.counters["mean_matched"] =
        static_cast<double>(matched) / (one.micros.size() + two.micros.size());
  }
}
BENCHMARK(BM_RankInProcess)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

// Latency of the whole RequestShortlist in process: validation, ranking, records read, reasons, and the
// shortlist stored.
void BM_ShortlistInProcess(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<search::IndexFollower>> index = StartIndex(count, *store);
  if (!index.ok()) return state.SkipWithError(index.status().ToString().c_str());
  matching::ProcessCatalog processes(*store);
  matching::Shortlister shortlister(*store, **index);
  const common::Caller caller{"bench", common::Role::kAdmin, "", "in-process"};
  auto process_of = [&](const std::string& name) {
    matching::v1::GetProcessRequest get;
    get.set_name(name);
    return processes.GetProcess(caller, get);
  };
  auto call = [&](const ShortlistRequest& request) {
    return shortlister.RequestShortlist(caller, request, process_of).ok();
  };
  for (auto _ : state) {
    std::vector<double> cold = LatenciesOf(WarmUpRequests(), call);
    std::vector<double> micros = LatenciesOf(Requests(), call);
    if (cold.empty() || micros.empty()) return state.SkipWithError("RequestShortlist failed");
    state.SetIterationTime(Percentile(micros, 50) / 1e6);
    state.counters["cold_p50_us"] = Percentile(cold, 50);
    state.counters["cold_p99_us"] = Percentile(cold, 99);
    state.counters["p50_us"] = Percentile(micros, 50);
    state.counters["p99_us"] = Percentile(micros, 99);
  }
}
BENCHMARK(BM_ShortlistInProcess)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

// The records a shortlist reads after ranking (one MultiGet of its candidates' names, parsed), per
// request and per record, warm-up requests first as in the latency benchmarks. Each read follows a
// ranking, as in RequestShortlist, so it starts with the CPU caches holding the index's words, not
// RocksDB's blocks: that is most of its cost (a second read of the same names takes half as long).
void BM_CandidateRecords(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<search::IndexFollower>> index = StartIndex(count, *store);
  if (!index.ok()) return state.SkipWithError(index.status().ToString().c_str());
  auto names_of = [&](const ShortlistRequest& request) {
    const matching::RankingQuery query = *matching::ToRankingQuery(request);
    std::vector<std::string> names;
    (*index)->index().Read([&](const search::MediatorIndex& idx) {
      for (const auto& candidate : matching::RankCandidates(idx, query).candidates) names.push_back(candidate.name);
    });
    return names;
  };
  const storage::MediatorStore mediators(*store);
  for (auto _ : state) {
    for (const ShortlistRequest& request : WarmUpRequests()) mediators.GetMany(names_of(request));
    std::vector<double> micros, per_record;
    for (const ShortlistRequest& request : Requests()) {
      const std::vector<std::string> names = names_of(request);
      const absl::Time start = absl::Now();
      for (const auto& record : mediators.GetMany(names)) {
        if (!record.ok()) return state.SkipWithError(record.status().ToString().c_str());
      }
      micros.push_back(Micros(start));
      if (!names.empty()) per_record.push_back(micros.back() / static_cast<double>(names.size()));
    }
    state.SetIterationTime(Percentile(micros, 50) / 1e6);
    state.counters["p50_us"] = Percentile(micros, 50);
    state.counters["p99_us"] = Percentile(micros, 99);
    state.counters["per_record_p50_us"] = Percentile(per_record, 50);
    state.counters["per_record_p99_us"] = Percentile(per_record, 99);
  }
}
BENCHMARK(BM_CandidateRecords)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

// SearchMediators in process (a page of 50 records read from the store, with every facet counted) for
// text queries, filters and both.
void BM_SearchInProcess(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<search::IndexFollower>> index = StartIndex(count, *store);
  if (!index.ok()) return state.SkipWithError(index.status().ToString().c_str());
  search::MediatorSearch search(*store, **index);
  std::vector<roster::v1::SearchMediatorsRequest> requests(8);
  requests[0].set_query("amina");
  requests[1].set_query("sigur");
  requests[2].set_query("Нгуен");
  requests[3].set_query("ceasefire negotiation");
  auto* language = requests[4].add_languages();
  language->set_code("ar");
  language->set_min_level(type::LANGUAGE_LEVEL_C1);
  requests[4].add_countries_or_regions("015");
  requests[5].add_expertise("ddr");
  requests[5].add_expertise("ssr");
  requests[5].add_networks("femwise-africa");
  requests[6].set_query("fatima");
  requests[6].add_availability(roster::v1::AVAILABLE);
  for (auto& request : requests) {
    for (const char* facet : {"languages", "countries_or_regions", "expertise", "roles", "networks", "availability"}) {
      request.add_facets(facet);
    }
  }
  const common::Caller caller{"bench", common::Role::kAdmin, "", "in-process"};
  for (auto _ : state) {
    std::vector<double> micros;
    for (int pass = 0; pass < 20; ++pass) {
      for (const auto& request : requests) {
        const absl::Time start = absl::Now();
        if (!search.Search(caller, request).ok()) return state.SkipWithError("Search failed");
        micros.push_back(Micros(start));
      }
    }
    state.SetIterationTime(Percentile(micros, 50) / 1e6);
    state.counters["p50_us"] = Percentile(micros, 50);
    state.counters["p99_us"] = Percentile(micros, 99);
  }
}
BENCHMARK(BM_SearchInProcess)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

// Over gRPC on loopback to a real wpsd on the generated roster: its start-up until serving (store open
// and index build), sequential latency, throughput with 1, 4 and 16 concurrent clients, and its RSS.
void BM_ShortlistGrpc(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  absl::StatusOr<std::string> dir = GeneratedRosterDir(count);
  if (!dir.ok()) return state.SkipWithError(dir.status().ToString().c_str());
  for (auto _ : state) {
    testing::TempDir logs;
    // Started twice: without a snapshot (a full build, which it saves at the SIGTERM), then from it.
    if (!search::RemoveIndexSnapshot(absl::StrCat(*dir, "/", search::kIndexSnapshotFile)).ok()) {
      return state.SkipWithError("cannot remove the index snapshot");
    }
    absl::Time start = absl::Now();
    auto first = e2e::Wpsd::Start(e2e::WpsdOptions{*dir, logs.path(), {}, absl::Seconds(300)});
    if (!first.ok()) return state.SkipWithError(first.status().ToString().c_str());
    state.counters["startup_full_build_s"] = absl::ToDoubleSeconds(absl::Now() - start);
    if (!(*first)->Stop().ok()) return state.SkipWithError("wpsd did not stop cleanly");
    start = absl::Now();
    auto wpsd = e2e::Wpsd::Start(e2e::WpsdOptions{*dir, logs.path(), {}, absl::Seconds(300)});
    if (!wpsd.ok()) return state.SkipWithError(wpsd.status().ToString().c_str());
    state.counters["startup_s"] = absl::ToDoubleSeconds(absl::Now() - start);
    auto stub = matching::v1::MatchingService::NewStub((*wpsd)->channel());
    auto call = [&](const ShortlistRequest& request) {
      grpc::ClientContext context;
      matching::v1::Shortlist shortlist;
      return stub->RequestShortlist(&context, request, &shortlist).ok();
    };
    std::vector<double> cold = LatenciesOf(WarmUpRequests(), call);
    std::vector<double> micros = LatenciesOf(Requests(), call);
    if (cold.empty() || micros.empty()) return state.SkipWithError("RPC failed");
    state.SetIterationTime(Percentile(micros, 50) / 1e6);
    state.counters["cold_p50_us"] = Percentile(cold, 50);
    state.counters["cold_p99_us"] = Percentile(cold, 99);
    state.counters["p50_us"] = Percentile(micros, 50);
    state.counters["p99_us"] = Percentile(micros, 99);
    for (int clients : {1, 4, 16}) {
      state.counters[absl::StrCat("calls_per_s_", clients, "_clients")] = Throughput(*stub, clients);
    }
    state.counters["wpsd_rss_bytes_per_profile"] =
        StatusMiB(absl::StrCat("/proc/", (*wpsd)->process().pid(), "/status"), "VmRSS") * 1048576.0 / count;
    if (!(*wpsd)->Stop().ok()) state.SkipWithError("wpsd did not stop cleanly");
  }
}
BENCHMARK(BM_ShortlistGrpc)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

std::vector<roster::v1::Mediator> LiveRecords(const storage::Store& store) {
  std::vector<roster::v1::Mediator> records;
  storage::MediatorStore mediators(const_cast<storage::Store&>(store));
  (void)mediators.Scan("", "", /*include_deleted=*/false, [&](roster::v1::Mediator&& mediator) {
    records.push_back(std::move(mediator));
    return true;
  });
  return records;
}

// Side by side in one run: the same requests ranked by wpsd's index and by PostgreSQL 15 in SQL over
// GIN-indexed arrays; the lists must be identical (names and scores); the latency ratio is reported.
void BM_ShortlistVsPostgres(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  std::unique_ptr<storage::Store> store = OpenRoster(count, state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<PostgresRoster>> postgres = PostgresRoster::Start();
  if (!postgres.ok()) return state.SkipWithError(postgres.status().ToString().c_str());
  const absl::Time load_start = absl::Now();
  if (absl::Status loaded = (*postgres)->Load(LiveRecords(*store)); !loaded.ok()) {
    return state.SkipWithError(loaded.ToString().c_str());
  }
  state.counters["postgres_load_s"] = absl::ToDoubleSeconds(absl::Now() - load_start);
  absl::StatusOr<std::unique_ptr<search::IndexFollower>> index = StartIndex(count, *store);
  if (!index.ok()) return state.SkipWithError(index.status().ToString().c_str());
  const std::vector<matching::RankingQuery> queries = RankingQueries();
  for (auto _ : state) {
    std::vector<double> ours, theirs;
    int identical = 0;
    for (size_t i = 0; i < queries.size() && i < kPostgresRequests; ++i) {
      absl::Time start = absl::Now();
      const matching::Ranking ranking = (*index)->index().Read(
          [&](const search::MediatorIndex& idx) { return matching::RankCandidates(idx, queries[i]); });
      ours.push_back(Micros(start));
      start = absl::Now();
      absl::StatusOr<PostgresShortlist> sql = (*postgres)->Shortlist(queries[i]);
      theirs.push_back(Micros(start));
      if (!sql.ok()) return state.SkipWithError(sql.status().ToString().c_str());
      identical += SameList(ranking, *sql) ? 1 : 0;
      if (!SameList(ranking, *sql)) std::cerr << "lists differ for " << Requests()[i].ShortDebugString() << "\n";
    }
    state.SetIterationTime(Percentile(ours, 50) / 1e6);
    state.counters["requests"] = static_cast<double>(ours.size());
    state.counters["identical_lists"] = identical;
    state.counters["ours_p50_us"] = Percentile(ours, 50);
    state.counters["postgres_p50_us"] = Percentile(theirs, 50);
    state.counters["ratio_p50_postgres_to_ours"] = Percentile(theirs, 50) / Percentile(ours, 50);
  }
}
BENCHMARK(BM_ShortlistVsPostgres)->Arg(100000)->Arg(1000000)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
