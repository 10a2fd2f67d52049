// Reading files in tests: whole files, and which files of a tree hold some bytes (erasure tests).
#ifndef WPS_TESTS_TESTING_FILES_H_
#define WPS_TESTS_TESTING_FILES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace wps::testing {

// The bytes of the file at `path`; empty when it cannot be read.
std::string ReadFileBytes(const std::string& path);

// The names of the regular files under `dir` (recursively) whose bytes hold `needle`, compared
// without case; none when `dir` does not exist.
std::vector<std::string> FilesHolding(const std::string& dir, absl::string_view needle);

}  // namespace wps::testing

#endif  // WPS_TESTS_TESTING_FILES_H_
