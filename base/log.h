// Minimal structured logging to stderr (Abseil 20220623 has no absl/log):
//   2026-11-27T18:50:00.123Z I wpsd serving on 127.0.0.1:50051
// Thread safety: lines from concurrent threads are written whole, never interleaved.
#ifndef WPS_BASE_LOG_H_
#define WPS_BASE_LOG_H_

#include "absl/strings/string_view.h"

namespace wps {

enum class LogLevel { kInfo, kWarning, kError };

void Log(LogLevel level, absl::string_view message);
inline void LogInfo(absl::string_view message) { Log(LogLevel::kInfo, message); }
inline void LogWarning(absl::string_view message) { Log(LogLevel::kWarning, message); }
inline void LogError(absl::string_view message) { Log(LogLevel::kError, message); }

}  // namespace wps

#endif  // WPS_BASE_LOG_H_
