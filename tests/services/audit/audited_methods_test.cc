// The audit table covers every method of every wps service, so no call escapes the log unnoticed.
#include "services/audit/audited_methods.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "wps/admin/v1/admin_service.grpc.pb.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/matching/v1/shortlist_archive.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::audit {
namespace {

TEST(AuditedMethodsTest, EveryMethodOfEveryServiceHasAnEntry) {
  // The files of the services, reached through one of their messages (which links them in).
  const google::protobuf::FileDescriptor* files[] = {
      roster::v1::GetMediatorRequest::descriptor()->file(),
      matching::v1::GetShortlistRequest::descriptor()->file(),
      matching::v1::SaveShortlistRequest::descriptor()->file(),
      balance::v1::GetBalanceRequest::descriptor()->file(),
      sync::v1::PullRequest::descriptor()->file(),
      v1::ListAuditEventsRequest::descriptor()->file(),
      admin::v1::CreateBackupRequest::descriptor()->file(),
  };
  int methods = 0;
  for (const google::protobuf::FileDescriptor* file : files) {
    ASSERT_EQ(file->service_count(), 1) << file->name();
    const google::protobuf::ServiceDescriptor* service = file->service(0);
    for (int m = 0; m < service->method_count(); ++m) {
      const std::string method =
          absl::StrCat("/", service->full_name(), "/", service->method(m)->name());
      EXPECT_NE(FindAuditedMethod(method), nullptr)
          << method << " is missing from audited_methods.cc";
      ++methods;
    }
  }
  EXPECT_GT(methods, 30);
}

TEST(AuditedMethodsTest, WritesAndReadsOfRecordsAreAuditedAndHealthChecksAreNot) {
  EXPECT_EQ(FindAuditedMethod("/wps.roster.v1.RosterService/UpdateMediator")->category,
            AuditCategory::kWrite);
  EXPECT_EQ(FindAuditedMethod("/wps.roster.v1.RosterService/PurgeMediator")->category,
            AuditCategory::kPurge);
  EXPECT_EQ(FindAuditedMethod("/wps.roster.v1.RosterService/ExportMediators")->category,
            AuditCategory::kContactRead);
  EXPECT_EQ(FindAuditedMethod("/wps.matching.v1.MatchingService/RequestShortlist")->category,
            AuditCategory::kShortlist);
  EXPECT_EQ(FindAuditedMethod("/wps.sync.v1.SyncService/Watch")->category, AuditCategory::kSync);
  EXPECT_EQ(FindAuditedMethod("/wps.admin.v1.AdminService/CreateBackup")->category,
            AuditCategory::kBackup);
  EXPECT_EQ(FindAuditedMethod("/grpc.health.v1.Health/Check"), nullptr);
  EXPECT_EQ(CategoryName(AuditCategory::kContactRead), "contact-read");
}

TEST(AuditedMethodsTest, TalliesCountRecordsAndContactData) {
  roster::v1::ListMediatorsResponse listed;
  listed.add_mediators()->mutable_contact()->set_email("a@example.org");
  listed.add_mediators();
  AnswerTally tally;
  FindAuditedMethod("/wps.roster.v1.RosterService/ListMediators")->tally(&listed, tally);
  EXPECT_EQ(tally.records, 2);
  EXPECT_EQ(tally.with_contact, 1);
  roster::v1::UpdateMediatorRequest update;
  update.mutable_mediator()->set_name("networks/n/mediators/a");
  EXPECT_EQ(FindAuditedMethod("/wps.roster.v1.RosterService/UpdateMediator")->resource_of(&update),
            "networks/n/mediators/a");
}

}  // namespace
}  // namespace wps::audit
