#include "services/matching/shortlister.h"

#include <utility>
#include <vector>

#include "base/status_macros.h"
#include "services/common/access_policy.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/matching/candidate_reasons.h"
#include "services/matching/shortlist_request.h"
#include "services/matching/shortlist_ranking.h"
#include "storage/mediator_store.h"

namespace wps::matching {
namespace {

using ::wps::roster::v1::Mediator;

// How long a shortlist waits for the index to take in writes acknowledged before it arrived.
constexpr absl::Duration kIndexCatchUp = absl::Seconds(10);
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

v1::ScoreBreakdown BreakdownOf(const ScoreComponents& components) {
  v1::ScoreBreakdown breakdown;
  breakdown.set_language(components.language);
  breakdown.set_region(components.region);
  breakdown.set_expertise(components.expertise);
  breakdown.set_experience(components.experience);
  return breakdown;
}

}  // namespace

v1::Shortlist ReferenceForm(const v1::Shortlist& shortlist) {
  v1::Shortlist stored;
  *stored.mutable_request() = shortlist.request();
  for (const v1::Candidate& candidate : shortlist.candidates()) {
    v1::Candidate& reference = *stored.add_candidates();
    reference.mutable_mediator()->set_name(candidate.mediator().name());
    reference.set_score(candidate.score());
    *reference.mutable_breakdown() = candidate.breakdown();
    *reference.mutable_reasons() = candidate.reasons();
  }
  stored.set_name(shortlist.name());
  stored.set_total_matched(shortlist.total_matched());
  stored.set_requester(shortlist.requester());
  return stored;
}

Shortlister::Shortlister(storage::Store& store, search::IndexFollower& index)
    : store_(store), index_(index), shortlists_(store) {}

absl::StatusOr<v1::Shortlist> Shortlister::RequestShortlist(const common::Caller& caller,
                                                            const v1::ShortlistRequest& request,
                                                            ProcessLookup process_of) {
  WPS_ASSIGN_OR_RETURN(v1::Shortlist answer, Rank(caller, request, process_of));
  WPS_ASSIGN_OR_RETURN(const v1::Shortlist created, Archive(ReferenceForm(answer)));
  *answer.mutable_create_time() = created.create_time();
  return answer;
}

absl::StatusOr<v1::Shortlist> Shortlister::Rank(const common::Caller& caller, const v1::ShortlistRequest& request,
                                                ProcessLookup process_of) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kRequestShortlists));
  v1::Shortlist answer;
  v1::ShortlistRequest& effective = *answer.mutable_request();
  effective = request;
  WPS_RETURN_IF_ERROR(ToRankingQuery(effective).status());
  if (!effective.process().empty()) {
    WPS_ASSIGN_OR_RETURN(v1::PeaceProcess process, process_of(effective.process()));
    FillFromProcess(process, effective);
  }
  WPS_ASSIGN_OR_RETURN(RankingQuery query, ToRankingQuery(effective));
  // Records the caller may not see are not candidates at all, rather than holes in the list.
  query.at_risk = common::AtRiskScopeOf(caller);
  WPS_RETURN_IF_ERROR(index_.AwaitCurrent(absl::Now() + kIndexCatchUp));
  const Ranking ranking = index_.index().Read([&](const search::MediatorIndex& index) {
    return RankCandidates(index, query, RankingOptions{&spare_});
  });
  for (const RankedCandidate& ranked : ranking.candidates) {
    v1::Candidate& candidate = *answer.add_candidates();
    candidate.mutable_mediator()->set_name(ranked.name);
    candidate.set_score(ranked.score);
    *candidate.mutable_breakdown() = BreakdownOf(ranked.components);
  }
  WPS_RETURN_IF_ERROR(FillCandidates(caller, answer, [&](const Mediator& mediator, v1::Candidate& candidate) {
    for (std::string& reason : CandidateReasons(query, mediator)) candidate.add_reasons(std::move(reason));
  }));
  answer.set_name(names::ShortlistName(names::NewTimeOrderedId()));
  answer.set_total_matched(static_cast<int64_t>(ranking.total_matched));
  answer.set_requester(caller.principal);
  return answer;
}

absl::StatusOr<v1::Shortlist> Shortlister::Archive(v1::Shortlist reference) {
  WPS_RETURN_IF_ERROR(names::ParseShortlistName(reference.name(), "shortlist.name").status());
  for (v1::Candidate& candidate : *reference.mutable_candidates()) {
    // Names only: records are read again whenever the shortlist is read.
    const std::string name = candidate.mediator().name();
    candidate.mutable_mediator()->Clear();
    candidate.mutable_mediator()->set_name(name);
  }
  reference.clear_create_time();
  return shortlists_.Create(std::move(reference));
}

absl::Status Shortlister::FillCandidates(
    const common::Caller& caller, v1::Shortlist& shortlist,
    absl::FunctionRef<void(const Mediator& mediator, v1::Candidate& candidate)> also) const {
  std::vector<std::string> names;
  for (const v1::Candidate& candidate : shortlist.candidates()) names.push_back(candidate.mediator().name());
  std::vector<absl::StatusOr<Mediator>> records = storage::MediatorStore(store_).GetMany(names);
  auto& candidates = *shortlist.mutable_candidates();
  int kept = 0;
  for (int i = 0; i < candidates.size(); ++i) {
    absl::StatusOr<Mediator>& mediator = records[static_cast<size_t>(i)];
    // Deleted since it was ranked: left out.
    if (absl::IsNotFound(mediator.status()) || (mediator.ok() && mediator->has_delete_time())) continue;
    WPS_RETURN_IF_ERROR(mediator.status());
    std::optional<Mediator> view = common::MediatorViewFor(caller, *mediator);
    if (!view) continue;
    if (kept != i) candidates.SwapElements(kept, i);
    v1::Candidate& candidate = candidates[kept++];
    also(*mediator, candidate);
    *candidate.mutable_mediator() = *std::move(view);
  }
  candidates.DeleteSubrange(kept, candidates.size() - kept);
  return absl::OkStatus();
}

absl::StatusOr<v1::Shortlist> Shortlister::GetShortlist(const common::Caller& caller,
                                                        const v1::GetShortlistRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadShortlists));
  WPS_RETURN_IF_ERROR(names::ParseShortlistName(request.name(), "name").status());
  WPS_ASSIGN_OR_RETURN(v1::Shortlist shortlist, shortlists_.Get(request.name()));
  // Another's shortlist is as if absent: its existence says what someone was looking for.
  if (!common::MayReadShortlistOf(caller, shortlist.requester())) {
    return absl::NotFoundError(absl::StrCat(request.name(), " not found"));
  }
  WPS_RETURN_IF_ERROR(FillCandidates(caller, shortlist, [](const Mediator&, v1::Candidate&) {}));
  return shortlist;
}

absl::StatusOr<v1::ListShortlistsResponse> Shortlister::ListShortlists(
    const common::Caller& caller, const v1::ListShortlistsRequest& request) const {
  WPS_RETURN_IF_ERROR(common::Authorize(caller, common::Action::kReadShortlists));
  if (!request.process().empty()) {
    WPS_RETURN_IF_ERROR(names::ParseProcessName(request.process(), "process").status());
  }
  WPS_ASSIGN_OR_RETURN(int page_size,
                       common::EffectivePageSize(request.page_size(), kDefaultPageSize, kMaxPageSize));
  v1::ListShortlistsResponse response;
  WPS_ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      common::FillFilteredPage(
          request.page_token(), common::RequestFingerprint({"shortlists", request.process()}),
          page_size, absl::Now() + common::kListScanBudget, *response.mutable_shortlists(),
          [&](absl::string_view start_after, auto&& visit, auto&& pass_over) {
            return shortlists_.Scan(start_after, [&](v1::Shortlist&& shortlist) {
              if ((!request.process().empty() &&
                   shortlist.request().process() != request.process()) ||
                  !common::MayReadShortlistOf(caller, shortlist.requester())) {
                return pass_over(shortlist.name());
              }
              return visit(std::move(shortlist));
            });
          }));
  for (v1::Shortlist& shortlist : *response.mutable_shortlists()) {
    WPS_RETURN_IF_ERROR(FillCandidates(caller, shortlist, [](const Mediator&, v1::Candidate&) {}));
  }
  return response;
}

}  // namespace wps::matching
