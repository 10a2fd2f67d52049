// A Store on a real RocksDB in a fresh temp dir, with one-row write helpers, for the storage tests.
#ifndef WPS_TESTS_STORAGE_STORE_FIXTURE_H_
#define WPS_TESTS_STORAGE_STORE_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::storage {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override { store_ = OpenOrDie(); }

  // Opens the store in dir_; a failed open fails the test and returns null.
  std::unique_ptr<Store> OpenOrDie() {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(Options());
    EXPECT_THAT(store, ::wps::testing::IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  StoreOptions Options() const {
    StoreOptions options;
    options.data_dir = dir_.Join("db");
    return options;
  }

  // Puts one row in its own transaction and returns its version.
  uint64_t Put(Table table, absl::string_view key, const std::string& value) {
    uint64_t version = 0;
    EXPECT_OK(store_->Write([&](WriteTransaction& txn) {
      version = txn.Put(table, key, value);
      return absl::OkStatus();
    }));
    return version;
  }

  // Erases one row in its own transaction and returns the cursor of its feed entry.
  uint64_t Erase(Table table, absl::string_view key) {
    uint64_t cursor = 0;
    EXPECT_OK(store_->Write([&](WriteTransaction& txn) {
      cursor = txn.Erase(table, key);
      return absl::OkStatus();
    }));
    return cursor;
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace wps::storage

#endif  // WPS_TESTS_STORAGE_STORE_FIXTURE_H_
