// Clients for grpc.health.v1.Health and grpc.reflection.v1alpha.ServerReflection, the two standard
// services every wpsd exposes.
//
// Debian's libgrpc++-dev installs neither the generated health stub nor the reflection client
// (ProtoReflectionDescriptorDatabase), so these build the two services' message types at run time from
// their published .proto definitions (as descriptors) and call them through grpc::GenericStub: the same
// bytes on the wire as any generated client, which is what grpc_cli does too.
//
// Thread safety: each call is independent; the functions may be called from any thread.
#ifndef WPS_TESTS_E2E_GRPC_PROBE_H_
#define WPS_TESTS_E2E_GRPC_PROBE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpcpp/channel.h"

namespace wps::e2e {

// grpc.health.v1.Health/Check for `service` ("" is the whole server). Returns the ServingStatus name
// ("SERVING", "NOT_SERVING", ...); the call's error (e.g. NOT_FOUND for an unknown service) otherwise.
absl::StatusOr<std::string> CheckHealth(std::shared_ptr<grpc::Channel> channel, const std::string& service,
                                        absl::Duration timeout);

// ServerReflectionInfo with list_services: the full names of the services the server exposes.
absl::StatusOr<std::vector<std::string>> ListServicesByReflection(std::shared_ptr<grpc::Channel> channel,
                                                                  absl::Duration timeout);

// ServerReflectionInfo with file_containing_symbol: the file that defines `symbol` and the files it
// imports, as the server sent them. NOT_FOUND (the server's error_response) for an unknown symbol.
absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> FilesContainingSymbol(
    std::shared_ptr<grpc::Channel> channel, const std::string& symbol, absl::Duration timeout);

}  // namespace wps::e2e

#endif  // WPS_TESTS_E2E_GRPC_PROBE_H_
