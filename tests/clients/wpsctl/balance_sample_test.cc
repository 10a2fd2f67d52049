// The sample delegations of `wpsctl balance create-sample`: a spreadsheet `balance import` reads
// without an error, of the size the demo promises, with the situations the flags are for.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "clients/sample/sample_balance.h"
#include "clients/wpsctl/balance_csv.h"
#include "clients/wpsctl/balance_format.h"
#include "clients/wpsctl/balance_import.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/balance/balance_math.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Delegation;
using balance::v1::Member;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Women and members of one delegation at one round.
struct Figures {
  int women = 0;
  int members = 0;
  int women_deciding = 0;
  int undisclosed = 0;
  double Share() const { return static_cast<double>(women) / members; }
};

class SampleBalanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<BalanceSheet> sheet = ParseBalanceSheet(SampleBalanceCsv());
    ASSERT_OK(sheet.status());
    sheet_ = *std::move(sheet);
  }

  // Figures by process id, then round id (in file order), then delegation id.
  std::map<std::string, std::vector<std::pair<std::string, std::map<std::string, Figures>>>>
  ByProcessAndRound() const {
    std::map<std::string, std::vector<std::pair<std::string, std::map<std::string, Figures>>>> out;
    for (const SheetDelegation& d : sheet_.delegations) {
      auto& rounds = out[LastSegment(d.process)];
      if (rounds.empty() || rounds.back().first != d.round_id) rounds.push_back({d.round_id, {}});
      Figures& f = rounds.back().second[d.delegation.id()];
      for (const Member& m : d.delegation.members()) {
        ++f.members;
        f.women += m.gender() == Member::WOMAN;
        f.undisclosed += m.gender() == Member::UNDISCLOSED;
        f.women_deciding += m.gender() == Member::WOMAN && balance::IsDecisionRole(m.role());
      }
    }
    return out;
  }

  BalanceSheet sheet_;
};

TEST_F(SampleBalanceTest, ImportsWithoutErrors) {
  EXPECT_THAT(sheet_.errors, IsEmpty());
  EXPECT_THAT(sheet_.rejected, IsEmpty());
  EXPECT_GT(sheet_.rows, 100);
  for (const SheetRound& round : sheet_.rounds) {
    EXPECT_FALSE(round.start_date.empty()) << round.round_id;
    EXPECT_FALSE(round.display_name.empty()) << round.round_id;
  }
  for (const SheetDelegation& d : sheet_.delegations) {
    EXPECT_FALSE(d.delegation.display_name().empty()) << d.Name();
  }
}

TEST_F(SampleBalanceTest, ThreeProcessesOfThreeToFiveRoundsAndMixedDelegations) {
  std::vector<std::string> ids;
  for (const auto& process : sample::SampleBalanceProcesses()) ids.push_back(process.name());
  EXPECT_THAT(ids, ElementsAre("processes/sudan-sample", "processes/yemen-sample",
                               "processes/colombia-sample"));
  // The process run.sh creates.
  EXPECT_EQ(sample::SampleBalanceProcesses()[0].display_name(), "Sudan talks (sample)");

  const auto processes = ByProcessAndRound();
  ASSERT_EQ(processes.size(), 3u);
  for (const auto& [process, rounds] : processes) {
    EXPECT_GE(rounds.size(), 3u) << process;
    EXPECT_LE(rounds.size(), 5u) << process;
    for (const auto& [round, delegations] : rounds) {
      EXPECT_GE(delegations.size(), 3u) << process << " " << round;
      EXPECT_LE(delegations.size(), 5u) << process << " " << round;
    }
  }
  std::set<Delegation::Kind> kinds;
  for (const SheetDelegation& d : sheet_.delegations) kinds.insert(d.delegation.kind());
  EXPECT_GE(kinds.size(), 4u);
}

TEST_F(SampleBalanceTest, SudanLatestRoundShowsWhatTheFlagsAreFor) {
  const auto rounds = ByProcessAndRound().at("sudan-sample");
  const auto& [latest_id, latest] = rounds.back();
  const auto& previous = rounds[rounds.size() - 2].second;
  EXPECT_EQ(latest_id, "r4");
  bool below_target = false, fell = false, women_not_deciding = false, meets = false;
  for (const auto& [id, f] : latest) {
    below_target |= f.Share() < 0.3;
    meets |= f.Share() >= 0.3;
    women_not_deciding |= f.women > 0 && f.women_deciding == 0;
    const auto before = previous.find(id);
    fell |= before != previous.end() && f.Share() < before->second.Share();
  }
  EXPECT_TRUE(below_target);
  EXPECT_TRUE(meets);
  EXPECT_TRUE(fell);
  EXPECT_TRUE(women_not_deciding);
}

TEST_F(SampleBalanceTest, HasADelegationWithoutMembersAndOneAllUndisclosed) {
  bool no_members = false, all_undisclosed = false;
  for (const auto& [process, rounds] : ByProcessAndRound()) {
    for (const auto& [round, delegations] : rounds) {
      for (const auto& [id, f] : delegations) {
        no_members |= f.members == 0;
        all_undisclosed |= f.members > 0 && f.undisclosed == f.members;
      }
    }
  }
  EXPECT_TRUE(no_members);
  EXPECT_TRUE(all_undisclosed);
}

TEST_F(SampleBalanceTest, UndisclosedMembersHaveNoName) {
  for (const sample::SampleSeat& seat : sample::SampleBalanceSeats()) {
    if (seat.gender == Member::UNDISCLOSED) {
      EXPECT_EQ(seat.member, "");
    } else if (seat.gender == Member::WOMAN || seat.gender == Member::MAN) {
      EXPECT_NE(seat.member, "");
    }
  }
}

}  // namespace
}  // namespace wps::wpsctl
