// The arithmetic of balance_math.h on hand-computed delegations: every figure, every flag, the exact
// target test and exact share comparison.
#include "services/balance/balance_math.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wps::balance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Member = v1::Member;

// Adds `count` members of `gender` in `role` to `d`.
void AddMembers(v1::Delegation& d, Member::Gender gender, Member::Role role, int count = 1) {
  for (int i = 0; i < count; ++i) {
    Member* m = d.add_members();
    m->set_gender(gender);
    m->set_role(role);
  }
}

MemberTotals TotalsOf(const v1::Delegation& d) {
  MemberTotals totals;
  totals.AddAll(CountMembers(d));
  return totals;
}

v1::DelegationBalance FiguresOf(const v1::Delegation& d, double target = 0.30,
                                const v1::Delegation* previous = nullptr) {
  v1::DelegationBalance out;
  const MemberTotals before = previous != nullptr ? TotalsOf(*previous) : MemberTotals();
  FillFigures(TotalsOf(d), target, previous != nullptr ? &before : nullptr, out);
  return out;
}

std::vector<int> FlagsOf(const v1::DelegationBalance& b) {
  return std::vector<int>(b.flags().begin(), b.flags().end());
}

// HEAD woman, 2 NEGOTIATOR men, ADVISER woman, TECHNICAL_EXPERT other, OBSERVER undisclosed.
v1::Delegation MixedDelegation() {
  v1::Delegation d;
  AddMembers(d, Member::WOMAN, Member::HEAD);
  AddMembers(d, Member::MAN, Member::NEGOTIATOR, 2);
  AddMembers(d, Member::WOMAN, Member::ADVISER);
  AddMembers(d, Member::OTHER, Member::TECHNICAL_EXPERT);
  AddMembers(d, Member::UNDISCLOSED, Member::OBSERVER);
  return d;
}

TEST(BalanceMathTest, DecisionMakingRolesAreHeadNegotiatorMediatorSignatory) {
  EXPECT_TRUE(IsDecisionRole(Member::SIGNATORY));
  EXPECT_FALSE(IsDecisionRole(Member::ADVISER));
  for (int role : {Member::HEAD, Member::NEGOTIATOR, Member::MEDIATOR}) EXPECT_TRUE(IsDecisionRole(role));
  for (int role : {Member::TECHNICAL_EXPERT, Member::OBSERVER}) EXPECT_FALSE(IsDecisionRole(role));
}

TEST(BalanceMathTest, MixedDelegationFigures) {
  const v1::DelegationBalance b = FiguresOf(MixedDelegation());
  EXPECT_EQ(b.members(), 6);
  EXPECT_EQ(b.women(), 2);
  EXPECT_EQ(b.men(), 2);
  EXPECT_EQ(b.other(), 1);
  EXPECT_EQ(b.undisclosed(), 1);
  ASSERT_TRUE(b.has_women_share());
  EXPECT_DOUBLE_EQ(b.women_share(), 2.0 / 6);
  // Decision-making: HEAD and the two NEGOTIATORs; the HEAD is a woman.
  ASSERT_TRUE(b.has_women_decision_share());
  EXPECT_DOUBLE_EQ(b.women_decision_share(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(b.target(), 0.30);
  EXPECT_TRUE(b.meets_target());
  EXPECT_THAT(FlagsOf(b), IsEmpty());
  EXPECT_TRUE(b.delegation().empty());
  EXPECT_EQ(b.kind(), v1::Delegation::KIND_UNSPECIFIED);
}

TEST(BalanceMathTest, RoleBalancesListRolesPresentInEnumOrder) {
  google::protobuf::RepeatedPtrField<v1::RoleBalance> roles;
  FillRoleBalances(TotalsOf(MixedDelegation()), roles);
  ASSERT_EQ(roles.size(), 5);
  EXPECT_EQ(roles[0].role(), Member::HEAD);
  EXPECT_EQ(roles[0].women(), 1);
  EXPECT_EQ(roles[0].members(), 1);
  EXPECT_DOUBLE_EQ(roles[0].women_share(), 1.0);
  EXPECT_EQ(roles[1].role(), Member::NEGOTIATOR);
  EXPECT_EQ(roles[1].women(), 0);
  EXPECT_EQ(roles[1].members(), 2);
  ASSERT_TRUE(roles[1].has_women_share());
  EXPECT_DOUBLE_EQ(roles[1].women_share(), 0.0);
  EXPECT_EQ(roles[2].role(), Member::ADVISER);
  EXPECT_EQ(roles[3].role(), Member::TECHNICAL_EXPERT);
  EXPECT_EQ(roles[4].role(), Member::OBSERVER);
  EXPECT_EQ(roles[4].members(), 1);
}

TEST(BalanceMathTest, EmptyDelegationHasUnsetSharesAndOnlyNoMembers) {
  const v1::DelegationBalance b = FiguresOf(v1::Delegation());
  EXPECT_EQ(b.members(), 0);
  EXPECT_FALSE(b.has_women_share());
  EXPECT_FALSE(b.has_women_decision_share());
  EXPECT_FALSE(b.meets_target());
  EXPECT_DOUBLE_EQ(b.target(), 0.30);
  EXPECT_THAT(FlagsOf(b), ElementsAre(v1::NO_MEMBERS));
  google::protobuf::RepeatedPtrField<v1::RoleBalance> roles;
  FillRoleBalances(MemberTotals(), roles);
  EXPECT_THAT(roles, IsEmpty());
}

TEST(BalanceMathTest, AllUndisclosedCountsAsNoWomen) {
  v1::Delegation d;
  AddMembers(d, Member::UNDISCLOSED, Member::NEGOTIATOR, 3);
  AddMembers(d, Member::UNDISCLOSED, Member::ADVISER);
  const v1::DelegationBalance b = FiguresOf(d);
  EXPECT_EQ(b.members(), 4);
  EXPECT_EQ(b.women(), 0);
  EXPECT_EQ(b.undisclosed(), 4);
  ASSERT_TRUE(b.has_women_share());
  EXPECT_DOUBLE_EQ(b.women_share(), 0.0);
  EXPECT_DOUBLE_EQ(b.women_decision_share(), 0.0);
  EXPECT_FALSE(b.meets_target());
  EXPECT_THAT(FlagsOf(b), ElementsAre(v1::BELOW_TARGET, v1::ALL_UNDISCLOSED));
}

TEST(BalanceMathTest, WomenOnlyInNonDecisionRoles) {
  v1::Delegation d;
  AddMembers(d, Member::WOMAN, Member::ADVISER);
  AddMembers(d, Member::WOMAN, Member::TECHNICAL_EXPERT);
  AddMembers(d, Member::MAN, Member::HEAD);
  AddMembers(d, Member::MAN, Member::NEGOTIATOR, 2);
  const v1::DelegationBalance b = FiguresOf(d);
  EXPECT_DOUBLE_EQ(b.women_share(), 2.0 / 5);
  EXPECT_DOUBLE_EQ(b.women_decision_share(), 0.0);
  EXPECT_TRUE(b.meets_target());
  EXPECT_THAT(FlagsOf(b), ElementsAre(v1::WOMEN_ONLY_IN_NON_DECISION_ROLES));
}

TEST(BalanceMathTest, NoDecisionRolesLeavesDecisionShareUnset) {
  v1::Delegation d;
  AddMembers(d, Member::WOMAN, Member::OBSERVER);
  const v1::DelegationBalance b = FiguresOf(d);
  EXPECT_DOUBLE_EQ(b.women_share(), 1.0);
  EXPECT_FALSE(b.has_women_decision_share());
  EXPECT_THAT(FlagsOf(b), IsEmpty());  // no decision-making seats: nothing to be left out of
}

// 3 of 10 is exactly 0.30: it meets the target. So does 7 of 10 for 0.70, although 0.7 * 10 is
// 7.000000000000001 in doubles.
TEST(BalanceMathTest, ShareExactlyAtTargetMeetsIt) {
  EXPECT_TRUE(MeetsTarget(3, 10, 0.30));
  EXPECT_TRUE(MeetsTarget(7, 10, 0.70));
  EXPECT_TRUE(MeetsTarget(3, 100, 0.03));
  EXPECT_TRUE(MeetsTarget(1, 3, 0.333333));
  EXPECT_FALSE(MeetsTarget(2, 10, 0.30));
  EXPECT_FALSE(MeetsTarget(29, 100, 0.30));
  EXPECT_FALSE(MeetsTarget(6, 10, 0.70));
  // Below a millionth the target is rounded: 0.3000001 is 0.300000.
  EXPECT_TRUE(MeetsTarget(3, 10, 0.3000001));
  EXPECT_FALSE(MeetsTarget(3, 10, 0.300001));

  v1::Delegation d;
  AddMembers(d, Member::WOMAN, Member::NEGOTIATOR, 3);
  AddMembers(d, Member::MAN, Member::NEGOTIATOR, 7);
  const v1::DelegationBalance b = FiguresOf(d);
  EXPECT_TRUE(b.meets_target());
  EXPECT_THAT(FlagsOf(b), IsEmpty());
}

TEST(BalanceMathTest, TargetEdges) {
  EXPECT_FALSE(MeetsTarget(0, 0, 0.0));  // no members: undefined, never met
  EXPECT_TRUE(MeetsTarget(0, 5, 0.0));
  EXPECT_TRUE(MeetsTarget(5, 5, 1.0));
  EXPECT_FALSE(MeetsTarget(4, 5, 1.0));
  EXPECT_TRUE(MeetsTarget(0, 5, -1.0));
  EXPECT_FALSE(MeetsTarget(4, 5, 2.0));
}

TEST(BalanceMathTest, TargetOfProcessDefaultsToThirtyPercent) {
  matching::v1::PeaceProcess process;
  EXPECT_DOUBLE_EQ(TargetOf(process), 0.30);
  process.set_target_women_share(0.5);
  EXPECT_DOUBLE_EQ(TargetOf(process), 0.5);
  process.set_target_women_share(0.0);  // set to zero is not unset
  EXPECT_DOUBLE_EQ(TargetOf(process), 0.0);
}

TEST(BalanceMathTest, FellSinceThePreviousRoundComparesExactly) {
  v1::Delegation before;  // 3 of 10
  AddMembers(before, Member::WOMAN, Member::NEGOTIATOR, 3);
  AddMembers(before, Member::MAN, Member::NEGOTIATOR, 7);
  v1::Delegation fell;  // 2 of 7 = 0.2857
  AddMembers(fell, Member::WOMAN, Member::NEGOTIATOR, 2);
  AddMembers(fell, Member::MAN, Member::NEGOTIATOR, 5);
  EXPECT_THAT(FlagsOf(FiguresOf(fell, 0.30, &before)),
              ElementsAre(v1::BELOW_TARGET, v1::FELL_SINCE_PREVIOUS_ROUND));
  EXPECT_THAT(FlagsOf(FiguresOf(fell, 0.20, &before)), ElementsAre(v1::FELL_SINCE_PREVIOUS_ROUND));
  EXPECT_THAT(FlagsOf(FiguresOf(before, 0.30, &before)), IsEmpty());  // equal is not lower
  EXPECT_THAT(FlagsOf(FiguresOf(before, 0.30, &fell)), IsEmpty());    // rose
  // Now empty: the share is undefined, so it did not fall.
  EXPECT_THAT(FlagsOf(FiguresOf(v1::Delegation(), 0.30, &before)), ElementsAre(v1::NO_MEMBERS));

  EXPECT_FALSE(ShareLower({1, 3}, {2, 6}));
  EXPECT_FALSE(ShareLower({2, 6}, {1, 3}));
  EXPECT_TRUE(ShareLower({33, 100}, {1, 3}));
  EXPECT_FALSE(ShareLower({0, 0}, {1, 3}));
}

TEST(BalanceMathTest, ReportFiguresByRole) {
  v1::Delegation d = MixedDelegation();
  AddMembers(d, Member::WOMAN, Member::MEDIATOR);
  AddMembers(d, Member::MAN, Member::MEDIATOR);
  AddMembers(d, Member::MAN, Member::SIGNATORY);
  const MemberTotals totals = TotalsOf(d);
  const WomenOf negotiators = Negotiators(totals);  // HEAD woman + 2 NEGOTIATOR men
  EXPECT_EQ(negotiators.women, 1);
  EXPECT_EQ(negotiators.members, 3);
  const WomenOf mediators = InRole(totals, Member::MEDIATOR);
  EXPECT_EQ(mediators.women, 1);
  EXPECT_EQ(mediators.members, 2);
  const WomenOf everyone = Everyone(totals);
  EXPECT_EQ(everyone.women, 3);
  EXPECT_EQ(everyone.members, 9);

  const v1::ShareFigure signatories = ToShareFigure(InRole(totals, Member::SIGNATORY));
  EXPECT_EQ(signatories.members(), 1);
  EXPECT_DOUBLE_EQ(signatories.women_share(), 0.0);
  EXPECT_FALSE(ToShareFigure(WomenOf{}).has_women_share());
}

TEST(BalanceMathTest, UnknownValuesCountInTheKnownAxisOnly) {
  DelegationCounts counts;
  counts.Add(42, Member::WOMAN);                // a role of a newer writer
  counts.Add(Member::NEGOTIATOR, 9);            // a gender of a newer writer
  EXPECT_EQ(counts.members(), 2);
  EXPECT_EQ(counts.women(), 1);                 // her role is unknown, her gender is not
  EXPECT_EQ(counts.WithGender(Member::MAN), 0);
  EXPECT_EQ(counts.InRole(Member::NEGOTIATOR), 1);
  EXPECT_EQ(counts.WomenInRole(Member::NEGOTIATOR), 0);
  EXPECT_EQ(counts.decision_members(), 1);
  EXPECT_EQ(counts.decision_women(), 0);
}

TEST(BalanceMathTest, DelegationCellsSaturate) {
  DelegationCounts counts;
  counts.Add(Member::HEAD, Member::WOMAN, 70000);
  EXPECT_EQ(counts.Get(Member::HEAD, Member::WOMAN), 65535);
  MemberTotals totals;
  totals.AddAll(counts);
  totals.AddAll(counts);
  EXPECT_EQ(totals.women(), 131070);
}

}  // namespace
}  // namespace wps::balance
