#include "clients/wpsctl/csv_transfer.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/import_report.h"
#include "clients/wpsctl/progress_bar.h"
#include "clients/wpsctl/resource_names.h"
#include "clients/wpsctl/rpc_errors.h"
#include "services/roster/mediator_csv.h"

namespace wps::wpsctl {
namespace {

using roster::v1::ImportMediatorsRequest;
using roster::v1::ImportMediatorsResponse;

struct FileCloser {
  void operator()(std::FILE* file) const {
    if (file != stdin) std::fclose(file);
  }
};
using InputFile = std::unique_ptr<std::FILE, FileCloser>;

// The input and its size in bytes (-1 when unknown: standard input, a pipe).
absl::StatusOr<std::pair<InputFile, int64_t>> OpenInput(const std::string& path) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) return FileError(errno, "read", path);
  struct stat info;
  int64_t size = -1;
  if (fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode)) size = info.st_size;
  return std::make_pair(InputFile(file), size);
}

// Sends the file in chunks; stops early when the server ends the stream (its status says why).
// Returns a read error of the file, OK otherwise.
absl::Status SendChunks(std::FILE* file, int64_t total, const std::string& path,
                        grpc::ClientWriterInterface<ImportMediatorsRequest>& writer,
                        ProgressBar& progress) {
  std::string buffer(kImportChunkBytes, '\0');
  ImportMediatorsRequest request;
  int64_t sent = 0;
  int64_t lines = 0;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
    request.set_csv_chunk(buffer.data(), n);
    if (!writer.Write(request)) break;
    sent += static_cast<int64_t>(n);
    lines += std::count(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n), '\n');
    if (progress.Due()) {
      // Lines stand in for rows (a quoted field may hold a line break; close enough for a rate).
      progress.Draw(RenderTransferProgress(sent, total, std::max<int64_t>(lines - 1, 0),
                                           progress.ElapsedSeconds()));
    }
  }
  if (std::ferror(file)) return FileError(errno, "read", path);
  // The server commits the last batches after the last chunk: say what the wait is for.
  progress.Draw(absl::StrCat(RenderTransferProgress(sent, total, std::max<int64_t>(lines - 1, 0),
                                                    progress.ElapsedSeconds()),
                             "  waiting for the server"));
  return absl::OkStatus();
}

int ReportImport(const CommandContext& ctx, const ImportOptions& options,
                 const ImportMediatorsResponse& response) {
  if (ctx.output == OutputFormat::kJson) {
    *ctx.out << MessageJson(response);
  } else {
    *ctx.out << FormatImportSummary(response) << "\n";
  }
  for (const auto& error : response.errors()) *ctx.err << FormatImportError(error) << "\n";
  if (response.failed() > static_cast<int64_t>(response.errors_size())) {
    *ctx.err << "(" << response.failed() - response.errors_size()
             << " more failed rows not listed)\n";
  }
  if (!options.errors_file.empty()) {
    absl::StatusOr<OutputTarget> errors = OutputTarget::Open(options.errors_file, *ctx.err);
    if (!errors.ok()) return LocalError(ctx, errors.status());
    errors->stream() << ImportErrorsCsv(response);
    if (absl::Status closed = errors->Close(); !closed.ok()) return LocalError(ctx, closed);
  }
  return response.failed() > 0 ? kExitFailure : kExitOk;
}

}  // namespace

int ImportMediators(const CommandContext& ctx, const ImportOptions& options) {
  auto input = OpenInput(options.file);
  if (!input.ok()) return LocalError(ctx, input.status());
  auto& [file, total] = *input;

  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/false, context);
  ImportMediatorsResponse response;
  std::unique_ptr<grpc::ClientWriterInterface<ImportMediatorsRequest>> writer =
      ctx.stub->ImportMediators(&context, &response);
  ProgressBar progress = ProgressBar::ForStderr();
  const absl::Status sent = SendChunks(file.get(), total, options.file, *writer, progress);
  if (!sent.ok()) {
    progress.Finish();
    // Do not let the server commit a file we could not read to the end.
    context.TryCancel();
    (void)writer->Finish();
    return LocalError(ctx, sent);
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  progress.Finish();
  if (!status.ok()) {
    *ctx.err << FormatRpcError(status);
    return kExitUsage;
  }
  return ReportImport(ctx, options, response);
}

int ExportMediators(const CommandContext& ctx, const ExportOptions& options) {
  roster::v1::ExportMediatorsRequest request;
  if (!options.network.empty()) {
    absl::StatusOr<std::string> parent = NetworkNameOrAll(options.network);
    if (!parent.ok()) return UsageError(ctx, parent.status().message());
    request.set_parent(*parent);
  }
  absl::StatusOr<OutputTarget> output = OutputTarget::Open(options.out_file, *ctx.out);
  if (!output.ok()) return LocalError(ctx, output.status());
  std::ostream& out = output->stream();

  grpc::ClientContext context;
  PrepareContext(ctx.connection, /*unary=*/false, context);
  std::unique_ptr<grpc::ClientReaderInterface<roster::v1::Mediator>> reader =
      ctx.stub->ExportMediators(&context, request);
  ProgressBar progress = ProgressBar::ForStderr();
  out << roster::kMediatorCsvHeader << "\n";
  roster::v1::Mediator mediator;
  int64_t count = 0;
  while (reader->Read(&mediator)) {
    out << roster::MediatorToCsvLine(mediator);
    ++count;
    if (progress.Due()) {
      progress.Draw(RenderCountProgress("records", count, -1, progress.ElapsedSeconds()));
    }
  }
  progress.Finish();
  const grpc::Status status = reader->Finish();
  const absl::Status closed = output->Close();
  if (!status.ok()) return RpcError(ctx, status);
  if (!closed.ok()) return LocalError(ctx, closed);
  return kExitOk;
}

}  // namespace wps::wpsctl
