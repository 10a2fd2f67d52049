#include "clients/wpsctl/sample_command.h"

#include "clients/sample/sample_roster.h"
#include "clients/wpsctl/file_io.h"
#include "clients/wpsctl/progress_bar.h"
#include "services/roster/mediator_csv.h"

namespace wps::wpsctl {

int GenerateSample(const CommandContext& ctx, const GenSampleOptions& options) {
  if (options.count < 0) return UsageError(ctx, "--count cannot be negative");
  absl::StatusOr<OutputTarget> output = OutputTarget::Open(options.out_file, *ctx.out);
  if (!output.ok()) return LocalError(ctx, output.status());
  std::ostream& out = output->stream();
  out << roster::kMediatorCsvHeader << "\n";
  sample::SampleRosterGenerator generator(options.seed);
  ProgressBar progress = ProgressBar::ForStderr();
  for (int64_t i = 0; i < options.count; ++i) {
    out << roster::MediatorToCsvLine(generator.Next());
    if (progress.Due()) {
      progress.Draw(
          RenderCountProgress("records", i + 1, options.count, progress.ElapsedSeconds()));
    }
  }
  progress.Finish();
  if (absl::Status closed = output->Close(); !closed.ok()) return LocalError(ctx, closed);
  return kExitOk;
}

}  // namespace wps::wpsctl
