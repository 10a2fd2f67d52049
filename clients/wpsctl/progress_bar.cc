#include "clients/wpsctl/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace wps::wpsctl {
namespace {

constexpr int kBarWidth = 20;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string Percent(double fraction) {
  return absl::StrFormat("%3d%%",
                         static_cast<int>(std::floor(std::clamp(fraction, 0.0, 1.0) * 100)));
}

double Fraction(int64_t done, int64_t total) {
  return total <= 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
}

}  // namespace

std::string FormatBytes(int64_t bytes) {
  if (bytes < 1024) return absl::StrCat(bytes, " B");
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
  if (decimals == 2) return absl::StrFormat("%.2f %s", value, kUnits[unit]);
  if (decimals == 1) return absl::StrFormat("%.1f %s", value, kUnits[unit]);
  return absl::StrFormat("%.0f %s", value, kUnits[unit]);
}

std::string FormatCount(int64_t count) {
  const bool negative = count < 0;
  std::string digits = absl::StrCat(negative ? -count : count);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string RenderBar(double fraction, int width) {
  const int filled = static_cast<int>(std::floor(std::clamp(fraction, 0.0, 1.0) * width));
  return absl::StrCat("[", std::string(filled, '#'), std::string(width - filled, '.'), "]");
}

std::string RenderTransferProgress(int64_t done_bytes, int64_t total_bytes, int64_t rows,
                                   double seconds) {
  std::string line;
  if (total_bytes >= 0) {
    const double fraction = Fraction(done_bytes, total_bytes);
    line = absl::StrCat(RenderBar(fraction, kBarWidth), " ", Percent(fraction), "  ",
                        FormatBytes(done_bytes), " / ", FormatBytes(total_bytes));
  } else {
    line = FormatBytes(done_bytes);
  }
  absl::StrAppend(&line, "  ", FormatCount(rows), " rows");
  if (seconds > 0) {
    absl::StrAppend(&line, "  ", FormatCount(std::llround(rows / seconds)), " rows/s");
  }
  return line;
}

std::string RenderCountProgress(absl::string_view noun, int64_t count, int64_t total,
                                double seconds) {
  std::string line;
  if (total >= 0) {
    const double fraction = Fraction(count, total);
    line = absl::StrCat(RenderBar(fraction, kBarWidth), " ", Percent(fraction), "  ",
                        FormatCount(count), " / ", FormatCount(total), " ", noun);
  } else {
    line = absl::StrCat(FormatCount(count), " ", noun);
  }
  if (seconds > 0) absl::StrAppend(&line, "  ", FormatCount(std::llround(count / seconds)), "/s");
  return line;
}

ProgressBar::ProgressBar(std::FILE* out, bool enabled)
    : out_(out), enabled_(enabled), start_(Clock::now()), last_draw_(start_) {}

ProgressBar ProgressBar::ForStderr() { return ProgressBar(stderr, isatty(STDERR_FILENO) == 1); }

double ProgressBar::ElapsedSeconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

bool ProgressBar::Due() {
  if (!enabled_) return false;
  const Clock::time_point now = Clock::now();
  if (now - last_draw_ < kRedrawInterval) return false;
  last_draw_ = now;
  return true;
}

void ProgressBar::Draw(absl::string_view line) {
  if (!enabled_) return;
  // Carriage return, the line, then erase whatever a longer previous line left to the right.
  std::fprintf(out_, "\r%.*s\x1b[K", static_cast<int>(line.size()), line.data());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace wps::wpsctl
