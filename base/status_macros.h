// Early-return helpers for absl::Status and absl::StatusOr, which Abseil 20220623 does not ship.
// Portable C++17: no statement expressions or other compiler extensions.
//
//   WPS_RETURN_IF_ERROR(store.Put(...));
//   WPS_ASSIGN_OR_RETURN(Mediator m, store.Get(name));
#ifndef WPS_BASE_STATUS_MACROS_H_
#define WPS_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define WPS_RETURN_IF_ERROR(expr)                  \
  do {                                             \
    ::absl::Status wps_status_ = (expr);           \
    if (!wps_status_.ok()) return wps_status_;     \
  } while (false)

#define WPS_STATUS_CONCAT_INNER_(a, b) a##b
#define WPS_STATUS_CONCAT_(a, b) WPS_STATUS_CONCAT_INNER_(a, b)

#define WPS_ASSIGN_OR_RETURN(lhs, rexpr) \
  WPS_ASSIGN_OR_RETURN_IMPL_(WPS_STATUS_CONCAT_(wps_statusor_, __LINE__), lhs, rexpr)

#define WPS_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                               \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // WPS_BASE_STATUS_MACROS_H_
