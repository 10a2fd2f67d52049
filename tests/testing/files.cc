#include "tests/testing/files.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace wps::testing {

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> FilesHolding(const std::string& dir, absl::string_view needle) {
  std::vector<std::string> holding;
  std::error_code error;
  const std::string lower_needle = absl::AsciiStrToLower(needle);
  for (std::filesystem::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    if (absl::StrContains(absl::AsciiStrToLower(ReadFileBytes(it->path().string())),
                          lower_needle)) {
      holding.push_back(it->path().filename().string());
    }
  }
  return holding;
}

}  // namespace wps::testing
