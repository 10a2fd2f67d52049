// AuditLog::List over a real store: who may read which events, the filters, paging, and the scan
// budget that ends a page early rather than holding a call.
#include "services/audit/audit_log.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::audit {
namespace {

using ::google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::wps::testing::IsOk;
using ::wps::testing::StatusIs;

common::Caller Admin() { return {"ops", common::Role::kAdmin, "", "ipv4:127.0.0.1:1"}; }
common::Caller Coordinator(const std::string& network) {
  return {"coord-" + network, common::Role::kCoordinator, network, "ipv4:127.0.0.1:2"};
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<storage::Store>> store = storage::Store::Open({dir_.Join("db")});
    ASSERT_THAT(store, IsOk());
    store_ = *std::move(store);
    log_ = std::make_unique<AuditLog>(*store_);
  }

  // Records an event by `principal` of `network` on `resource`, `minute` minutes after t0.
  void Record(const std::string& principal, const std::string& network, const std::string& resource,
              int minute) {
    v1::AuditEvent event;
    *event.mutable_time() =
        TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t0_ + absl::Minutes(minute)));
    event.set_principal(principal);
    event.set_network(network);
    event.set_resource(resource);
    ASSERT_OK(log_->Record(event, storage::Durability::kSynced));
  }

  // Every page of `request` as `caller`: the principals of the events, in order.
  std::vector<std::string> ListAll(const common::Caller& caller,
                                   v1::ListAuditEventsRequest request) {
    std::vector<std::string> principals;
    do {
      absl::StatusOr<v1::ListAuditEventsResponse> page = log_->List(caller, request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      for (const v1::AuditEvent& event : page->audit_events())
        principals.push_back(event.principal());
      request.set_page_token(page->next_page_token());
    } while (!request.page_token().empty());
    return principals;
  }

  void RecordSome() {
    Record("astrid", "nordic", "networks/nordic/mediators/ingrid", 1);
    Record("amina", "femwise-africa", "networks/femwise-africa/mediators/amira", 2);
    Record("ops", "", "networks/femwise-africa/mediators/amira", 3);
    Record("ops", "", "networks/nordic-extra/mediators/x", 4);
  }

  wps::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> log_;
  const absl::Time t0_ = absl::FromUnixSeconds(1'800'000'000);
};

TEST_F(AuditLogTest, AdminsReadEveryEventCoordinatorsTheirNetworksOthersNone) {
  RecordSome();
  v1::ListAuditEventsRequest request;
  request.set_page_size(1);
  EXPECT_THAT(ListAll(Admin(), request), ElementsAre("ops", "ops", "amina", "astrid"));
  // Events of its principals and on its records; "networks/nordic-extra" is another network.
  EXPECT_THAT(ListAll(Coordinator("nordic"), request), ElementsAre("astrid"));
  EXPECT_THAT(ListAll(Coordinator("femwise-africa"), request), ElementsAre("ops", "amina"));
  EXPECT_THAT(log_->List({"liv", common::Role::kViewer, "nordic", ""}, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(log_->List({"un", common::Role::kMediationUnit, "", ""}, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(AuditLogTest, FiltersByPrincipalResourceAndTime) {
  RecordSome();
  v1::ListAuditEventsRequest request;
  request.set_principal("ops");
  EXPECT_THAT(ListAll(Admin(), request), ElementsAre("ops", "ops"));
  request.Clear();
  request.set_resource("networks/femwise-africa");
  EXPECT_THAT(ListAll(Admin(), request), ElementsAre("ops", "amina"));
  request.Clear();
  *request.mutable_start_time() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t0_ + absl::Minutes(2)));
  *request.mutable_end_time() =
      TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t0_ + absl::Minutes(4)));
  EXPECT_THAT(ListAll(Admin(), request),
              ElementsAre("ops", "amina"));  // start inclusive, end exclusive
  std::swap(*request.mutable_start_time(), *request.mutable_end_time());
  EXPECT_THAT(log_->List(Admin(), request), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(AuditLogTest, APageTokenServesOnlyTheQueryItCameFrom) {
  RecordSome();
  v1::ListAuditEventsRequest request;
  request.set_page_size(1);
  absl::StatusOr<v1::ListAuditEventsResponse> first = log_->List(Admin(), request);
  ASSERT_THAT(first, IsOk());
  request.set_page_token(first->next_page_token());
  request.set_principal("astrid");
  EXPECT_THAT(log_->List(Admin(), request), StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_page_token("garbage");
  EXPECT_THAT(log_->List(Admin(), request), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(AuditLogTest, AScanOverItsBudgetEndsThePageEarlyAndTheNextGoesOn) {
  for (int i = 0; i < 600; ++i) Record(i == 0 ? "needle" : "hay", "", "", i);
  log_ = std::make_unique<AuditLog>(*store_, AuditLogOptions{absl::ZeroDuration()});
  v1::ListAuditEventsRequest request;
  request.set_principal("needle");
  absl::StatusOr<v1::ListAuditEventsResponse> first = log_->List(Admin(), request);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->audit_events_size(), 0);  // 256 events looked at, none of hers: ended early
  EXPECT_FALSE(first->next_page_token().empty());
  EXPECT_THAT(ListAll(Admin(), request), ElementsAre("needle"));
}

}  // namespace
}  // namespace wps::audit
