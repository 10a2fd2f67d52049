// wps.matching.v1.ShortlistArchive over gRPC (internal): keeps the shortlists this network's matching
// replicas rank (matching_replica_service.h). Only administrators and this network's own nodes
// (common::IsOwnNode: a client certificate naming this network) may store one; anyone else gets
// PERMISSION_DENIED.
//
// Thread safety: handlers run concurrently on gRPC's threads; Shortlister is thread-safe.
#ifndef WPS_SERVICES_MATCHING_SHORTLIST_ARCHIVE_SERVICE_H_
#define WPS_SERVICES_MATCHING_SHORTLIST_ARCHIVE_SERVICE_H_

#include <string>
#include <utility>

#include "services/common/caller.h"
#include "services/matching/shortlister.h"
#include "wps/matching/v1/shortlist_archive.grpc.pb.h"

namespace wps::matching {

class ShortlistArchiveService final : public v1::ShortlistArchive::Service {
 public:
  // `local_network`: this server's network (--network; may be empty: then administrators only).
  // `shortlister` and `callers` must outlive the service.
  ShortlistArchiveService(Shortlister& shortlister, std::string local_network, const common::CallerResolver& callers)
      : shortlister_(shortlister), local_network_(std::move(local_network)), callers_(callers) {}

  grpc::Status SaveShortlist(grpc::ServerContext* context, const v1::SaveShortlistRequest* request,
                             v1::Shortlist* response) override;

 private:
  Shortlister& shortlister_;
  const std::string local_network_;
  const common::CallerResolver& callers_;
};

}  // namespace wps::matching

#endif  // WPS_SERVICES_MATCHING_SHORTLIST_ARCHIVE_SERVICE_H_
