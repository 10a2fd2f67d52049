// Import throughput of a real wpsd over gRPC on loopback, beside a raw RocksDB WriteBatch loop writing
// the same records' bytes in the same run, reported as a ratio; with wpsd's peak RSS and data dir size.
//
//   build/bin/import_bench                                  # 100,000 and 1,000,000 rows
//   build/bin/import_bench --benchmark_filter=/100000       # 100,000 only
//
// Both sides commit in batches of the import batch size (ImportOptions) with a synced WAL, the
// durability wpsd acknowledges with.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "clients/sample/sample_roster.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "services/roster/mediator_csv.h"
#include "services/roster/mediator_import.h"
#include "tests/e2e/wpsd_fixture.h"
#include "tests/testing/temp_dir.h"

namespace wps::bench {
namespace {

constexpr size_t kChunkBytes = 64 << 10;
constexpr uint64_t kSeed = 1325;

struct Roster {
  std::string csv;
  std::vector<std::pair<std::string, std::string>> rows;  // name -> serialized record
};

// The generated roster of `count` rows, as CSV and as the (name, bytes) pairs a store would write.
const Roster& GeneratedRoster(int count) {
  static auto* cache = new std::map<int, Roster>();
  auto [it, inserted] = cache->try_emplace(count);
  if (!inserted) return it->second;
  sample::SampleRosterGenerator generator(kSeed);
  Roster& roster = it->second;
  roster.csv = absl::StrCat(roster::kMediatorCsvHeader, "\n");
  roster.rows.reserve(count);
  for (int i = 0; i < count; ++i) {
    roster::v1::Mediator mediator = generator.Next();
    roster.csv += roster::MediatorToCsvLine(mediator);
    roster.rows.emplace_back(mediator.name(), mediator.SerializeAsString());
  }
  return roster;
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// VmHWM of process `pid` in MiB, 0 when unknown.
double PeakRssMiB(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (!absl::StartsWith(line, "VmHWM:")) continue;
    int64_t kib = 0;
    std::string digits;
    for (char c : line) if (c >= '0' && c <= '9') digits.push_back(c);
    if (absl::SimpleAtoi(digits, &kib)) return kib / 1024.0;
  }
  return 0;
}

// User plus system CPU seconds process `pid` has used, 0 when unknown.
double CpuSeconds(pid_t pid) {
  std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
  std::vector<std::string> fields = absl::StrSplit(text.substr(text.rfind(')') + 2), ' ');
  double utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtod(fields[11], &utime) || !absl::SimpleAtod(fields[12], &stime)) {
    return 0;
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Seconds to write `roster` into a fresh RocksDB in batches of wpsd's import batch size with a synced
// WAL.
double RawRocksDbSeconds(const Roster& roster, benchmark::State& state) {
  testing::TempDir dir;
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir.Join("raw"), &raw).ok()) {
    state.SkipWithError("cannot open the raw RocksDB");
    return 0;
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  const size_t batch_rows = roster::ImportOptions().batch_size;
  const absl::Time start = absl::Now();
  for (size_t i = 0; i < roster.rows.size(); i += batch_rows) {
    rocksdb::WriteBatch batch;
    for (size_t j = i; j < std::min(roster.rows.size(), i + batch_rows); ++j) {
      batch.Put(roster.rows[j].first, roster.rows[j].second);
    }
    if (!db->Write(write_options, &batch).ok()) state.SkipWithError("raw RocksDB write failed");
  }
  return absl::ToDoubleSeconds(absl::Now() - start);
}

// Seconds for wpsd to import `roster` streamed over gRPC; fills `response`.
double GrpcImportSeconds(e2e::Wpsd& wpsd, const Roster& roster, roster::v1::ImportMediatorsResponse& response,
                         benchmark::State& state) {
  grpc::ClientContext context;
  const absl::Time start = absl::Now();
  auto writer = wpsd.roster().ImportMediators(&context, &response);
  for (size_t offset = 0; offset < roster.csv.size(); offset += kChunkBytes) {
    roster::v1::ImportMediatorsRequest request;
    request.set_csv_chunk(roster.csv.substr(offset, kChunkBytes));
    if (!writer->Write(request)) break;
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!status.ok()) state.SkipWithError(status.error_message().c_str());
  return seconds;
}

void BM_ImportVsRawRocksDb(benchmark::State& state) {
  const Roster& roster = GeneratedRoster(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const double raw_seconds = RawRocksDbSeconds(roster, state);
    testing::TempDir dir;
    auto wpsd = e2e::Wpsd::Start(e2e::WpsdOptions{dir.Join("data"), dir.path(), {}});
    if (!wpsd.ok() || !e2e::CreateGlobalAllianceNetworks((*wpsd)->roster()).ok()) {
      state.SkipWithError("wpsd did not start");
      return;
    }
    roster::v1::ImportMediatorsResponse response;
    const double cpu_before = CpuSeconds((*wpsd)->process().pid());
    const double grpc_seconds = GrpcImportSeconds(**wpsd, roster, response, state);
    state.SetIterationTime(grpc_seconds);
    const double rows = static_cast<double>(roster.rows.size());
    state.counters["grpc_rows_per_s"] = rows / grpc_seconds;
    state.counters["raw_rows_per_s"] = rows / raw_seconds;
    state.counters["ratio_grpc_to_raw"] = raw_seconds / grpc_seconds;
    state.counters["created"] = static_cast<double>(response.created());
    state.counters["wpsd_cpu_s"] = CpuSeconds((*wpsd)->process().pid()) - cpu_before;
    state.counters["wpsd_peak_rss_MiB"] = PeakRssMiB((*wpsd)->process().pid());
    state.counters["csv_MiB"] = roster.csv.size() / 1048576.0;
    if (!(*wpsd)->Stop().ok()) state.SkipWithError("wpsd did not stop cleanly");
    state.counters["data_dir_MiB"] = DirectoryBytes(dir.Join("data")) / 1048576.0;
  }
}
BENCHMARK(BM_ImportVsRawRocksDb)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace wps::bench

BENCHMARK_MAIN();
