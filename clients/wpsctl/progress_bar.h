// Progress on a terminal for long transfers (import, export, gen-sample): pure renderers that turn
// counts into one status line, and ProgressBar, which redraws that line in place on stderr at most
// ten times a second — only when stderr is a terminal, so logs and pipes stay clean.
#ifndef WPS_CLIENTS_WPSCTL_PROGRESS_BAR_H_
#define WPS_CLIENTS_WPSCTL_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/string_view.h"

namespace wps::wpsctl {

// "0 B", "999 B", "1.0 KiB", "12.3 MiB", "1.50 GiB" (three significant digits from KiB on).
std::string FormatBytes(int64_t bytes);
// "1,234,567".
std::string FormatCount(int64_t count);
// "[#####.....]" for `fraction` in [0, 1] (clamped), `width` cells between the brackets.
std::string RenderBar(double fraction, int width);

// Bytes sent of a known or unknown total and the rate of rows:
//   "[########............]  40%  4.0 MiB / 10.0 MiB  12,000 rows  6,000 rows/s"
//   "4.0 MiB  12,000 rows  6,000 rows/s"                          (total < 0: unknown, e.g. stdin)
// The rate is left out until `seconds` > 0.
std::string RenderTransferProgress(int64_t done_bytes, int64_t total_bytes, int64_t rows,
                                   double seconds);

// Records so far of a known or unknown total and their rate:
//   "[####................]  20%  200,000 / 1,000,000 records  50,000/s"
//   "200,000 records  50,000/s"                                   (total < 0)
std::string RenderCountProgress(absl::string_view noun, int64_t count, int64_t total,
                                double seconds);

// Redraws a status line in place. Not thread-safe.
class ProgressBar {
 public:
  // Draws on `out` only when `enabled`; ForStderr() enables it when stderr is a terminal.
  ProgressBar(std::FILE* out, bool enabled);
  static ProgressBar ForStderr();
  ProgressBar(ProgressBar&&) = default;

  bool enabled() const { return enabled_; }
  // Seconds since construction.
  double ElapsedSeconds() const;
  // True when enabled and the last draw is at least 100 ms old: render the line only then.
  bool Due();
  // Replaces the status line with `line`.
  void Draw(absl::string_view line);
  // Erases the status line (if one was drawn) so a summary can follow.
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_PROGRESS_BAR_H_
