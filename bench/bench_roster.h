// Generated rosters and shortlist requests for the benchmarks.
//
// A roster of N profiles (clients/sample SampleRosterGenerator, fixed seed) is written once into a data
// directory under $WPS_BENCH_DATA (default build/bench-data) and reused by later runs: generating and
// writing a million profiles takes a while, and every benchmark reads the same one.
#ifndef WPS_BENCH_BENCH_ROSTER_H_
#define WPS_BENCH_BENCH_ROSTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "storage/store.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::bench {

inline constexpr uint64_t kRosterSeed = 1325;

// The data directory holding the generated roster of `count` profiles (and the six sample networks),
// created on first use. Errors of the store as is.
absl::StatusOr<std::string> GeneratedRosterDir(int count);

// As GeneratedRosterDir, with every profile moved into `network` (its id kept) and shared with every
// partner: the roster of one network's server, for the federation benchmark.
absl::StatusOr<std::string> GeneratedNetworkRosterDir(int count, const std::string& network);

// `count` shortlist requests of mixed selectivity from `seed`: broad ones (process countries and
// preferences only), medium ones (a required language, a role, a window, max_per_network) and selective
// ones (two required languages, required expertise, excluded nationalities, a networks filter).
std::vector<matching::v1::ShortlistRequest> GenerateShortlistRequests(int count, uint64_t seed);

// Opens the store in `dir` (a benchmark's generated data directory). On any error, `dir`'s or the
// store's, marks `state` skipped with the reason and returns null.
std::unique_ptr<storage::Store> OpenStoreOrSkip(const absl::StatusOr<std::string>& dir,
                                                benchmark::State& state);

}  // namespace wps::bench

#endif  // WPS_BENCH_BENCH_ROSTER_H_
