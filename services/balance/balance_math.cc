#include "services/balance/balance_math.h"

#include <cmath>

namespace wps::balance {
namespace {

constexpr int64_t kPartsPerMillion = 1000000;

// The target in parts per million, clamped to [0, 1e6]; NaN counts as 0.
int64_t TargetPpm(double target) {
  if (!(target > 0.0)) return 0;
  if (target >= 1.0) return kPartsPerMillion;
  return std::llround(target * kPartsPerMillion);
}

int32_t Saturate(int64_t value) {
  constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  return static_cast<int32_t>(value > kMax ? kMax : value);
}

void SetShare(const std::optional<double>& share, v1::DelegationBalance& out,
              void (v1::DelegationBalance::*setter)(double)) {
  if (share) (out.*setter)(*share);
}

}  // namespace

double TargetOf(const matching::v1::PeaceProcess& process) {
  return process.has_target_women_share() ? process.target_women_share() : kDefaultTarget;
}

bool IsDecisionRole(int role) {
  return role == v1::Member::HEAD || role == v1::Member::NEGOTIATOR ||
         role == v1::Member::MEDIATOR || role == v1::Member::SIGNATORY;
}

DelegationCounts CountMembers(const v1::Delegation& delegation) {
  DelegationCounts counts;
  for (const v1::Member& member : delegation.members()) counts.Add(member.role(), member.gender());
  return counts;
}

WomenOf Negotiators(const MemberTotals& counts) {
  WomenOf figure = InRole(counts, v1::Member::HEAD);
  figure.Add(InRole(counts, v1::Member::NEGOTIATOR));
  return figure;
}

WomenOf InRole(const MemberTotals& counts, int role) {
  return WomenOf{counts.WomenInRole(role), counts.InRole(role)};
}

WomenOf Everyone(const MemberTotals& counts) { return WomenOf{counts.women(), counts.members()}; }

std::optional<double> Share(int64_t women, int64_t members) {
  if (members <= 0) return std::nullopt;
  return static_cast<double>(women) / static_cast<double>(members);
}

bool MeetsTarget(int64_t women, int64_t members, double target) {
  if (members <= 0) return false;
  // Counts are far below 2^43, so neither product overflows.
  return women * kPartsPerMillion >= TargetPpm(target) * members;
}

bool ShareLower(const WomenOf& a, const WomenOf& b) {
  if (a.members <= 0 || b.members <= 0) return false;
  return a.women * b.members < b.women * a.members;
}

void FillFigures(const MemberTotals& counts, double target, const MemberTotals* previous,
                 v1::DelegationBalance& out) {
  const WomenOf all = Everyone(counts);
  out.set_members(Saturate(all.members));
  out.set_women(Saturate(all.women));
  out.set_men(Saturate(counts.WithGender(v1::Member::MAN)));
  out.set_other(Saturate(counts.WithGender(v1::Member::OTHER)));
  out.set_undisclosed(Saturate(counts.WithGender(v1::Member::UNDISCLOSED)));
  SetShare(Share(all.women, all.members), out, &v1::DelegationBalance::set_women_share);
  SetShare(Share(counts.decision_women(), counts.decision_members()), out,
           &v1::DelegationBalance::set_women_decision_share);
  out.set_target(target);
  const bool meets = MeetsTarget(all.women, all.members, target);
  out.set_meets_target(meets);

  const bool has_members = all.members > 0;
  if (has_members && !meets) out.add_flags(v1::BELOW_TARGET);
  if (all.women > 0 && counts.decision_members() > 0 && counts.decision_women() == 0) {
    out.add_flags(v1::WOMEN_ONLY_IN_NON_DECISION_ROLES);
  }
  if (previous != nullptr && ShareLower(all, Everyone(*previous))) {
    out.add_flags(v1::FELL_SINCE_PREVIOUS_ROUND);
  }
  if (!has_members) out.add_flags(v1::NO_MEMBERS);
  if (has_members && counts.WithGender(v1::Member::UNDISCLOSED) == all.members) {
    out.add_flags(v1::ALL_UNDISCLOSED);
  }
}

void FillRoleBalances(const MemberTotals& counts,
                      google::protobuf::RepeatedPtrField<v1::RoleBalance>& out) {
  for (int role = 1; role < MemberTotals::kRoleSlots; ++role) {
    const WomenOf figure = InRole(counts, role);
    if (figure.members == 0) continue;
    v1::RoleBalance* balance = out.Add();
    balance->set_role(static_cast<Role>(role));
    balance->set_women(Saturate(figure.women));
    balance->set_members(Saturate(figure.members));
    balance->set_women_share(*Share(figure.women, figure.members));
  }
}

v1::ShareFigure ToShareFigure(const WomenOf& figure) {
  v1::ShareFigure out;
  out.set_women(Saturate(figure.women));
  out.set_members(Saturate(figure.members));
  if (std::optional<double> share = Share(figure.women, figure.members)) out.set_women_share(*share);
  return out;
}

}  // namespace wps::balance
