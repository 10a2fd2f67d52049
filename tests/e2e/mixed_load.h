// A mixed load on a real wpsd, for the load test (tests/e2e/operations_e2e_test) and the load
// benchmark (bench/load_bench): many concurrent clients, each calling in a loop until a fixed time
// has passed — reads of single records, searches, shortlists and writes (creates and updates) in
// fixed shares — with every call's latency and status kept, and the server's resident memory
// sampled as it runs.
//
// Thread safety: RunMixedLoad runs its own threads; call it from one.
#ifndef WPS_TESTS_E2E_MIXED_LOAD_H_
#define WPS_TESTS_E2E_MIXED_LOAD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/e2e/wpsd_fixture.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::e2e {

struct MixedLoadOptions {
  int clients = 16;
  absl::Duration duration = absl::Seconds(10);
  uint64_t seed = 1;
  // Shortlist requests to draw from (none: shortlists are left out).
  std::vector<matching::v1::ShortlistRequest> shortlists;
  // Where the writes go: new records under networks/WRITE_NETWORK, then updates of them.
  std::string write_network = "nordic";
  // The shares of the calls: reads 40%, searches 25%, shortlists 15%, writes 20% by default. With
  // writes at 0 the reads take their share (a load that adds nothing, for a flat memory).
  int write_percent = 20;
};

// One kind of call: how many, how many failed (with a few of their messages), and every latency.
struct OperationStats {
  int64_t calls = 0;
  int64_t errors = 0;
  std::vector<std::string> error_samples;
  std::vector<double> micros;
};

struct MixedLoadResult {
  // By kind: "get", "search", "shortlist", "create", "update".
  std::map<std::string, OperationStats> operations;
  // wpsd's VmRSS in MiB, sampled every 500 ms from the start of the load to its end.
  std::vector<double> resident_mib;
  absl::Duration elapsed;
};

// Runs the load against `wpsd` (which must hold some live records: their names are read first, for
// the reads). FAILED_PRECONDITION when it holds none.
absl::StatusOr<MixedLoadResult> RunMixedLoad(Wpsd& wpsd, const MixedLoadOptions& options);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_MIXED_LOAD_H_
