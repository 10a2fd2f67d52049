// The arithmetic of gender balance (balance/v1/resources.proto): members counted by role and gender,
// women's shares, the target test and the flags of a delegation or a round. Pure logic: no storage,
// no gRPC.
//
// Exactness. Shares are reported as doubles (women / members), but every decision is taken on the
// integer counts:
//   * meets_target: women >= target * members, with the target rounded to parts per million and the
//     comparison done in 64-bit integers (women * 1e6 >= round(target * 1e6) * members). So 3 of 10
//     meets 0.30 and 7 of 10 meets 0.70, which a double product (0.7 * 10 = 7.000000000000001) would
//     get wrong; targets finer than a millionth are rounded to the nearest one.
//   * "fell since the previous round": w1/m1 < w0/m0 compared as w1*m0 < w0*m1.
//
// Thread safety: every function is safe to call concurrently; a MemberCounts object is a value.
#ifndef WPS_SERVICES_BALANCE_BALANCE_MATH_H_
#define WPS_SERVICES_BALANCE_BALANCE_MATH_H_

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

#include "google/protobuf/repeated_ptr_field.h"
#include "wps/balance/v1/resources.pb.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::balance {

using Gender = v1::Member::Gender;
using Role = v1::Member::Role;

// The women's share a process aims at when it sets none (API.md).
inline constexpr double kDefaultTarget = 0.30;

// The target of `process`: its target_women_share, kDefaultTarget when unset.
double TargetOf(const matching::v1::PeaceProcess& process);

// True for HEAD, NEGOTIATOR, MEDIATOR and SIGNATORY.
bool IsDecisionRole(int role);

// Members counted by (role, gender). Slot 0 of each axis holds values this build does not know (a
// newer writer's enum values, or UNSPECIFIED, which validation refuses): a member of unknown role
// counts in members() and by her gender, in no role; one of unknown gender counts in members() and in
// her role, in no gender column.
// `Cell` is uint16_t for one delegation (at most kMaxMembers members; adds saturate) and int64_t for
// sums over delegations.
template <typename Cell>
class BasicMemberCounts {
 public:
  static constexpr int kRoleSlots = v1::Member::Role_MAX + 1;
  static constexpr int kGenderSlots = v1::Member::Gender_MAX + 1;

  void Add(int role, int gender, int64_t count = 1) {
    Cell& cell = cells_[Slot(role, gender)];
    const int64_t sum = static_cast<int64_t>(cell) + count;
    cell = static_cast<Cell>(sum > kCellMax ? kCellMax : sum);
  }
  template <typename OtherCell>
  void AddAll(const BasicMemberCounts<OtherCell>& other) {
    for (int r = 0; r < kRoleSlots; ++r) {
      for (int g = 0; g < kGenderSlots; ++g) Add(r, g, other.Get(r, g));
    }
  }

  int64_t Get(int role, int gender) const { return cells_[Slot(role, gender)]; }
  int64_t members() const;
  int64_t WithGender(int gender) const;
  int64_t InRole(int role) const;
  int64_t women() const { return WithGender(v1::Member::WOMAN); }
  int64_t WomenInRole(int role) const { return Get(role, v1::Member::WOMAN); }
  int64_t decision_members() const;
  int64_t decision_women() const;

 private:
  static constexpr int64_t kCellMax = std::numeric_limits<Cell>::max();
  // Unknown values share slot 0 of their axis.
  static int Slot(int role, int gender) {
    const int r = role > 0 && role < kRoleSlots ? role : 0;
    const int g = gender > 0 && gender < kGenderSlots ? gender : 0;
    return r * kGenderSlots + g;
  }

  std::array<Cell, kRoleSlots * kGenderSlots> cells_{};
};

// One delegation's counts, as the catalog keeps them: 80 bytes.
using DelegationCounts = BasicMemberCounts<uint16_t>;
// Sums over delegations (a round, a report).
using MemberTotals = BasicMemberCounts<int64_t>;

// Counts the members of `delegation` by role and gender.
DelegationCounts CountMembers(const v1::Delegation& delegation);

// Women among members of some kind.
struct WomenOf {
  int64_t women = 0;
  int64_t members = 0;
  void Add(const WomenOf& other) {
    women += other.women;
    members += other.members;
  }
};

// HEAD and NEGOTIATOR members (of whatever delegations `counts` sums: the report passes PARTY ones).
WomenOf Negotiators(const MemberTotals& counts);
// Members in `role`.
WomenOf InRole(const MemberTotals& counts, int role);
// Every member.
WomenOf Everyone(const MemberTotals& counts);

// women / members; nullopt when members is 0 (the share is undefined, not zero).
std::optional<double> Share(int64_t women, int64_t members);

// women / members >= target, decided exactly (see the top of this file). False when members is 0. A
// target at or below 0 is met by any member; one above 1 by none short of all women.
bool MeetsTarget(int64_t women, int64_t members, double target);

// a.women / a.members < b.women / b.members, exactly. False when either has no members.
bool ShareLower(const WomenOf& a, const WomenOf& b);

// Fills the figures of members counted in `counts` into `out`: members, women, men, other,
// undisclosed, women_share, women_decision_share, target, meets_target and flags. `previous` is the
// same delegation (or the round's overall) at the latest earlier round where its share was defined,
// null when there is none. Leaves delegation, display_name and kind to the caller.
//
// Flags, each when its condition holds, in enum order:
//   BELOW_TARGET                      members > 0 and the share does not meet the target
//   WOMEN_ONLY_IN_NON_DECISION_ROLES  women > 0, decision-making seats > 0, and no woman holds one
//   FELL_SINCE_PREVIOUS_ROUND         members > 0 and the share is lower than `previous`'s
//   NO_MEMBERS                        members == 0 (no BELOW_TARGET then: the share is undefined)
//   ALL_UNDISCLOSED                   members > 0 and every gender is UNDISCLOSED
void FillFigures(const MemberTotals& counts, double target, const MemberTotals* previous,
                 v1::DelegationBalance& out);

// One RoleBalance per role with members in `counts`, in Role enum order (roles this build does not
// know are left out).
void FillRoleBalances(const MemberTotals& counts,
                      google::protobuf::RepeatedPtrField<v1::RoleBalance>& out);

// The ShareFigure of `figure` (int32 fields saturate).
v1::ShareFigure ToShareFigure(const WomenOf& figure);

// --- template definitions

template <typename Cell>
int64_t BasicMemberCounts<Cell>::members() const {
  int64_t total = 0;
  for (Cell cell : cells_) total += cell;
  return total;
}

template <typename Cell>
int64_t BasicMemberCounts<Cell>::WithGender(int gender) const {
  if (gender <= 0 || gender >= kGenderSlots) return 0;
  int64_t total = 0;
  for (int r = 0; r < kRoleSlots; ++r) total += Get(r, gender);
  return total;
}

template <typename Cell>
int64_t BasicMemberCounts<Cell>::InRole(int role) const {
  if (role <= 0 || role >= kRoleSlots) return 0;
  int64_t total = 0;
  for (int g = 0; g < kGenderSlots; ++g) total += cells_[role * kGenderSlots + g];
  return total;
}

template <typename Cell>
int64_t BasicMemberCounts<Cell>::decision_members() const {
  int64_t total = 0;
  for (int r = 1; r < kRoleSlots; ++r) total += IsDecisionRole(r) ? InRole(r) : 0;
  return total;
}

template <typename Cell>
int64_t BasicMemberCounts<Cell>::decision_women() const {
  int64_t total = 0;
  for (int r = 1; r < kRoleSlots; ++r) total += IsDecisionRole(r) ? WomenInRole(r) : 0;
  return total;
}

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_MATH_H_
