// Which of this server's records a partner network sees, and what of each: the one place that decides
// what leaves this server over sync.
#ifndef WPS_SERVICES_SYNC_PARTNER_VIEW_H_
#define WPS_SERVICES_SYNC_PARTNER_VIEW_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::sync {

// True when `partner` may receive `record` from the server authoritative for `local_network`: the
// record is this server's own (partners pull replicas from their origin, never second-hand), not
// deleted, not at risk (Mediator.at_risk), and her consent covers the partner (share_all, or the
// partner in share_with).
bool InPartnerView(const roster::v1::Mediator& record, absl::string_view partner,
                   absl::string_view local_network);

// What `partner` receives of `record` at `version`: contact details only where she released them
// (consent.contact_release); of share_with, only `partner` itself (the other networks she shares with
// are not its business); no local etag; origin_version set to `version`.
roster::v1::Mediator PartnerCopy(roster::v1::Mediator record, uint64_t version, absl::string_view partner);

// PartnerCopy in place.
void MakePartnerCopy(roster::v1::Mediator& record, uint64_t version, absl::string_view partner);

}  // namespace wps::sync

#endif  // WPS_SERVICES_SYNC_PARTNER_VIEW_H_
