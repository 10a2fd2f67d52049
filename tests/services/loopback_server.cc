#include "tests/services/loopback_server.h"

#include "base/status_macros.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/wpsd/server_config.h"

namespace wps::service_testing {

absl::StatusOr<std::unique_ptr<wpsd::Server>> StartLoopbackServer(const std::string& data_dir,
                                                                  const std::string& network,
                                                                  const std::string& tokens_file,
                                                                  const std::string& http_listen) {
  wpsd::ServerConfig config = wpsd::DefaultConfig();
  config.set_listen("127.0.0.1:0");
  config.set_data_dir(data_dir);
  config.set_network(network);
  config.set_tokens_file(tokens_file);
  config.set_http_listen(http_listen);
  WPS_ASSIGN_OR_RETURN(config, wpsd::Finalize(config));
  return wpsd::Server::Start(config);
}

std::vector<std::string> ViolationFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) fields.push_back(violation.field());
  }
  return fields;
}

}  // namespace wps::service_testing
