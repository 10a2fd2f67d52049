// The config file on arbitrary text: parsed as wpsd parses --config, then checked as wpsd checks it
// before starting. Either step may refuse; neither may crash.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "services/wpsd/server_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<wps::wpsd::ServerConfig> config =
      wps::wpsd::ParseConfigText(text, "fuzz.textproto");
  if (!config.ok()) return 0;
  wps::wpsd::Finalize(wps::wpsd::Overlay(wps::wpsd::DefaultConfig(), *config)).IgnoreError();
  return 0;
}
