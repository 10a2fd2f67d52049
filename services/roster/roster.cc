#include "services/roster/roster.h"

#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "base/status_macros.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/access_policy.h"
#include "services/common/field_violations.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_validation.h"
#include "storage/mediator_erasure.h"
#include "storage/shortlist_store.h"

namespace wps::roster {
namespace {

using ::google::protobuf::FieldMask;
using ::google::protobuf::util::FieldMaskUtil;
using common::FieldViolation;

constexpr char kAllNetworksParent[] = "networks/-";

// The fields UpdateMediator may replace; everything else is output only.
const absl::flat_hash_set<std::string>& WritableMediatorPaths() {
  static const auto* paths = new absl::flat_hash_set<std::string>{
      "display_name", "given_name", "family_name", "chapter", "nationalities", "languages",
      "regions", "expertise", "roles", "years_experience", "availability", "unavailable_periods",
      "bio", "contact", "contact.email", "contact.phone", "consent", "consent.share_with",
      "consent.share_all", "consent.contact_release"};
  return *paths;
}

// Writable only when named: a whole-record update that leaves it out must not clear it, and make a
// mediator at risk visible again by accident.
constexpr char kAtRiskPath[] = "at_risk";

absl::StatusOr<FieldMask> EffectiveMask(const FieldMask& requested) {
  if (requested.paths_size() == 0 || (requested.paths_size() == 1 && requested.paths(0) == "*")) {
    FieldMask all;
    for (const std::string& path : WritableMediatorPaths()) {
      if (path.find('.') == std::string::npos) all.add_paths(path);
    }
    return all;
  }
  std::vector<FieldViolation> violations;
  for (const std::string& path : requested.paths()) {
    if (!WritableMediatorPaths().contains(path) && path != kAtRiskPath) {
      common::AddViolation(violations, "", "update_mask",
                           absl::StrCat("'", path, "' is not a writable field of Mediator"));
    }
  }
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(violations));
  return requested;
}


}  // namespace

Roster::Roster(storage::Store& store, RosterOptions options)
    : store_(store), mediators_(store), networks_(store), options_(std::move(options)) {}

absl::StatusOr<v1::Network> Roster::CreateNetwork(const common::Caller& caller,
                                                  const v1::CreateNetworkRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kManageNetworks));
  std::vector<FieldViolation> violations;
  if (!vocab::IsResourceId(request.network_id())) {
    common::AddViolation(violations, "", "network_id",
                         absl::StrCat("'", request.network_id(), "' is not an id [a-z0-9][a-z0-9-]{0,62}"));
  }
  ValidateNetwork(request.network(), "network.", violations);
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(violations));
  v1::Network network = request.network();
  network.set_name(names::NetworkName(request.network_id()));
  network.clear_create_time();
  return networks_.Create(network);
}

absl::StatusOr<v1::Network> Roster::GetNetwork(const common::Caller& caller,
                                               const v1::GetNetworkRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadNetworks));
  WPS_ASSIGN_OR_RETURN(std::string network_id, names::ParseNetworkName(request.name(), "name"));
  return FindNetwork(network_id);
}

absl::StatusOr<v1::Network> Roster::FindNetwork(absl::string_view network_id) const {
  absl::StatusOr<v1::Network> network = networks_.Get(names::NetworkName(network_id));
  if (absl::IsNotFound(network.status())) {
    return absl::NotFoundError(absl::StrCat("network '", network_id, "' does not exist"));
  }
  return network;
}

absl::StatusOr<v1::ListNetworksResponse> Roster::ListNetworks(
    const common::Caller& caller, const v1::ListNetworksRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadNetworks));
  WPS_ASSIGN_OR_RETURN(int page_size,
                       common::EffectivePageSize(request.page_size(), kDefaultPageSize, kMaxPageSize));
  v1::ListNetworksResponse response;
  WPS_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      common::FillPage(request.page_token(), common::RequestFingerprint({"networks"}), page_size,
                       *response.mutable_networks(), [&](const std::string& start_after, auto&& visit) {
                         return networks_.Scan(start_after, visit);
                       }));
  return response;
}

std::string Roster::DerivedDisplayName(const v1::Mediator& mediator) {
  return std::string(absl::StripAsciiWhitespace(
      absl::StrCat(mediator.given_name(), " ", mediator.family_name())));
}

void Roster::FillDerivedFields(v1::Mediator& mediator) {
  // Output only, and the mark of a partner's replica: a local write never carries it.
  mediator.clear_origin_version();
  if (mediator.availability() == v1::AVAILABILITY_UNSPECIFIED) mediator.set_availability(v1::AVAILABLE);
  if (mediator.display_name().empty()) mediator.set_display_name(DerivedDisplayName(mediator));
}

void Roster::ApplyDefaults(absl::string_view network_id, v1::Mediator& mediator) const {
  // A copy first: `network_id` may view mediator.network(), which the next line replaces.
  std::string network(network_id);
  mediator.set_origin_network(options_.local_network.empty() ? network : options_.local_network);
  mediator.set_network(std::move(network));
  FillDerivedFields(mediator);
}

absl::Status Roster::CheckAuthoritativeFor(absl::string_view network_id) const {
  if (options_.local_network.empty() || network_id == options_.local_network) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "this server is authoritative for network '", options_.local_network, "', not '", network_id,
      "': records of '", network_id, "' are written on that network's server"));
}

absl::Status Roster::CheckWritable(const v1::Mediator& stored) const {
  if (options_.local_network.empty() || stored.origin_network() == options_.local_network) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      absl::StrCat(stored.name(), " is a replica from network '", stored.origin_network(),
                   "'; only that network's server can change it"));
}

absl::StatusOr<v1::Mediator> Roster::CreateMediator(const common::Caller& caller,
                                                    const v1::CreateMediatorRequest& request) {
  WPS_ASSIGN_OR_RETURN(std::string network_id, names::ParseNetworkName(request.parent(), "parent"));
  WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, network_id));
  std::vector<FieldViolation> violations;
  if (!request.mediator_id().empty() && !vocab::IsResourceId(request.mediator_id())) {
    common::AddViolation(violations, "", "mediator_id",
                         absl::StrCat("'", request.mediator_id(), "' is not an id [a-z0-9][a-z0-9-]{0,62}"));
  }
  absl::StatusOr<v1::Network> network = FindNetwork(network_id);
  ValidateMediator(request.mediator(), network.ok() ? &*network : nullptr, "mediator.", violations);
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(violations));
  if (!network.ok()) return network.status();
  WPS_RETURN_IF_ERROR(CheckAuthoritativeFor(network_id));

  v1::Mediator mediator = request.mediator();
  for (auto* output_only : {mediator.mutable_create_time(), mediator.mutable_update_time()}) {
    output_only->Clear();
  }
  mediator.clear_delete_time();
  mediator.clear_etag();
  const std::string id = request.mediator_id().empty() ? names::NewRandomId() : request.mediator_id();
  mediator.set_name(names::MediatorName(network_id, id));
  ApplyDefaults(network_id, mediator);
  return mediators_.Create(mediator);
}

absl::StatusOr<v1::Mediator> Roster::GetMediator(const common::Caller& caller,
                                                 const v1::GetMediatorRequest& request) const {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts, names::ParseMediatorName(request.name(), "name"));
  WPS_RETURN_IF_ERROR(common::AuthorizeReadOf(caller, parts.network_id));
  WPS_ASSIGN_OR_RETURN(v1::Mediator stored, mediators_.Get(request.name(), /*include_deleted=*/true));
  const bool deleted = stored.has_delete_time();
  WPS_ASSIGN_OR_RETURN(v1::Mediator view, ViewFor(caller, std::move(stored)));
  if (deleted) return absl::NotFoundError(absl::StrCat(request.name(), " is deleted; UndeleteMediator restores it"));
  return view;
}

absl::StatusOr<v1::Mediator> Roster::ViewFor(const common::Caller& caller, v1::Mediator record) {
  const std::string name = record.name();
  std::optional<v1::Mediator> view = common::MediatorViewFor(caller, std::move(record));
  // Worded as the store words an absent record: that a hidden (at-risk) record exists is itself not
  // for this caller to learn.
  if (!view) return absl::NotFoundError(absl::StrCat(name, " not found"));
  return *std::move(view);
}

absl::StatusOr<v1::Mediator> Roster::UpdateMediator(const common::Caller& caller,
                                                    const v1::UpdateMediatorRequest& request) {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts,
                       names::ParseMediatorName(request.mediator().name(), "mediator.name"));
  WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, parts.network_id));
  WPS_ASSIGN_OR_RETURN(FieldMask mask, EffectiveMask(request.update_mask()));
  // Another network's record here can only be its replica, whose network may not be stored here.
  WPS_RETURN_IF_ERROR(CheckAuthoritativeFor(parts.network_id));
  WPS_ASSIGN_OR_RETURN(v1::Network network, FindNetwork(parts.network_id));
  return mediators_.Update(
      request.mediator().name(), request.mediator().etag(), [&](v1::Mediator& stored) -> absl::Status {
        WPS_RETURN_IF_ERROR(CheckWritable(stored));
        FieldMaskUtil::MergeOptions options;
        options.set_replace_message_fields(true);
        options.set_replace_repeated_fields(true);
        FieldMaskUtil::MergeMessageTo(request.mediator(), mask, options, &stored);
        std::vector<FieldViolation> violations;
        ValidateMediator(stored, &network, "mediator.", violations);
        WPS_RETURN_IF_ERROR(common::StatusFromViolations(violations));
        FillDerivedFields(stored);
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::Mediator> Roster::DeleteMediator(const common::Caller& caller,
                                                    const v1::DeleteMediatorRequest& request) {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts, names::ParseMediatorName(request.name(), "name"));
  WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, parts.network_id));
  WPS_ASSIGN_OR_RETURN(v1::Mediator stored, mediators_.Get(request.name()));
  WPS_RETURN_IF_ERROR(CheckWritable(stored));
  return mediators_.SoftDelete(request.name(), request.etag());
}

absl::StatusOr<v1::PurgeMediatorResponse> Roster::PurgeMediator(
    const common::Caller& caller, const v1::PurgeMediatorRequest& request) {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts,
                       names::ParseMediatorName(request.name(), "name"));
  WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, parts.network_id));
  absl::StatusOr<v1::Mediator> stored = mediators_.Get(request.name(), /*include_deleted=*/true);
  if (stored.ok()) {
    WPS_RETURN_IF_ERROR(CheckWritable(*stored));
    if (!request.etag().empty() && request.etag() != stored->etag()) {
      return absl::AbortedError(absl::StrCat(request.name(), " has changed (etag ", stored->etag(),
                                             ", request gave ", request.etag(),
                                             "); read it again"));
    }
    // Before anything is erased: a backup taken earlier must never bring her back when restored. (A
    // write that slips in between still fails the purge ABORTED; a restore then erases her all the
    // same, which is what was asked.)
    if (options_.erasure_ledger != nullptr) {
      WPS_RETURN_IF_ERROR(options_.erasure_ledger->Record(request.name(), absl::Now()));
    }
  } else if (!absl::IsNotFound(stored.status())) {
    return stored.status();
  }
  // Also for a record already gone: a purge that failed after erasing the row is finished by its
  // retry.
  WPS_ASSIGN_OR_RETURN(
      const int scrubbed,
      storage::EraseMediator(store_, request.name(), stored.ok() ? request.etag() : ""));
  v1::PurgeMediatorResponse response;
  response.set_name(request.name());
  response.set_shortlists_scrubbed(scrubbed);
  return response;
}

absl::StatusOr<v1::Mediator> Roster::UndeleteMediator(const common::Caller& caller,
                                                      const v1::UndeleteMediatorRequest& request) {
  WPS_ASSIGN_OR_RETURN(names::MediatorNameParts parts, names::ParseMediatorName(request.name(), "name"));
  WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, parts.network_id));
  WPS_ASSIGN_OR_RETURN(v1::Mediator stored, mediators_.Get(request.name(), /*include_deleted=*/true));
  WPS_RETURN_IF_ERROR(CheckWritable(stored));
  return mediators_.Undelete(request.name());
}

absl::StatusOr<std::string> Roster::ListPrefix(const common::Caller& caller, absl::string_view parent) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadMediators));
  if (parent.empty() || parent == kAllNetworksParent) {
    // A role limited to its network lists that network's records.
    const std::optional<std::string> only = common::OnlyReadableNetwork(caller);
    return only ? names::MediatorPrefix(*only) : std::string("networks/");
  }
  WPS_ASSIGN_OR_RETURN(std::string network_id, names::ParseNetworkName(parent, "parent"));
  WPS_RETURN_IF_ERROR(common::AuthorizeReadOf(caller, network_id));
  WPS_RETURN_IF_ERROR(FindNetwork(network_id).status());
  return names::MediatorPrefix(network_id);
}

absl::StatusOr<v1::ListMediatorsResponse> Roster::ListMediators(
    const common::Caller& caller, const v1::ListMediatorsRequest& request) const {
  WPS_ASSIGN_OR_RETURN(std::string prefix, ListPrefix(caller, request.parent()));
  if (request.show_deleted() && caller.role != common::Role::kAdmin) {
    // A deletion may itself protect her: deleted records are for those who may write them.
    absl::StatusOr<std::string> network = names::ParseNetworkName(request.parent(), "parent");
    if (!network.ok()) {
      return absl::PermissionDeniedError("show_deleted: name the network whose deleted records to list");
    }
    WPS_RETURN_IF_ERROR(common::AuthorizeWriteTo(caller, *network));
  }
  WPS_ASSIGN_OR_RETURN(int page_size,
                       common::EffectivePageSize(request.page_size(), kDefaultPageSize, kMaxPageSize));
  const uint64_t fingerprint =
      common::RequestFingerprint({"mediators", prefix, request.show_deleted() ? "1" : "0"});
  v1::ListMediatorsResponse response;
  WPS_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      common::FillFilteredPage(request.page_token(), fingerprint, page_size,
                               absl::Now() + common::kListScanBudget, *response.mutable_mediators(),
                               [&](const std::string& start_after, auto&& visit, auto&& pass_over) {
                                 // Deleted records are passed over here rather than in the store,
                                 // so that they count against the scan's budget.
                                 return mediators_.Scan(
                                     prefix, start_after, /*include_deleted=*/true,
                                     [&](v1::Mediator&& record) {
                                       if (record.has_delete_time() && !request.show_deleted())
                                         return pass_over(record.name());
                                       const std::string name = record.name();
                                       // One the caller may not see is passed over.
                                       std::optional<v1::Mediator> view =
                                           common::MediatorViewFor(caller, std::move(record));
                                       return view ? visit(*std::move(view)) : pass_over(name);
                                     });
                               }));
  return response;
}

absl::Status Roster::ExportMediators(const common::Caller& caller,
                                     const v1::ExportMediatorsRequest& request,
                                     absl::FunctionRef<bool(const v1::Mediator&)> visit) const {
  WPS_ASSIGN_OR_RETURN(std::string prefix, ListPrefix(caller, request.parent()));
  return mediators_.Scan(prefix, "", /*include_deleted=*/false, [&](v1::Mediator&& mediator) {
    std::optional<v1::Mediator> view = common::MediatorViewFor(caller, std::move(mediator));
    return !view || visit(*view);
  });
}

}  // namespace wps::roster
