#include "services/balance/balance_views.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "services/balance/balance_names.h"

namespace wps::balance {
namespace {

MemberTotals Totals(const DelegationCounts& counts) {
  MemberTotals totals;
  totals.AddAll(counts);
  return totals;
}

MemberTotals RoundTotals(const RoundEntry& round) {
  MemberTotals totals;
  for (const DelegationEntry& d : round.delegations) totals.AddAll(d.counts);
  return totals;
}

// The counts at each delegation's (and the overall's) latest round with a defined share, among the
// rounds recorded so far. Points into the model: valid while it is not written.
class PreviousRounds {
 public:
  // Null when no recorded round had delegation `id` with members.
  const DelegationCounts* Delegation(absl::string_view id) const {
    auto it = delegations_.find(id);
    return it == delegations_.end() ? nullptr : it->second;
  }
  const MemberTotals* Overall() const { return overall_ ? &*overall_ : nullptr; }

  // Records `round` of `process`, which comes after every round recorded before.
  void Record(const ProcessEntry& process, const RoundEntry& round, const MemberTotals& round_totals) {
    for (const DelegationEntry& d : round.delegations) {
      if (d.counts.members() > 0) delegations_[process.label(d).id] = &d.counts;
    }
    if (round_totals.members() > 0) overall_ = round_totals;
  }

 private:
  absl::flat_hash_map<absl::string_view, const DelegationCounts*> delegations_;
  std::optional<MemberTotals> overall_;
};

void FillDelegation(absl::string_view round_name, const DelegationLabel& label,
                    const DelegationEntry& d, double target, const PreviousRounds& previous,
                    v1::DelegationBalance& out) {
  out.set_delegation(DelegationName(round_name, label.id));
  out.set_display_name(label.display_name);
  out.set_kind(label.kind);
  const DelegationCounts* before = previous.Delegation(label.id);
  const MemberTotals before_totals = before != nullptr ? Totals(*before) : MemberTotals();
  FillFigures(Totals(d.counts), target, before != nullptr ? &before_totals : nullptr, out);
}

v1::Balance RoundBalance(absl::string_view process_name, const ProcessEntry& process,
                         const RoundEntry& round, const MemberTotals& round_totals,
                         const PreviousRounds& previous) {
  v1::Balance out;
  out.set_round(RoundName(process_name, round.id));
  out.set_round_display_name(round.display_name);
  out.set_start_date(round.start_date);
  for (const DelegationEntry& d : round.delegations) {
    FillDelegation(out.round(), process.label(d), d, process.target, previous,
                   *out.add_delegations());
  }
  FillFigures(round_totals, process.target, previous.Overall(), *out.mutable_overall());
  FillRoleBalances(round_totals, *out.mutable_by_role());
  return out;
}

bool AboutAny(const std::vector<std::string>& countries, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  for (const std::string& country : countries) {
    if (std::find(wanted.begin(), wanted.end(), country) != wanted.end()) return true;
  }
  return false;
}

// The latest round of `process` starting inside the query's dates; null when none does.
const RoundEntry* LatestRoundInside(const ProcessEntry& process, const ReportQuery& query) {
  for (auto it = process.rounds.rbegin(); it != process.rounds.rend(); ++it) {
    if (!query.to_date.empty() && it->start_date > query.to_date) continue;
    // Rounds are in start_date order: every earlier one starts earlier still.
    if (!query.from_date.empty() && it->start_date < query.from_date) return nullptr;
    return &*it;
  }
  return nullptr;
}

// The figures of one report row.
struct RowFigures {
  WomenOf negotiators;
  WomenOf mediators;
  WomenOf signatories;
  WomenOf overall;
  int delegations_below_target = 0;
};

RowFigures TallyRound(const ProcessEntry& process, const RoundEntry& round) {
  MemberTotals parties;
  MemberTotals all;
  RowFigures figures;
  for (const DelegationEntry& d : round.delegations) {
    all.AddAll(d.counts);
    if (process.label(d).kind == v1::Delegation::PARTY) parties.AddAll(d.counts);
    const int64_t members = d.counts.members();
    if (members > 0 && !MeetsTarget(d.counts.women(), members, process.target)) {
      ++figures.delegations_below_target;
    }
  }
  figures.negotiators = Negotiators(parties);
  figures.mediators = InRole(all, v1::Member::MEDIATOR);
  figures.signatories = InRole(all, v1::Member::SIGNATORY);
  figures.overall = Everyone(all);
  return figures;
}

void FillRow(const std::string& name, const ProcessEntry& process, absl::string_view round_name,
             const RoundEntry& round, const RowFigures& figures, v1::ProcessBalanceRow& row) {
  row.set_process(name);
  row.set_display_name(process.display_name);
  for (const std::string& country : process.countries) row.add_countries(country);
  row.set_round(std::string(round_name));
  row.set_round_start_date(round.start_date);
  *row.mutable_negotiators() = ToShareFigure(figures.negotiators);
  *row.mutable_mediators() = ToShareFigure(figures.mediators);
  *row.mutable_signatories() = ToShareFigure(figures.signatories);
  *row.mutable_overall() = ToShareFigure(figures.overall);
  row.set_target(process.target);
  row.set_delegations_below_target(figures.delegations_below_target);
}

}  // namespace

std::optional<size_t> FindRoundIndex(const ProcessEntry& process, absl::string_view round_id) {
  for (size_t i = 0; i < process.rounds.size(); ++i) {
    if (process.rounds[i].id == round_id) return i;
  }
  return std::nullopt;
}

v1::Balance BuildBalance(absl::string_view process_name, const ProcessEntry& process,
                         size_t round_index) {
  PreviousRounds previous;
  for (size_t i = 0; i < round_index; ++i) {
    previous.Record(process, process.rounds[i], RoundTotals(process.rounds[i]));
  }
  const RoundEntry& round = process.rounds[round_index];
  return RoundBalance(process_name, process, round, RoundTotals(round), previous);
}

v1::BalanceTrend BuildTrend(absl::string_view process_name, const ProcessEntry& process) {
  v1::BalanceTrend trend;
  trend.set_process(std::string(process_name));
  trend.set_target(process.target);
  PreviousRounds previous;
  for (const RoundEntry& round : process.rounds) {
    const MemberTotals totals = RoundTotals(round);
    *trend.add_points() = RoundBalance(process_name, process, round, totals, previous);
    previous.Record(process, round, totals);
  }
  return trend;
}

v1::BalanceReport BuildReport(const BalanceModel::ProcessMap& processes, const ReportQuery& query) {
  v1::BalanceReport report;
  WomenOf negotiators, mediators, signatories;
  for (const auto& [name, process] : processes) {
    if (!process.known || !AboutAny(process.countries, query.countries)) continue;
    const RoundEntry* round = LatestRoundInside(process, query);
    if (round == nullptr) continue;
    const RowFigures figures = TallyRound(process, *round);
    FillRow(name, process, RoundName(name, round->id), *round, figures, *report.add_rows());
    negotiators.Add(figures.negotiators);
    mediators.Add(figures.mediators);
    signatories.Add(figures.signatories);
    // As API.md words it: no women mediators, whether or not the round had mediators at all; a round
    // with nobody recorded says nothing either way.
    const bool recorded = figures.overall.members > 0;
    if (recorded && figures.mediators.women == 0) report.add_processes_without_women_mediators(name);
    if (recorded && figures.signatories.women == 0) {
      report.add_processes_without_women_signatories(name);
    }
  }
  report.set_processes(report.rows_size());
  *report.mutable_negotiators() = ToShareFigure(negotiators);
  *report.mutable_mediators() = ToShareFigure(mediators);
  *report.mutable_signatories() = ToShareFigure(signatories);
  return report;
}

}  // namespace wps::balance
