#include "services/sync/partner_view.h"

#include <algorithm>
#include <string>
#include <utility>

namespace wps::sync {

bool InPartnerView(const roster::v1::Mediator& record, absl::string_view partner,
                   absl::string_view local_network) {
  if (local_network.empty() || partner == local_network) return false;
  if (record.origin_network() != local_network || record.has_delete_time() || record.at_risk()) return false;
  const roster::v1::Consent& consent = record.consent();
  return consent.share_all() ||
         std::find(consent.share_with().begin(), consent.share_with().end(), partner) !=
             consent.share_with().end();
}

roster::v1::Mediator PartnerCopy(roster::v1::Mediator record, uint64_t version, absl::string_view partner) {
  MakePartnerCopy(record, version, partner);
  return record;
}

void MakePartnerCopy(roster::v1::Mediator& record, uint64_t version, absl::string_view partner) {
  if (!record.consent().contact_release()) record.clear_contact();
  auto* share_with = record.mutable_consent()->mutable_share_with();
  const bool named = std::find(share_with->begin(), share_with->end(), partner) != share_with->end();
  share_with->Clear();
  if (named) share_with->Add(std::string(partner));
  record.clear_etag();
  record.set_origin_version(version);
}

}  // namespace wps::sync
