// The audit log and erasure end to end, on the wpsd of roles_fixture.h (TLS, mutual TLS, a token
// per role): each audited call leaves exactly one event naming its caller; reads that show no
// contact data leave none; coordinators read their network's events only; PurgeMediator leaves
// nothing of her on disk (tables, write-ahead log, search index snapshot) nor in stored shortlists.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/roles_fixture.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::wps::audit::v1::AuditEvent;
using ::wps::audit::v1::ListAuditEventsRequest;
using ::wps::roster::v1::Mediator;
using ::wps::testing::IsOk;

// What a test checks of an event.
struct Expected {
  std::string principal;
  std::string category;
  std::string method;  // the RPC's short name
  std::string resource;
  std::string outcome;
};

std::vector<Expected> Summaries(const std::vector<AuditEvent>& events) {
  std::vector<Expected> out;
  for (const AuditEvent& event : events) {
    out.push_back({event.principal(), event.category(),
                   event.method().substr(event.method().rfind('/') + 1), event.resource(),
                   event.outcome()});
  }
  return out;
}

MATCHER_P5(Is, principal, category, method, resource, outcome, "") {
  return arg.principal == principal && arg.category == category && arg.method == method &&
         arg.resource == resource && arg.outcome == outcome;
}

std::ostream& operator<<(std::ostream& out, const Expected& e) {
  return out << "{" << e.principal << " " << e.category << " " << e.method << " " << e.resource
             << " " << e.outcome << "}";
}

class AuditTest : public RolesTest {
 protected:
  // The log as `role` reads it, newest first, every page, without the events of reading it.
  absl::StatusOr<std::vector<AuditEvent>> Log(const std::string& role,
                                              ListAuditEventsRequest request = {}) {
    std::vector<AuditEvent> events;
    auto audit = audit::v1::AuditService::NewStub(channels_.at(role));
    request.set_page_size(request.page_size() == 0 ? 7 : request.page_size());  // several pages
    do {
      grpc::ClientContext context;
      audit::v1::ListAuditEventsResponse page;
      const grpc::Status status = audit->ListAuditEvents(&context, request, &page);
      if (!status.ok()) return FromGrpcStatus(status);
      for (const AuditEvent& event : page.audit_events()) {
        if (event.category() != "audit-read") events.push_back(event);
      }
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return events;
  }

  // The events `action` added to the log, oldest first.
  template <typename Action>
  std::vector<Expected> EventsOf(Action action) {
    absl::StatusOr<std::vector<AuditEvent>> before = Log("admin");
    EXPECT_THAT(before, IsOk());
    action();
    absl::StatusOr<std::vector<AuditEvent>> after = Log("admin");
    EXPECT_THAT(after, IsOk());
    if (!before.ok() || !after.ok() || after->size() < before->size()) return {};
    std::vector<AuditEvent> added(
        after->begin(), after->begin() + static_cast<long>(after->size() - before->size()));
    std::reverse(added.begin(), added.end());
    return Summaries(added);
  }

  grpc::StatusCode GetMediator(const std::string& role, const std::string& name) {
    return As(role,
              [&](const std::shared_ptr<grpc::Channel>& channel, grpc::ClientContext& context) {
                roster::v1::GetMediatorRequest request;
                request.set_name(name);
                Mediator record;
                return Outcome{roster::v1::RosterService::NewStub(channel)
                                   ->GetMediator(&context, request, &record)
                                   .error_code(),
                               {}};
              })
        .code;
  }

  absl::StatusOr<matching::v1::Shortlist> RequestShortlist(const std::string& role) {
    grpc::ClientContext context;
    matching::v1::ShortlistRequest request;
    request.set_process("processes/talks");
    matching::v1::Shortlist shortlist;
    const grpc::Status status = matching::v1::MatchingService::NewStub(channels_.at(role))
                                    ->RequestShortlist(&context, request, &shortlist);
    if (!status.ok()) return FromGrpcStatus(status);
    return shortlist;
  }
};

TEST_F(AuditTest, EachAuditedCallLeavesOneEventNamingItsCaller) {
  EXPECT_THAT(
      EventsOf([&] {
        roster::v1::UpdateMediatorRequest request;
        request.mutable_mediator()->set_name(kIngrid);
        request.mutable_mediator()->set_bio("Updated.");
        request.mutable_update_mask()->add_paths("bio");
        grpc::ClientContext context;
        Mediator updated;
        ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["coordinator nordic"])
                                     ->UpdateMediator(&context, request, &updated)));
      }),
      ElementsAre(Is("astrid", "write", "UpdateMediator", kIngrid, "OK")));
  // Her own network's coordinator sees her contact details: recorded.
  EXPECT_THAT(EventsOf([&] {
                EXPECT_EQ(GetMediator("coordinator nordic", kIngrid), grpc::StatusCode::OK);
              }),
              ElementsAre(Is("astrid", "contact-read", "GetMediator", kIngrid, "OK")));
  // Refused calls are recorded, unauthenticated ones too.
  EXPECT_THAT(
      EventsOf([&] {
        EXPECT_EQ(GetMediator("mediation-unit", kIngrid), grpc::StatusCode::PERMISSION_DENIED);
      }),
      ElementsAre(Is("un-msu", "contact-read", "GetMediator", kIngrid, "PERMISSION_DENIED")));
  EXPECT_THAT(EventsOf([&] {
                EXPECT_EQ(GetMediator("nobody", kIngrid), grpc::StatusCode::UNAUTHENTICATED);
              }),
              ElementsAre(Is("", "contact-read", "GetMediator", kIngrid, "UNAUTHENTICATED")));
  // An unknown token is refused and recorded too.
  channels_["bogus"] =
      grpc::CreateChannel(wpsd_->address(), CredentialsOf(Role{"bogus", "tok-bogus"}));
  EXPECT_THAT(EventsOf([&] {
                EXPECT_EQ(GetMediator("bogus", kIngrid), grpc::StatusCode::UNAUTHENTICATED);
              }),
              ElementsAre(Is("", "contact-read", "GetMediator", kIngrid, "UNAUTHENTICATED")));
  // Every shortlist, named by the stored shortlist.
  std::string shortlist_name;
  const std::vector<Expected> shortlisted = EventsOf([&] {
    absl::StatusOr<matching::v1::Shortlist> shortlist = RequestShortlist("mediation-unit");
    ASSERT_THAT(shortlist, IsOk());
    shortlist_name = shortlist->name();
  });
  EXPECT_THAT(shortlisted,
              ElementsAre(Is("un-msu", "shortlist", "RequestShortlist", shortlist_name, "OK")));
  // A sync session.
  EXPECT_THAT(EventsOf([&] {
                grpc::ClientContext context;
                sync::v1::PullResponse pulled;
                ASSERT_OK(FromGrpcStatus(sync::v1::SyncService::NewStub(channels_["admin"])
                                             ->Pull(&context, sync::v1::PullRequest(), &pulled)));
              }),
              ElementsAre(Is("ops", "sync", "Pull", "", "OK")));
  // The listing of every record by an administrator: one event, however many records.
  EXPECT_THAT(EventsOf([&] {
                roster::v1::ListMediatorsRequest request;
                request.set_parent("networks/-");
                grpc::ClientContext context;
                roster::v1::ListMediatorsResponse listed;
                ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["admin"])
                                             ->ListMediators(&context, request, &listed)));
                EXPECT_EQ(listed.mediators_size(), 3);
              }),
              ElementsAre(Is("ops", "contact-read", "ListMediators", "networks/-", "OK")));
}

TEST_F(AuditTest, ReadsThatShowNoContactDataAreNotRecorded) {
  EXPECT_THAT(
      EventsOf([&] {
        EXPECT_EQ(GetMediator("viewer nordic", kIngrid), grpc::StatusCode::OK);
        EXPECT_EQ(GetMediator("coordinator femwise", kIngrid), grpc::StatusCode::OK);
        grpc::ClientContext context;
        roster::v1::ListNetworksResponse networks;
        ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["viewer nordic"])
                                     ->ListNetworks(&context, {}, &networks)));
      }),
      IsEmpty());
}

TEST_F(AuditTest, CoordinatorsReadTheirNetworksEventsOthersNone) {
  EXPECT_EQ(GetMediator("coordinator nordic", kIngrid), grpc::StatusCode::OK);
  EXPECT_EQ(GetMediator("coordinator femwise", kAmira), grpc::StatusCode::OK);
  absl::StatusOr<std::vector<AuditEvent>> femwise = Log("coordinator femwise");
  ASSERT_THAT(femwise, IsOk());
  ASSERT_FALSE(femwise->empty());
  for (const AuditEvent& event : *femwise) {
    EXPECT_TRUE(event.network() == "femwise-africa" ||
                event.resource() == "networks/femwise-africa" ||
                absl::StartsWith(event.resource(), "networks/femwise-africa/"))
        << event.ShortDebugString();
  }
  EXPECT_EQ(Log("viewer nordic").status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Log("mediation-unit").status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Log("partner certificate").status().code(), absl::StatusCode::kPermissionDenied);
  // Filters: by principal, by resource, by time.
  ListAuditEventsRequest by_astrid;
  by_astrid.set_principal("astrid");
  absl::StatusOr<std::vector<AuditEvent>> astrid = Log("admin", by_astrid);
  ASSERT_THAT(astrid, IsOk());
  ASSERT_EQ(astrid->size(), 1u);
  EXPECT_EQ(astrid->front().resource(), kIngrid);
  EXPECT_EQ(astrid->front().role(), "coordinator");
  EXPECT_THAT(astrid->front().peer(), ::testing::HasSubstr("127.0.0.1"));
  ListAuditEventsRequest on_femwise;
  on_femwise.set_resource("networks/femwise-africa");
  absl::StatusOr<std::vector<AuditEvent>> on_amira = Log("admin", on_femwise);
  ASSERT_THAT(on_amira, IsOk());
  EXPECT_THAT(Summaries(*on_amira),
              ::testing::Contains(Is("amina", "contact-read", "GetMediator", kAmira, "OK")));
  ListAuditEventsRequest future;
  future.mutable_start_time()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  absl::StatusOr<std::vector<AuditEvent>> none = Log("admin", future);
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(AuditTest, WpsctlPrintsTheLogAndPurges) {
  EXPECT_EQ(GetMediator("coordinator nordic", kIngrid), grpc::StatusCode::OK);
  const std::vector<std::string> as_admin = {"--token=tok-admin",
                                             "--tls_ca=" + cert_dir_ + "/ca.pem"};
  auto wpsctl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), as_admin.begin(), as_admin.end());
    return RunWpsctl(wpsd_->address(), args, LogDir());
  };
  absl::StatusOr<RunResult> audit = wpsctl({"audit", "--principal=astrid", "--since=1h"});
  ASSERT_THAT(audit, IsOk());
  EXPECT_TRUE(audit->exit.Success()) << audit->err;
  EXPECT_THAT(audit->out, ::testing::HasSubstr("contact-read GetMediator"));
  EXPECT_THAT(audit->out, ::testing::HasSubstr(kIngrid));
  absl::StatusOr<RunResult> bad_time = wpsctl({"audit", "--since=yesterday"});
  ASSERT_THAT(bad_time, IsOk());
  EXPECT_EQ(bad_time->exit.code, 2);
  absl::StatusOr<RunResult> purge = wpsctl({"purge", "nordic/ingrid"});
  ASSERT_THAT(purge, IsOk());
  EXPECT_TRUE(purge->exit.Success()) << purge->err;
  EXPECT_THAT(purge->out, ::testing::HasSubstr("purged networks/nordic/mediators/ingrid"));
  EXPECT_EQ(GetMediator("admin", kIngrid), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AuditTest, PurgeLeavesNothingOfHerOnDiskNorInStoredShortlists) {
  // Names that occur nowhere else, in her record, its older versions, the index and a stored
  // shortlist.
  constexpr char kGiven[] = "Zyqvbxa", kFamily[] = "Kwjhtfo";
  const std::string name = "networks/nordic/mediators/erase-me";
  auto roster = roster::v1::RosterService::NewStub(channels_["coordinator nordic"]);
  roster::v1::CreateMediatorRequest create;
  create.set_parent("networks/nordic");
  create.set_mediator_id("erase-me");
  Mediator& record = *create.mutable_mediator();
  record.set_given_name(kGiven);
  record.set_family_name(kFamily);
  record.add_languages()->set_code("sw");
  record.mutable_languages(0)->set_level(type::LANGUAGE_LEVEL_C2);
  record.add_regions("KE");
  record.set_years_experience(30);
  record.mutable_contact()->set_email("zyqvbxa.kwjhtfo@example.org");
  grpc::ClientContext create_context;
  Mediator created;
  ASSERT_OK(FromGrpcStatus(roster->CreateMediator(&create_context, create, &created)));
  absl::StatusOr<matching::v1::Shortlist> shortlist = RequestShortlist("admin");
  ASSERT_THAT(shortlist, IsOk());
  ASSERT_FALSE(testing::FilesHolding(DataDir(), kGiven).empty() &&
               testing::FilesHolding(DataDir(), kFamily).empty());
  // A clean restart writes the search index snapshot, with her in it.
  ASSERT_OK(wpsd_->Stop());
  absl::StatusOr<std::unique_ptr<Wpsd>> restarted = StartServer(DataDir(), {});
  ASSERT_THAT(restarted, IsOk());
  wpsd_ = *std::move(restarted);
  for (const Role& role : Roles())
    channels_[role.label] = grpc::CreateChannel(wpsd_->address(), CredentialsOf(role));
  ASSERT_THAT(testing::FilesHolding(DataDir(), kFamily),
              ::testing::Contains("search-index.snapshot"));

  EXPECT_EQ(GetMediator("coordinator femwise", name), grpc::StatusCode::OK);
  roster::v1::PurgeMediatorRequest purge;
  purge.set_name(name);
  roster::v1::PurgeMediatorResponse purged;
  grpc::ClientContext denied_context;
  EXPECT_EQ(roster::v1::RosterService::NewStub(channels_["coordinator femwise"])
                ->PurgeMediator(&denied_context, purge, &purged)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext purge_context;
  ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["coordinator nordic"])
                               ->PurgeMediator(&purge_context, purge, &purged)));
  EXPECT_EQ(purged.shortlists_scrubbed(), 1);
  // Killed at once: what is on disk is what the purge left, not what a clean shutdown would write.
  wpsd_->Kill();
  EXPECT_THAT(testing::FilesHolding(DataDir(), kGiven), IsEmpty());
  EXPECT_THAT(testing::FilesHolding(DataDir(), kFamily), IsEmpty());

  restarted = StartServer(DataDir(), {});
  ASSERT_THAT(restarted, IsOk());
  wpsd_ = *std::move(restarted);
  for (const Role& role : Roles())
    channels_[role.label] = grpc::CreateChannel(wpsd_->address(), CredentialsOf(role));
  EXPECT_EQ(GetMediator("admin", name), grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext search_context;
  roster::v1::SearchMediatorsRequest search;
  search.set_query(kGiven);
  roster::v1::SearchMediatorsResponse found;
  ASSERT_OK(FromGrpcStatus(roster::v1::RosterService::NewStub(channels_["admin"])
                               ->SearchMediators(&search_context, search, &found)));
  EXPECT_EQ(found.total_size(), 0);
  grpc::ClientContext get_context;
  matching::v1::GetShortlistRequest get;
  get.set_name(shortlist->name());
  matching::v1::Shortlist stored;
  ASSERT_OK(FromGrpcStatus(matching::v1::MatchingService::NewStub(channels_["admin"])
                               ->GetShortlist(&get_context, get, &stored)));
  // The stored list keeps her name and score only (purged.shortlists_scrubbed); a reader no longer
  // finds her in it.
  EXPECT_EQ(stored.candidates_size(), shortlist->candidates_size() - 1);
  for (const matching::v1::Candidate& candidate : stored.candidates())
    EXPECT_NE(candidate.mediator().name(), name);
  absl::StatusOr<std::vector<AuditEvent>> log = Log("admin");
  ASSERT_THAT(log, IsOk());
  EXPECT_THAT(Summaries(*log),
              ::testing::Contains(Is("astrid", "purge", "PurgeMediator", name, "OK")));
}

}  // namespace
}  // namespace wps::e2e
