// Forwarding a call to an upstream node: how a matching replica passes on what it does not serve from
// its own copy (writes, processes, shortlists kept by its roster node).
//
// The caller is resolved here first, so what this server refuses is refused before anything travels;
// the same request then goes upstream with the caller's bearer token and the call's deadline, and the
// upstream's answer (status, message and details) comes back as it is. The upstream thus authorizes,
// redacts for and attributes the same caller. Only token holders and the open loopback mode's local
// administrator are forwarded: a caller known here by a client certificate would reach the upstream as
// this node (the channel's own certificate), so it is refused (PERMISSION_DENIED).
//
// Thread safety: stateless; safe for concurrent use.
#ifndef WPS_SERVICES_COMMON_UPSTREAM_CALL_H_
#define WPS_SERVICES_COMMON_UPSTREAM_CALL_H_

#include <memory>
#include <string>

#include "grpcpp/client_context.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/sync_stream.h"
#include "services/common/caller.h"
#include "services/common/grpc_status.h"

namespace wps::common {

// A client context carrying `context`'s deadline, cancellation and `authorization` metadata.
inline std::unique_ptr<grpc::ClientContext> ForwardingContext(const grpc::ServerContext& context) {
  std::unique_ptr<grpc::ClientContext> forwarded = grpc::ClientContext::FromServerContext(context);
  const auto& metadata = context.client_metadata();
  for (auto [it, end] = metadata.equal_range("authorization"); it != end; ++it) {
    forwarded->AddMetadata("authorization", std::string(it->second.data(), it->second.size()));
  }
  return forwarded;
}

// The caller of `context`, if it may be forwarded (see above).
inline absl::StatusOr<Caller> ForwardableCaller(const CallerResolver& callers, const grpc::ServerContext& context) {
  absl::StatusOr<Caller> caller = callers.Resolve(context);
  if (caller.ok() && caller->credential == Credential::kCertificate) {
    return absl::PermissionDeniedError("this node forwards calls made with a bearer token only");
  }
  return caller;
}

// Resolves the caller of `context`, then answers `request` with `stub`'s `method` upstream.
template <typename Stub, typename Request, typename Response>
grpc::Status ForwardUnary(const CallerResolver& callers, const grpc::ServerContext& context, Stub& stub,
                          grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                          const Request& request, Response* response) {
  absl::StatusOr<Caller> caller = ForwardableCaller(callers, context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return (stub.*method)(ForwardingContext(context).get(), request, response);
}

// Resolves the caller, then copies the upstream's stream for `request` to `writer`.
template <typename Stub, typename Request, typename Item>
grpc::Status ForwardServerStream(
    const CallerResolver& callers, const grpc::ServerContext& context, Stub& stub,
    std::unique_ptr<grpc::ClientReader<Item>> (Stub::*method)(grpc::ClientContext*, const Request&),
    const Request& request, grpc::ServerWriter<Item>* writer) {
  absl::StatusOr<Caller> caller = ForwardableCaller(callers, context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  std::unique_ptr<grpc::ClientContext> upstream = ForwardingContext(context);
  std::unique_ptr<grpc::ClientReader<Item>> reader = (stub.*method)(upstream.get(), request);
  Item item;
  while (reader->Read(&item)) {
    if (!writer->Write(item)) {
      upstream->TryCancel();
      break;
    }
  }
  return reader->Finish();
}

// Resolves the caller, then sends the client's stream upstream and returns the upstream's answer.
template <typename Stub, typename Item, typename Response>
grpc::Status ForwardClientStream(
    const CallerResolver& callers, const grpc::ServerContext& context, Stub& stub,
    std::unique_ptr<grpc::ClientWriter<Item>> (Stub::*method)(grpc::ClientContext*, Response*),
    grpc::ServerReader<Item>* reader, Response* response) {
  absl::StatusOr<Caller> caller = ForwardableCaller(callers, context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  std::unique_ptr<grpc::ClientContext> upstream = ForwardingContext(context);
  std::unique_ptr<grpc::ClientWriter<Item>> writer = (stub.*method)(upstream.get(), response);
  Item item;
  while (reader->Read(&item) && writer->Write(item)) {
  }
  // A client that went away mid-stream must not look like one that finished: the upstream would
  // commit a partial import.
  if (context.IsCancelled()) {
    upstream->TryCancel();
    writer->Finish();
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the call");
  }
  writer->WritesDone();
  return writer->Finish();
}

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_UPSTREAM_CALL_H_
