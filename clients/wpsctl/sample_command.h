// wpsctl gen-sample: the CSV of a generated sample roster (clients/sample), for demos and
// benchmarks.
#ifndef WPS_CLIENTS_WPSCTL_SAMPLE_COMMAND_H_
#define WPS_CLIENTS_WPSCTL_SAMPLE_COMMAND_H_

#include <cstdint>
#include <string>

#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

struct GenSampleOptions {
  int64_t count = 100;
  uint64_t seed = 1;
  std::string out_file;  // empty or "-": ctx.out
};

// Writes the header and `count` generated records. Needs no server. kExitUsage for a negative count
// or an unwritable file.
int GenerateSample(const CommandContext& ctx, const GenSampleOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_SAMPLE_COMMAND_H_
