// Gender balance at 10,000 processes of 10 rounds (3 to 5 delegations of 10 to 20 members per round,
// generated deterministically and written through the real stores): the catalog's load time and
// memory at start, and GetBalanceReport latency (p50/p99) in process and over gRPC on loopback against
// a real wpsd, beside GetBalance of one round.
//
//   build/bin/balance_bench                                   # everything
//   build/bin/balance_bench --benchmark_filter=Report         # the report only
//
// The generated data is written once under $WPS_BENCH_DATA (default build/bench-data, relative to the
// working directory) and reused. It is written with an unsynced WAL (StoreOptions::sync_writes off):
// the benchmark measures reads, and ~500,000 synced writes would take most of an hour on these disks.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "bench/bench_measure.h"
#include "bench/bench_roster.h"
#include "benchmark/benchmark.h"
#include "grpcpp/grpcpp.h"
#include "services/balance/balance_catalog.h"
#include "services/balance/balance_tracker.h"
#include "services/common/caller.h"
#include "storage/delegation_store.h"
#include "storage/process_store.h"
#include "storage/round_store.h"
#include "storage/store.h"
#include "tests/e2e/wpsd_fixture.h"
#include "tests/testing/temp_dir.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"

namespace wps::bench {
namespace {

namespace bv1 = ::wps::balance::v1;
using Member = bv1::Member;

constexpr int kProcesses = 10000;
constexpr int kRoundsPerProcess = 10;
constexpr uint64_t kSeed = 2026;
constexpr int kReportCalls = 60;
constexpr int kBalanceCalls = 2000;
constexpr const char* kCountries[] = {"SD", "SS", "ET", "SO", "LY", "YE", "SY", "ML", "CD", "CF", "MZ",
                                      "AF", "MM", "CO", "UA", "GE", "KE", "NG", "BF", "IQ", "LB", "PS"};

int Between(std::mt19937_64& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

bool Chance(std::mt19937_64& random, double p) { return std::bernoulli_distribution(p)(random); }

matching::v1::PeaceProcess MakeProcess(int i, std::mt19937_64& random) {
  matching::v1::PeaceProcess process;
  process.set_name(absl::StrCat("processes/p", i));
  process.set_display_name(absl::StrCat("Peace process number ", i));
  const int first = Between(random, 0, std::size(kCountries) - 1);
  process.add_countries(kCountries[first]);
  if (Chance(random, 0.3)) process.add_countries(kCountries[(first + 1) % std::size(kCountries)]);
  if (Chance(random, 0.2)) process.set_target_women_share(0.5);
  return process;
}

// Round r of a process starting at `first`: every two months.
bv1::Round MakeRound(const std::string& process, int r, absl::CivilDay first) {
  bv1::Round round;
  round.set_name(absl::StrCat(process, "/rounds/round-", r));
  round.set_display_name(absl::StrCat("Round ", r + 1));
  round.set_start_date(absl::FormatCivilTime(first + 61 * r));
  round.set_location("Geneva");
  return round;
}

// A delegation of 10 to 20 members: one head, then negotiators (or mediators for a mediation team),
// advisers, technical experts and, at some rounds, a signatory; women at a share drawn per delegation.
bv1::Delegation MakeDelegation(const std::string& round, int d, std::mt19937_64& random) {
  static constexpr bv1::Delegation::Kind kKinds[] = {bv1::Delegation::PARTY, bv1::Delegation::PARTY,
                                                     bv1::Delegation::MEDIATION,
                                                     bv1::Delegation::OBSERVER,
                                                     bv1::Delegation::CIVIL_SOCIETY};
  bv1::Delegation delegation;
  delegation.set_id(absl::StrCat("delegation-", d));
  delegation.set_name(absl::StrCat(round, "/delegations/", delegation.id()));
  delegation.set_display_name(absl::StrCat("Delegation of party ", d + 1));
  delegation.set_kind(kKinds[d]);
  const int members = Between(random, 10, 20);
  const double women_share = std::uniform_real_distribution<double>(0.0, 0.6)(random);
  for (int m = 0; m < members; ++m) {
    Member* member = delegation.add_members();
    member->set_display_name(absl::StrCat("Member ", m + 1, " of delegation ", d + 1));
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random);
    member->set_gender(draw < women_share ? Member::WOMAN
                       : draw < 0.95      ? Member::MAN
                       : draw < 0.97      ? Member::OTHER
                                          : Member::UNDISCLOSED);
    const bool mediation = delegation.kind() == bv1::Delegation::MEDIATION;
    member->set_role(m == 0                 ? Member::HEAD
                     : m == members - 1 && Chance(random, 0.3) ? Member::SIGNATORY
                     : m < members / 2      ? (mediation ? Member::MEDIATOR : Member::NEGOTIATOR)
                     : m % 2 == 0           ? Member::ADVISER
                                            : Member::TECHNICAL_EXPERT);
  }
  return delegation;
}

absl::Status WriteProcess(int i, std::mt19937_64& random, storage::ProcessStore& processes,
                          storage::RoundStore& rounds, storage::DelegationStore& delegations) {
  const matching::v1::PeaceProcess process = MakeProcess(i, random);
  WPS_RETURN_IF_ERROR(processes.Create(process).status());
  const absl::CivilDay first = absl::CivilDay(2018, 1, 1) + Between(random, 0, 2000);
  for (int r = 0; r < kRoundsPerProcess; ++r) {
    const bv1::Round round = MakeRound(process.name(), r, first);
    WPS_RETURN_IF_ERROR(rounds.Create(round).status());
    const int count = Between(random, 3, 5);
    for (int d = 0; d < count; ++d) {
      WPS_RETURN_IF_ERROR(delegations.Put(MakeDelegation(round.name(), d, random), "").status());
    }
  }
  return absl::OkStatus();
}

absl::Status WriteBalanceData(const std::string& dir) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                       storage::Store::Open(storage::StoreOptions{dir, /*sync_writes=*/false}));
  storage::ProcessStore processes(*store);
  storage::RoundStore rounds(*store);
  storage::DelegationStore delegations(*store);
  std::mt19937_64 random(kSeed);
  for (int i = 0; i < kProcesses; ++i) {
    WPS_RETURN_IF_ERROR(WriteProcess(i, random, processes, rounds, delegations));
    if ((i + 1) % 1000 == 0) std::cerr << "  generated " << i + 1 << " of " << kProcesses << " processes\n";
  }
  return absl::OkStatus();
}

// The data directory of the generated processes, written on first use.
absl::StatusOr<std::string> BalanceDataDir() {
  const char* root = std::getenv("WPS_BENCH_DATA");
  const std::string dir = absl::StrCat(root != nullptr ? root : "build/bench-data", "/balance-",
                                       kProcesses, "x", kRoundsPerProcess);
  const std::string done = dir + "/GENERATED";
  if (std::filesystem::exists(done)) return dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::cerr << "generating " << kProcesses << " processes into " << dir << "\n";
  WPS_RETURN_IF_ERROR(WriteBalanceData(dir));
  std::ofstream(done) << "complete\n";
  return dir;
}

std::unique_ptr<storage::Store> OpenData(benchmark::State& state) {
  return OpenStoreOrSkip(BalanceDataDir(), state);
}


// The report requests measured: every process, two countries, and one year.
std::vector<bv1::GetBalanceReportRequest> ReportRequests() {
  std::vector<bv1::GetBalanceReportRequest> requests(3);
  requests[1].add_countries("SD");
  requests[1].add_countries("CO");
  requests[2].set_from_date("2021-01-01");
  requests[2].set_to_date("2021-12-31");
  return requests;
}

constexpr const char* kReportLabels[] = {"all processes", "countries SD,CO", "year 2021"};

void SetLatencyCounters(benchmark::State& state, std::vector<double>& micros) {
  state.SetIterationTime(Percentile(micros, 50) / 1e6);
  state.counters["p50_ms"] = Percentile(micros, 50) / 1000;
  state.counters["p99_ms"] = Percentile(micros, 99) / 1000;
  state.counters["max_ms"] = Percentile(micros, 100) / 1000;
}

// Catalog start-up: the scan of every process, round and delegation, and what the catalog holds: its
// own estimate, and the heap it gives back when destroyed (measured that way because the scan also
// fills RocksDB's block cache, which stays).
void BM_CatalogLoad(benchmark::State& state) {
  std::unique_ptr<storage::Store> store = OpenData(state);
  if (!store) return;
  for (auto _ : state) {
    const double rss_before = StatusMiB("/proc/self/status", "VmRSS");
    absl::StatusOr<std::unique_ptr<balance::BalanceCatalog>> catalog = balance::BalanceCatalog::Start(*store);
    if (!catalog.ok()) return state.SkipWithError(catalog.status().ToString().c_str());
    const balance::CatalogLoadStats stats = (*catalog)->load_stats();
    state.SetIterationTime(absl::ToDoubleSeconds(stats.elapsed));
    state.counters["load_s"] = absl::ToDoubleSeconds(stats.elapsed);
    state.counters["processes"] = static_cast<double>(stats.processes);
    state.counters["rounds"] = static_cast<double>(stats.rounds);
    state.counters["delegations"] = static_cast<double>(stats.delegations);
    state.counters["estimate_MiB"] = (*catalog)->MemoryBytes() / 1048576.0;
    state.counters["rss_delta_MiB"] = StatusMiB("/proc/self/status", "VmRSS") - rss_before;
    const double heap_loaded = HeapBytesInUse();
    catalog->reset();
    const double catalog_heap = heap_loaded - HeapBytesInUse();
    state.counters["heap_MiB"] = catalog_heap / 1048576.0;
    state.counters["heap_B_per_delegation"] = catalog_heap / static_cast<double>(stats.delegations);
  }
}
BENCHMARK(BM_CatalogLoad)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// GetBalanceReport in process: validation, catch-up check, and the report built from the catalog.
void BM_ReportInProcess(benchmark::State& state) {
  std::unique_ptr<storage::Store> store = OpenData(state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<balance::BalanceCatalog>> catalog = balance::BalanceCatalog::Start(*store);
  if (!catalog.ok()) return state.SkipWithError(catalog.status().ToString().c_str());
  balance::BalanceTracker tracker(*store, **catalog);
  const common::Caller caller{"bench", common::Role::kAdmin, "", "in-process"};
  const bv1::GetBalanceReportRequest request = ReportRequests()[state.range(0)];
  state.SetLabel(kReportLabels[state.range(0)]);
  for (auto _ : state) {
    std::vector<double> micros;
    int rows = 0;
    for (int i = 0; i < kReportCalls; ++i) {
      const absl::Time start = absl::Now();
      absl::StatusOr<bv1::BalanceReport> report = tracker.GetBalanceReport(caller, request);
      micros.push_back(Micros(start));
      if (!report.ok()) return state.SkipWithError(report.status().ToString().c_str());
      rows = report->rows_size();
    }
    SetLatencyCounters(state, micros);
    state.counters["rows"] = rows;
  }
}
BENCHMARK(BM_ReportInProcess)->DenseRange(0, 2)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

// GetBalance of the latest round of random processes, in process.
void BM_BalanceInProcess(benchmark::State& state) {
  std::unique_ptr<storage::Store> store = OpenData(state);
  if (!store) return;
  absl::StatusOr<std::unique_ptr<balance::BalanceCatalog>> catalog = balance::BalanceCatalog::Start(*store);
  if (!catalog.ok()) return state.SkipWithError(catalog.status().ToString().c_str());
  balance::BalanceTracker tracker(*store, **catalog);
  const common::Caller caller{"bench", common::Role::kAdmin, "", "in-process"};
  std::mt19937_64 random(kSeed + 1);
  for (auto _ : state) {
    std::vector<double> micros;
    for (int i = 0; i < kBalanceCalls; ++i) {
      bv1::GetBalanceRequest request;
      request.set_process(absl::StrCat("processes/p", Between(random, 0, kProcesses - 1)));
      const absl::Time start = absl::Now();
      if (!tracker.GetBalance(caller, request).ok()) return state.SkipWithError("GetBalance failed");
      micros.push_back(Micros(start));
    }
    state.SetIterationTime(Percentile(micros, 50) / 1e6);
    state.counters["p50_us"] = Percentile(micros, 50);
    state.counters["p99_us"] = Percentile(micros, 99);
  }
}
BENCHMARK(BM_BalanceInProcess)->Iterations(1)->UseManualTime()->Unit(benchmark::kMicrosecond);

// GetBalanceReport and GetBalance over gRPC on loopback against a real wpsd on the generated data:
// its start-up (catalog load included), report latency and size, and its RSS.
void BM_ReportOverGrpc(benchmark::State& state) {
  absl::StatusOr<std::string> dir = BalanceDataDir();
  if (!dir.ok()) return state.SkipWithError(dir.status().ToString().c_str());
  for (auto _ : state) {
    // A fresh log dir: the fixture numbers its files from 1 in each run, and an old ready file would
    // name an old port.
    testing::TempDir logs;
    const absl::Time start = absl::Now();
    auto wpsd = e2e::Wpsd::Start(e2e::WpsdOptions{*dir, logs.path(), {"--services=balance"}});
    if (!wpsd.ok()) return state.SkipWithError(wpsd.status().ToString().c_str());
    state.counters["wpsd_ready_s"] = absl::ToDoubleSeconds(absl::Now() - start);
    auto stub = bv1::BalanceService::NewStub((*wpsd)->channel());
    const std::vector<bv1::GetBalanceReportRequest> requests = ReportRequests();
    for (size_t kind = 0; kind < requests.size(); ++kind) {
      std::vector<double> micros;
      size_t bytes = 0;
      for (int i = 0; i < kReportCalls; ++i) {
        grpc::ClientContext context;
        bv1::BalanceReport report;
        const absl::Time call_start = absl::Now();
        grpc::Status status = stub->GetBalanceReport(&context, requests[kind], &report);
        micros.push_back(Micros(call_start));
        if (!status.ok()) return state.SkipWithError(status.error_message().c_str());
        bytes = report.ByteSizeLong();
      }
      const std::string prefix = absl::StrCat("report", kind, "_");
      if (kind == 0) state.SetIterationTime(Percentile(micros, 50) / 1e6);
      state.counters[prefix + "p50_ms"] = Percentile(micros, 50) / 1000;
      state.counters[prefix + "p99_ms"] = Percentile(micros, 99) / 1000;
      state.counters[prefix + "KiB"] = bytes / 1024.0;
    }
    std::mt19937_64 random(kSeed + 2);
    std::vector<double> micros;
    for (int i = 0; i < kBalanceCalls; ++i) {
      grpc::ClientContext context;
      bv1::GetBalanceRequest request;
      request.set_process(absl::StrCat("processes/p", Between(random, 0, kProcesses - 1)));
      bv1::Balance balance;
      const absl::Time call_start = absl::Now();
      if (!stub->GetBalance(&context, request, &balance).ok()) return state.SkipWithError("GetBalance failed");
      micros.push_back(Micros(call_start));
    }
    state.counters["balance_p50_us"] = Percentile(micros, 50);
    state.counters["balance_p99_us"] = Percentile(micros, 99);
    const std::string proc = absl::StrCat("/proc/", (*wpsd)->process().pid(), "/status");
    state.counters["wpsd_rss_MiB"] = StatusMiB(proc, "VmRSS");
    state.counters["wpsd_peak_rss_MiB"] = StatusMiB(proc, "VmHWM");
    if (!(*wpsd)->Stop().ok()) state.SkipWithError("wpsd did not stop cleanly");
  }
}
BENCHMARK(BM_ReportOverGrpc)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
