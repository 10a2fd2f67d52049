// wpsctl import and export: CSV files of mediators streamed to and from the server, with a progress
// line on a terminal. Return exit codes of command_context.h.
#ifndef WPS_CLIENTS_WPSCTL_CSV_TRANSFER_H_
#define WPS_CLIENTS_WPSCTL_CSV_TRANSFER_H_

#include <cstddef>
#include <string>

#include "clients/wpsctl/command_context.h"

namespace wps::wpsctl {

// The size of each csv_chunk message of an import stream.
inline constexpr size_t kImportChunkBytes = 64 * 1024;

struct ImportOptions {
  std::string file;         // the CSV file; "-" for standard input
  std::string errors_file;  // when set, the per-row errors as CSV (row,field,message)
};
// Streams `file` to ImportMediators. Prints the summary ("created N, updated N, unchanged N,
// failed N"; the response's proto-JSON with --output=json) on ctx.out and each row error on
// ctx.err. kExitOk when no row failed, kExitFailure when some did (the valid rows were kept),
// kExitUsage when the file cannot be read or the import failed as a whole (server unreachable,
// refused).
int ImportMediators(const CommandContext& ctx, const ImportOptions& options);

struct ExportOptions {
  std::string network;   // empty: every network
  std::string out_file;  // empty or "-": ctx.out
};
// Writes the header and one CSV line per record of ExportMediators. kExitFailure when the stream
// fails (what arrived before is written), kExitUsage for a bad network or unwritable file.
int ExportMediators(const CommandContext& ctx, const ExportOptions& options);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_CSV_TRANSFER_H_
