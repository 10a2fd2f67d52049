// gMock matchers for absl::Status and absl::StatusOr, which Abseil 20220623 does not ship.
//
//   EXPECT_THAT(store.Get(key), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(store.Get(key), StatusIs(absl::StatusCode::kNotFound, HasSubstr("deleted")));
//   ASSERT_OK(status);  ASSERT_OK_AND_ASSIGN(Mediator m, store.Get(key));
#ifndef WPS_TESTS_TESTING_STATUS_MATCHERS_H_
#define WPS_TESTS_TESTING_STATUS_MATCHERS_H_

#include <ostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wps::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& status = ::wps::testing::GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + ::testing::PrintToString(code) + " and a matching message") {
  const absl::Status& status = ::wps::testing::GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.code() == code &&
         ::testing::Matches(message_matcher)(std::string(status.message()));
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = ::wps::testing::GetStatus(arg);
  *result_listener << "whose status is " << status;
  return status.ok();
}

}  // namespace wps::testing

#define WPS_TESTING_CONCAT_INNER_(a, b) a##b
#define WPS_TESTING_CONCAT_(a, b) WPS_TESTING_CONCAT_INNER_(a, b)

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::wps::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::wps::testing::IsOk())
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(WPS_TESTING_CONCAT_(wps_statusor_, __LINE__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  ASSERT_THAT(statusor, ::wps::testing::IsOk());        \
  lhs = std::move(statusor).value()

#endif  // WPS_TESTS_TESTING_STATUS_MATCHERS_H_
