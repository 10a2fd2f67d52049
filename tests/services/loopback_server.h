// For service tests: a real wpsd started in this process on 127.0.0.1 (a free port), and the field
// paths of the google.rpc.BadRequest a failed call carries.
#ifndef WPS_TESTS_SERVICES_LOOPBACK_SERVER_H_
#define WPS_TESTS_SERVICES_LOOPBACK_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/support/status.h"
#include "services/wpsd/server.h"

namespace wps::service_testing {

// A wpsd with the default config (every built service) serving on 127.0.0.1:0 over `data_dir`,
// authoritative for `network` when it is not empty, authenticating by the tokens of `tokens_file`
// when it is not empty (otherwise open: every caller the local administrator), and serving the web
// console and JSON API on `http_listen` when it is not empty (Server::http_address()). Errors of
// the config or of the start as they are.
absl::StatusOr<std::unique_ptr<wpsd::Server>> StartLoopbackServer(
    const std::string& data_dir, const std::string& network = "",
    const std::string& tokens_file = "", const std::string& http_listen = "");

// The field paths of the google.rpc.BadRequest violations in `status`'s details; empty when it carries
// none.
std::vector<std::string> ViolationFields(const grpc::Status& status);

}  // namespace wps::service_testing

#endif  // WPS_TESTS_SERVICES_LOOPBACK_SERVER_H_
