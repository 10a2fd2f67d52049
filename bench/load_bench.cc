// A mixed load on a real wpsd holding a generated roster: many concurrent clients reading single
// records, searching, asking for shortlists and writing (creates and updates), for a fixed time.
// Reports each kind's latency percentiles, the calls per second, the errors (there should be none)
// and wpsd's resident memory once warm and at the end.
//
//   build/bin/load_bench     # 100,000 profiles: 16 and 64 clients with 20% writes, 16 with none;
//   60 s each build/bin/load_bench
//   --benchmark_filter='MixedLoad/profiles:100000/clients:16/write_percent:0$'
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/bench_measure.h"
#include "bench/bench_roster.h"
#include "benchmark/benchmark.h"
#include "tests/e2e/mixed_load.h"
#include "tests/e2e/wpsd_fixture.h"
#include "tests/testing/temp_dir.h"

namespace wps::bench {
namespace {

constexpr absl::Duration kLoadDuration = absl::Seconds(60);

void BM_MixedLoad(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  absl::StatusOr<std::string> generated = GeneratedRosterDir(count);
  if (!generated.ok()) return state.SkipWithError(generated.status().ToString().c_str());
  for (auto _ : state) {
    // A copy: the load writes, and the generated roster is shared by every benchmark.
    testing::TempDir scratch;
    const std::string data_dir = scratch.Join("data");
    std::error_code error;
    std::filesystem::copy(*generated, data_dir, std::filesystem::copy_options::recursive, error);
    if (error) return state.SkipWithError(error.message().c_str());
    auto wpsd =
        e2e::Wpsd::Start(e2e::WpsdOptions{data_dir, scratch.path(), {}, absl::Seconds(300)});
    if (!wpsd.ok()) return state.SkipWithError(wpsd.status().ToString().c_str());
    e2e::MixedLoadOptions options;
    options.clients = static_cast<int>(state.range(1));
    options.write_percent = static_cast<int>(state.range(2));
    options.duration = kLoadDuration;
    options.shortlists = GenerateShortlistRequests(300, kRosterSeed + 1);
    absl::StatusOr<e2e::MixedLoadResult> load = e2e::RunMixedLoad(**wpsd, options);
    if (!load.ok()) return state.SkipWithError(load.status().ToString().c_str());
    int64_t calls = 0, errors = 0;
    for (auto& [kind, stats] : load->operations) {
      calls += stats.calls;
      errors += stats.errors;
      state.counters[kind + "_p50_ms"] = Percentile(stats.micros, 50) / 1000;
      state.counters[kind + "_p99_ms"] = Percentile(stats.micros, 99) / 1000;
    }
    state.SetIterationTime(absl::ToDoubleSeconds(load->elapsed));
    state.counters["calls_per_s"] =
        static_cast<double>(calls) / absl::ToDoubleSeconds(load->elapsed);
    state.counters["errors"] = static_cast<double>(errors);
    state.counters["rss_warm_mib"] = load->resident_mib[load->resident_mib.size() / 4];
    state.counters["rss_end_mib"] = load->resident_mib.back();
    if (!(*wpsd)->Stop().ok()) state.SkipWithError("wpsd did not stop cleanly");
  }
}
BENCHMARK(BM_MixedLoad)
    ->ArgNames({"profiles", "clients", "write_percent"})
    ->Args({100000, 16, 20})
    ->Args({100000, 64, 20})
    ->Args({100000, 16, 0})
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
