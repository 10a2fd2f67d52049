#include "services/sync/partner_view.h"

#include <algorithm>
#include <utility>

namespace wps::sync {

bool InPartnerView(const roster::v1::Mediator& record, absl::string_view partner,
                   absl::string_view local_network) {
  if (local_network.empty() || partner == local_network) return false;
  if (record.origin_network() != local_network || record.has_delete_time()) return false;
  const roster::v1::Consent& consent = record.consent();
  return consent.share_all() ||
         std::find(consent.share_with().begin(), consent.share_with().end(), partner) !=
             consent.share_with().end();
}

roster::v1::Mediator PartnerCopy(roster::v1::Mediator record, uint64_t version) {
  if (!record.consent().contact_release()) record.clear_contact();
  record.clear_etag();
  record.set_origin_version(version);
  return record;
}

}  // namespace wps::sync
