#include "services/common/access_policy.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace wps::common {
namespace {

using ::wps::roster::v1::Mediator;

Caller As(Role role, const std::string& network = "") { return Caller{"someone", role, network, "", Credential::kToken}; }

Mediator Record(const std::string& network, bool contact_release, bool at_risk = false) {
  Mediator record;
  record.set_name("networks/" + network + "/mediators/m");
  record.set_network(network);
  record.mutable_contact()->set_email("m@example.org");
  record.mutable_consent()->set_contact_release(contact_release);
  record.set_at_risk(at_risk);
  return record;
}

// "hidden", "contact" or "no contact": what `caller` sees of `record`.
std::string Seen(const Caller& caller, const Mediator& record) {
  std::optional<Mediator> view = MediatorViewFor(caller, record);
  if (!view) return "hidden";
  return view->has_contact() ? "contact" : "no contact";
}

TEST(AccessPolicyTest, EachRoleSeesWhatTheTableSays) {
  struct Row {
    Caller caller;
    Mediator record;
    std::string seen;
  };
  const std::vector<Row> rows = {
      {As(Role::kAdmin), Record("nordic", false), "contact"},
      {As(Role::kAdmin), Record("nordic", false, /*at_risk=*/true), "contact"},
      {As(Role::kCoordinator, "nordic"), Record("nordic", false), "contact"},
      {As(Role::kCoordinator, "nordic"), Record("nordic", false, true), "contact"},
      {As(Role::kCoordinator, "nordic"), Record("mwmn", true), "no contact"},
      {As(Role::kCoordinator, "nordic"), Record("mwmn", true, true), "hidden"},
      {As(Role::kViewer, "nordic"), Record("nordic", true), "no contact"},
      {As(Role::kViewer, "nordic"), Record("nordic", true, true), "no contact"},
      {As(Role::kViewer, "nordic"), Record("mwmn", true), "hidden"},
      {As(Role::kMediationUnit), Record("nordic", false), "no contact"},
      {As(Role::kMediationUnit), Record("nordic", true), "contact"},
      {As(Role::kMediationUnit), Record("nordic", true, true), "hidden"},
      {As(Role::kPartner, "mwmn"), Record("nordic", true), "hidden"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Seen(row.caller, row.record), row.seen)
        << RoleName(row.caller.role) << " " << row.caller.network << " reading " << row.record.network()
        << (row.record.at_risk() ? " at risk" : "");
  }
}

TEST(AccessPolicyTest, RolesMayDoWhatTheTableSays) {
  EXPECT_TRUE(Authorize(As(Role::kAdmin), Action::kManageNetworks).ok());
  EXPECT_EQ(Authorize(As(Role::kCoordinator, "nordic"), Action::kManageNetworks).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(AuthorizeWriteTo(As(Role::kCoordinator, "nordic"), "nordic").ok());
  EXPECT_EQ(AuthorizeWriteTo(As(Role::kCoordinator, "nordic"), "mwmn").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(AuthorizeWriteTo(As(Role::kViewer, "nordic"), "nordic").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(AuthorizeReadOf(As(Role::kViewer, "nordic"), "nordic").ok());
  EXPECT_EQ(AuthorizeReadOf(As(Role::kViewer, "nordic"), "mwmn").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(AuthorizeReadOf(As(Role::kCoordinator, "nordic"), "mwmn").ok());
  EXPECT_EQ(Authorize(As(Role::kMediationUnit), Action::kReadMediators).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Authorize(As(Role::kMediationUnit), Action::kRequestShortlists).ok());
  EXPECT_EQ(Authorize(As(Role::kViewer, "nordic"), Action::kRequestShortlists).code(),
            absl::StatusCode::kPermissionDenied);
  for (Action action : {Action::kReadNetworks, Action::kReadMediators, Action::kReadProcesses, Action::kReadBalance}) {
    EXPECT_EQ(Authorize(As(Role::kPartner, "mwmn"), action).code(), absl::StatusCode::kPermissionDenied);
  }
  EXPECT_TRUE(MayReadShortlistOf(As(Role::kAdmin), "anyone"));
  EXPECT_TRUE(MayReadShortlistOf(As(Role::kMediationUnit), "someone"));
  EXPECT_FALSE(MayReadShortlistOf(As(Role::kMediationUnit), "another"));
  EXPECT_FALSE(MayReadShortlistOf(As(Role::kViewer, "nordic"), "someone"));
}

}  // namespace
}  // namespace wps::common
