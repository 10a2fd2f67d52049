// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when the object dies.
#ifndef WPS_TESTS_TESTING_TEMP_DIR_H_
#define WPS_TESTS_TESTING_TEMP_DIR_H_

#include <string>

namespace wps::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace wps::testing

#endif  // WPS_TESTS_TESTING_TEMP_DIR_H_
