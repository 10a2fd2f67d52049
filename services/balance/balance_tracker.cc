#include "services/balance/balance_tracker.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/access_policy.h"
#include "services/balance/balance_names.h"
#include "services/balance/balance_validation.h"
#include "services/balance/balance_views.h"
#include "services/common/field_violations.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"

namespace wps::balance {
namespace {

// List page sizes, as balance_service.proto states them.
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
// How long a balance read waits for the catalog to catch up with writes acknowledged before it.
constexpr absl::Duration kCatalogCatchUp = absl::Seconds(10);

// The position of `round` in round order as one string: a start_date is always 10 characters, so
// comparing "start_date name" strings compares (start_date, id) within a process.
std::string RoundOrderKey(const v1::Round& round) {
  return absl::StrCat(round.start_date(), " ", round.name());
}

absl::Status NotFound(absl::string_view name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}

// The round id GetBalance asks for: empty for the latest, else the id of `round` (an id, or a round
// name under `process_name`).
absl::StatusOr<std::string> RequestedRoundId(absl::string_view process_name, absl::string_view round) {
  if (round.empty()) return std::string();
  if (!absl::StrContains(round, '/')) {
    if (vocab::IsResourceId(round)) return std::string(round);
    return common::InvalidArgumentWithViolations({common::FieldViolation{
        "round", absl::StrCat("'", round, "' is neither a round id nor processes/{p}/rounds/{r}")}});
  }
  WPS_ASSIGN_OR_RETURN(RoundNameParts parts, ParseRoundName(round, "round"));
  if (parts.process_name() != process_name) {
    return common::InvalidArgumentWithViolations({common::FieldViolation{
        "round", absl::StrCat(round, " is a round of ", parts.process_name(), ", not of ",
                              process_name)}});
  }
  return parts.round_id;
}

}  // namespace

BalanceTracker::BalanceTracker(storage::Store& store, const BalanceCatalog& catalog)
    : processes_(store), rounds_(store), delegations_(store), catalog_(catalog) {}

absl::Status BalanceTracker::AwaitCatalog() const {
  return catalog_.AwaitCurrent(absl::Now() + kCatalogCatchUp);
}

absl::StatusOr<v1::Round> BalanceTracker::CreateRound(const common::Caller& caller,
                                                      const v1::CreateRoundRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kWriteBalance));
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(CreateRoundViolations(request)));
  WPS_RETURN_IF_ERROR(processes_.Get(request.parent()).status());
  v1::Round round = request.round();
  round.clear_create_time();  // output only: the store sets it
  const std::string id =
      request.round_id().empty() ? names::NewTimeOrderedId() : request.round_id();
  round.set_name(RoundName(request.parent(), id));
  return rounds_.Create(round);
}

absl::StatusOr<v1::ListRoundsResponse> BalanceTracker::ListRounds(
    const common::Caller& caller, const v1::ListRoundsRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(names::ParseProcessName(request.parent(), "parent").status());
  WPS_ASSIGN_OR_RETURN(int page_size, common::EffectivePageSize(request.page_size(),
                                                                kDefaultPageSize, kMaxPageSize));
  const uint64_t fingerprint = common::RequestFingerprint({"rounds", request.parent()});
  std::string after;
  if (!request.page_token().empty()) {
    WPS_ASSIGN_OR_RETURN(after, common::DecodePageToken(request.page_token(), fingerprint));
  }
  WPS_RETURN_IF_ERROR(processes_.Get(request.parent()).status());
  // Round order is not key order: read the process's rounds (a few dozen at most) and sort them.
  std::vector<v1::Round> rounds;
  WPS_RETURN_IF_ERROR(rounds_.ScanProcess(request.parent(), "", [&](v1::Round&& round) {
    if (RoundOrderKey(round) > after) rounds.push_back(std::move(round));
    return true;
  }));
  std::sort(rounds.begin(), rounds.end(), [](const v1::Round& a, const v1::Round& b) {
    return RoundOrderKey(a) < RoundOrderKey(b);
  });
  v1::ListRoundsResponse response;
  for (size_t i = 0; i < rounds.size() && i < static_cast<size_t>(page_size); ++i) {
    *response.add_rounds() = std::move(rounds[i]);
  }
  if (rounds.size() > static_cast<size_t>(page_size)) {
    response.set_next_page_token(common::EncodePageToken(
        RoundOrderKey(response.rounds(response.rounds_size() - 1)), fingerprint));
  }
  return response;
}

absl::StatusOr<v1::Delegation> BalanceTracker::PutDelegation(
    const common::Caller& caller, const v1::PutDelegationRequest& request) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kWriteBalance));
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(PutDelegationViolations(request)));
  WPS_RETURN_IF_ERROR(rounds_.Get(request.round()).status());
  v1::Delegation delegation = request.delegation();
  delegation.set_name(DelegationName(request.round(), delegation.id()));
  // Output only: the store sets them; the etag given is the version to replace.
  delegation.clear_etag();
  delegation.clear_update_time();
  return delegations_.Put(delegation, request.delegation().etag());
}

absl::StatusOr<v1::Delegation> BalanceTracker::GetDelegation(
    const common::Caller& caller, const v1::GetDelegationRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(ParseDelegationName(request.name(), "name").status());
  return delegations_.Get(request.name());
}

absl::StatusOr<v1::ListDelegationsResponse> BalanceTracker::ListDelegations(
    const common::Caller& caller, const v1::ListDelegationsRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(ParseRoundName(request.parent(), "parent").status());
  WPS_ASSIGN_OR_RETURN(int page_size, common::EffectivePageSize(request.page_size(),
                                                                kDefaultPageSize, kMaxPageSize));
  WPS_RETURN_IF_ERROR(rounds_.Get(request.parent()).status());
  v1::ListDelegationsResponse response;
  WPS_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      common::FillPage(request.page_token(),
                       common::RequestFingerprint({"delegations", request.parent()}), page_size,
                       *response.mutable_delegations(),
                       [&](const std::string& start_after, auto&& visit) {
                         return delegations_.ScanRound(request.parent(), start_after, visit);
                       }));
  return response;
}

absl::StatusOr<v1::Balance> BalanceTracker::GetBalance(const common::Caller& caller,
                                                       const v1::GetBalanceRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(names::ParseProcessName(request.process(), "process").status());
  WPS_ASSIGN_OR_RETURN(std::string round_id, RequestedRoundId(request.process(), request.round()));
  WPS_RETURN_IF_ERROR(AwaitCatalog());
  return catalog_.Read([&](const BalanceModel& model) -> absl::StatusOr<v1::Balance> {
    const ProcessEntry* process = model.FindProcess(request.process());
    if (process == nullptr) return NotFound(request.process());
    if (round_id.empty()) {
      if (process->rounds.empty()) {
        return absl::NotFoundError(absl::StrCat(request.process(), " has no rounds yet"));
      }
      return BuildBalance(request.process(), *process, process->rounds.size() - 1);
    }
    std::optional<size_t> index = FindRoundIndex(*process, round_id);
    if (!index) return NotFound(RoundName(request.process(), round_id));
    return BuildBalance(request.process(), *process, *index);
  });
}

absl::StatusOr<v1::BalanceTrend> BalanceTracker::GetBalanceTrend(
    const common::Caller& caller, const v1::GetBalanceTrendRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(names::ParseProcessName(request.process(), "process").status());
  WPS_RETURN_IF_ERROR(AwaitCatalog());
  return catalog_.Read([&](const BalanceModel& model) -> absl::StatusOr<v1::BalanceTrend> {
    const ProcessEntry* process = model.FindProcess(request.process());
    if (process == nullptr) return NotFound(request.process());
    return BuildTrend(request.process(), *process);
  });
}

absl::StatusOr<v1::BalanceReport> BalanceTracker::GetBalanceReport(
    const common::Caller& caller, const v1::GetBalanceReportRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadBalance));
  WPS_RETURN_IF_ERROR(common::StatusFromViolations(ReportViolations(request)));
  ReportQuery query{{request.countries().begin(), request.countries().end()},
                    request.from_date(),
                    request.to_date()};
  WPS_RETURN_IF_ERROR(AwaitCatalog());
  return catalog_.Read(
      [&](const BalanceModel& model) { return BuildReport(model.processes(), query); });
}

}  // namespace wps::balance
