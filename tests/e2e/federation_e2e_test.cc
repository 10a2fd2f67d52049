// Federation end to end: three networks (nordic, femwise-africa, mwmn), each its own wpsd on 127.0.0.1
// with mutual TLS, pulling from the other two. Each must hold exactly the others' records consented to
// it, through updates, deletes, consent withdrawn, kill -9 of a puller mid-snapshot and mid-stream, a
// peer stopped for a while, and the feed compacted past a partner's cursor.
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/sample/sample_roster.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/e2e/e2e_helpers.h"
#include "tests/e2e/federation.h"
#include "tests/e2e/grpc_probe.h"
#include "tests/testing/status_matchers.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/matching/v1/shortlist_archive.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::e2e {
namespace {

using ::wps::roster::v1::Mediator;
using ::wps::testing::IsOk;
using ::wps::testing::StatusIs;

constexpr size_t kNordic = 0, kFemwise = 1, kMwmn = 2;

class FederationTest : public E2eTest {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Federation>> federation =
        Federation::Create(temp_.path(), {"nordic", "femwise-africa", "mwmn"});
    ASSERT_THAT(federation, IsOk());
    federation_ = *std::move(federation);
  }

  // A valid generated record of `network` with id `id` and the given consent.
  Mediator Record(size_t node, const std::string& id, bool share_all, std::vector<std::string> share_with = {},
                  bool contact_release = false) {
    Mediator record;
    do {
      record = generator_.Next();
    } while (record.network() != federation_->network(node));
    record.set_name(absl::StrCat("networks/", federation_->network(node), "/mediators/", id));
    record.mutable_consent()->Clear();
    record.mutable_consent()->set_share_all(share_all);
    for (std::string& network : share_with) record.mutable_consent()->add_share_with(std::move(network));
    record.mutable_consent()->set_contact_release(contact_release);
    record.mutable_contact()->set_email(id + "@example.org");
    return record;
  }

  absl::StatusOr<Mediator> Create(size_t node, const Mediator& record) {
    roster::v1::CreateMediatorRequest request;
    request.set_parent(absl::StrCat("networks/", federation_->network(node)));
    request.set_mediator_id(record.name().substr(record.name().rfind('/') + 1));
    *request.mutable_mediator() = record;
    request.mutable_mediator()->clear_name();
    grpc::ClientContext context;
    Mediator created;
    grpc::Status status = federation_->node(node).roster().CreateMediator(&context, request, &created);
    if (!status.ok()) return FromGrpcStatus(status);
    return created;
  }

  absl::StatusOr<Mediator> Update(size_t node, const Mediator& record, const std::string& mask) {
    roster::v1::UpdateMediatorRequest request;
    *request.mutable_mediator() = record;
    request.mutable_mediator()->clear_etag();
    request.mutable_update_mask()->add_paths(mask);
    grpc::ClientContext context;
    Mediator updated;
    grpc::Status status = federation_->node(node).roster().UpdateMediator(&context, request, &updated);
    if (!status.ok()) return FromGrpcStatus(status);
    return updated;
  }

  absl::Status Delete(size_t node, const std::string& name) {
    roster::v1::DeleteMediatorRequest request;
    request.set_name(name);
    grpc::ClientContext context;
    Mediator deleted;
    return FromGrpcStatus(federation_->node(node).roster().DeleteMediator(&context, request, &deleted));
  }

  // Imports `count` records into `node`: a mix shared with all, with femwise-africa only, and with no one.
  absl::Status ImportMix(size_t node, int count, const std::string& id_prefix) {
    grpc::ClientContext context;
    roster::v1::ImportMediatorsResponse response;
    auto writer = federation_->node(node).roster().ImportMediators(&context, &response);
    roster::v1::ImportMediatorsRequest batch;
    for (int i = 0; i < count; ++i) {
      const std::string id = absl::StrCat(id_prefix, i);
      *batch.mutable_mediators()->add_mediators() =
          i % 5 < 3 ? Record(node, id, true) : i % 5 == 3 ? Record(node, id, false, {"femwise-africa"}) : Record(node, id, false);
      if (batch.mediators().mediators_size() == 1000 || i + 1 == count) {
        if (!writer->Write(batch)) break;
        batch.Clear();
      }
    }
    writer->WritesDone();
    if (absl::Status status = FromGrpcStatus(writer->Finish()); !status.ok()) return status;
    if (response.failed() != 0) return absl::InternalError(absl::StrCat(response.failed(), " rows failed"));
    return absl::OkStatus();
  }

  // The names node `node` holds of `origin`'s records.
  std::vector<std::string> HeldNames(size_t node, size_t origin) {
    absl::StatusOr<RecordsByOrigin> records = federation_->Records(node);
    EXPECT_THAT(records, IsOk());
    std::vector<std::string> names;
    if (!records.ok()) return names;
    for (const auto& [name, record] : (*records)[federation_->network(origin)]) names.push_back(name);
    return names;
  }

  // node's puller status for `peer`.
  sync::v1::PeerStatus PeerStatus(size_t node, size_t peer) {
    absl::StatusOr<sync::v1::SyncStatus> status = federation_->SyncStatus(node);
    EXPECT_THAT(status, IsOk());
    if (status.ok()) {
      for (const sync::v1::PeerStatus& p : status->peers()) {
        if (p.network() == federation_->network(peer)) return p;
      }
    }
    return {};
  }

  sample::SampleRosterGenerator generator_{2024};
  std::unique_ptr<Federation> federation_;
};

// Polls `condition` until it holds; DEADLINE_EXCEEDED naming `what` after `timeout`.
template <typename Condition>
absl::Status AwaitTrue(Condition condition, absl::string_view what, absl::Duration timeout = absl::Seconds(120)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() > deadline) return absl::DeadlineExceededError(absl::StrCat("waiting for ", what));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return absl::OkStatus();
}

std::string Name(const std::string& network, const std::string& id) {
  return absl::StrCat("networks/", network, "/mediators/", id);
}

TEST_F(FederationTest, EachNetworkHoldsExactlyTheRecordsSharedWithIt) {
  ASSERT_OK(federation_->StartAll());
  ASSERT_OK(Create(kNordic, Record(kNordic, "all", true, {}, /*contact_release=*/true)).status());
  ASSERT_OK(Create(kNordic, Record(kNordic, "femwise-only", false, {"femwise-africa"})).status());
  ASSERT_OK(Create(kNordic, Record(kNordic, "private", false)).status());
  ASSERT_OK(Create(kNordic, Record(kNordic, "mwmn-only", false, {"mwmn"})).status());
  ASSERT_OK(Create(kFemwise, Record(kFemwise, "f1", true)).status());
  ASSERT_OK(federation_->AwaitConverged());

  EXPECT_THAT(HeldNames(kFemwise, kNordic),
              ::testing::ElementsAre(Name("nordic", "all"), Name("nordic", "femwise-only")));
  EXPECT_THAT(HeldNames(kMwmn, kNordic), ::testing::ElementsAre(Name("nordic", "all"), Name("nordic", "mwmn-only")));
  EXPECT_THAT(HeldNames(kNordic, kFemwise), ::testing::ElementsAre(Name("femwise-africa", "f1")));
  // Contact details travel only where she released them.
  absl::StatusOr<RecordsByOrigin> femwise = federation_->Records(kFemwise);
  ASSERT_THAT(femwise, IsOk());
  EXPECT_EQ((*femwise)["nordic"][Name("nordic", "all")].contact().email(), "all@example.org");
  EXPECT_FALSE((*femwise)["nordic"][Name("nordic", "femwise-only")].has_contact());

  // A replica is read-only where it is held.
  Mediator replica = (*femwise)["nordic"][Name("nordic", "all")];
  replica.set_bio("changed by a partner");
  EXPECT_THAT(Update(kFemwise, replica, "bio").status(), StatusIs(absl::StatusCode::kFailedPrecondition));

  // Updates propagate; consent withdrawn and deletes reach the partners as deletes.
  Mediator all = Record(kNordic, "all", true, {}, true);
  all.set_bio("Updated at her network.");
  ASSERT_OK(Update(kNordic, all, "bio").status());
  Mediator withdrawn = Record(kNordic, "femwise-only", false);
  ASSERT_OK(Update(kNordic, withdrawn, "consent").status());
  ASSERT_OK(federation_->AwaitConverged());
  EXPECT_THAT(HeldNames(kFemwise, kNordic), ::testing::ElementsAre(Name("nordic", "all")));
  ASSERT_OK(Delete(kNordic, Name("nordic", "all")));
  ASSERT_OK(Delete(kFemwise, Name("femwise-africa", "f1")));
  ASSERT_OK(federation_->AwaitConverged());
  EXPECT_THAT(HeldNames(kFemwise, kNordic), ::testing::IsEmpty());
  EXPECT_THAT(HeldNames(kMwmn, kNordic), ::testing::ElementsAre(Name("nordic", "mwmn-only")));
  EXPECT_THAT(HeldNames(kNordic, kFemwise), ::testing::IsEmpty());
}

TEST_F(FederationTest, ConvergesAfterKillsAPeerStoppedAndTheFeedCompacted) {
  ASSERT_OK(federation_->Start(kNordic));
  ASSERT_OK(federation_->Start(kMwmn));
  ASSERT_OK(ImportMix(kNordic, 20000, "n"));

  // kill -9 femwise's puller as soon as its first snapshot has applied anything.
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(AwaitTrue([&] { return PeerStatus(kFemwise, kNordic).records() > 0; }, "femwise's first replicas"));
  const sync::v1::PeerStatus at_kill = PeerStatus(kFemwise, kNordic);
  federation_->Kill(kFemwise);
  // 16,000 records in chunks of up to 2,000, each its own transaction: the first lands well before the last.
  EXPECT_TRUE(at_kill.resyncing()) << "killed after the snapshot, at " << at_kill.records() << " records";
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(federation_->AwaitConverged(absl::Seconds(120)));

  // kill -9 femwise mid-stream, while nordic writes.
  std::atomic<bool> writing{true};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; writing && i < 400; ++i) {
      Mediator record = Record(kNordic, absl::StrCat("n", i * 7), i % 5 < 3);
      record.set_bio(absl::StrCat("update ", i));
      // Failures (none expected) show as a low count below.
      if (Update(kNordic, record, i % 2 == 0 ? "bio" : "consent").ok()) ++written;
      if (i % 10 == 0 && Delete(kNordic, Name("nordic", absl::StrCat("n", 10000 + i))).ok()) ++written;
    }
  });
  const absl::Status live = AwaitTrue([&] { return PeerStatus(kFemwise, kNordic).changes_applied() > 0; },
                                      "a live change applied");
  if (!live.ok()) {
    writing = false;
    writer.join();
    FAIL() << live;
  }
  federation_->Kill(kFemwise);
  ASSERT_OK(federation_->Start(kFemwise));
  writer.join();
  EXPECT_EQ(written, 440);
  ASSERT_OK(federation_->AwaitConverged(absl::Seconds(120)));

  // nordic stopped for a while: its partners keep retrying, and catch up when it is back.
  ASSERT_OK(federation_->Stop(kNordic));
  ASSERT_OK(Create(kFemwise, Record(kFemwise, "while-nordic-was-down", true)).status());
  ASSERT_OK(federation_->Start(kNordic));
  ASSERT_OK(federation_->AwaitConverged(absl::Seconds(120)));

  // The feed compacted past femwise's cursor while it was down: it resynchronizes from a snapshot, and
  // the deletes it missed are applied.
  const int64_t snapshots_before = PeerStatus(kFemwise, kNordic).snapshots();
  ASSERT_OK(federation_->Stop(kFemwise));
  ASSERT_OK(federation_->Stop(kNordic));
  ASSERT_OK(federation_->Start(kNordic, {"--feed_retention=1s"}));
  for (int i = 0; i < 50; ++i) ASSERT_OK(Delete(kNordic, Name("nordic", absl::StrCat("n", 15000 + i))));
  absl::StatusOr<sync::v1::SyncStatus> nordic = federation_->SyncStatus(kNordic);
  ASSERT_THAT(nordic, IsOk());
  const uint64_t head = nordic->feed_head_position();
  ASSERT_OK(AwaitTrue([&] { return federation_->SyncStatus(kNordic)->feed_oldest_position() >= head; },
                      "nordic's feed compacted past femwise's cursor"));
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(federation_->AwaitConverged(absl::Seconds(120)));
  EXPECT_GT(PeerStatus(kFemwise, kNordic).snapshots(), snapshots_before);
  const std::vector<std::string> held = HeldNames(kFemwise, kNordic);
  EXPECT_THAT(held, ::testing::Not(::testing::Contains(Name("nordic", "n15000"))));
}

TEST_F(FederationTest, RefusesCallersWithoutAPartnerCertificateOfTheCa) {
  ASSERT_OK(federation_->Start(kNordic));
  ASSERT_OK(Create(kNordic, Record(kNordic, "shared", true)).status());
  ASSERT_OK(Create(kNordic, Record(kNordic, "unshared", false)).status());
  auto pull = [&](std::shared_ptr<grpc::ChannelCredentials> credentials, sync::v1::PullResponse* response) {
    auto stub = sync::v1::SyncService::NewStub(grpc::CreateChannel(federation_->address(kNordic), credentials));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return FromGrpcStatus(stub->Pull(&context, sync::v1::PullRequest(), response));
  };
  sync::v1::PullResponse response;
  // TLS without a client certificate or a token.
  grpc::SslCredentialsOptions tls_only;
  tls_only.pem_root_certs = ReadFileOrEmpty(federation_->cert_dir() + "/ca.pem");
  EXPECT_THAT(pull(grpc::SslCredentials(tls_only), &response), StatusIs(absl::StatusCode::kUnauthenticated));
  // A certificate from another CA fails the handshake.
  EXPECT_THAT(pull(federation_->PartnerCredentials("femwise-africa", /*other_ca=*/true), &response),
              StatusIs(absl::StatusCode::kUnavailable));
  // The administrator's token has the mirror view (every record, as a matching replica receives it).
  ASSERT_OK(pull(federation_->AdminCredentials(), &response));
  EXPECT_EQ(response.changes_size(), 2);
  // A partner's certificate opens sync, nothing else.
  {
    auto roster = roster::v1::RosterService::NewStub(
        grpc::CreateChannel(federation_->address(kNordic), federation_->PartnerCredentials("femwise-africa")));
    grpc::ClientContext context;
    roster::v1::GetMediatorRequest get;
    get.set_name(Name("nordic", "unshared"));
    Mediator read;
    EXPECT_THAT(FromGrpcStatus(roster->GetMediator(&context, get, &read)),
                StatusIs(absl::StatusCode::kPermissionDenied));
    grpc::ClientContext export_context;
    roster::v1::ExportMediatorsRequest request;
    auto reader = roster->ExportMediators(&export_context, request);
    int exported = 0;
    while (reader->Read(&read)) ++exported;
    EXPECT_EQ(exported, 0);
    EXPECT_THAT(FromGrpcStatus(reader->Finish()), StatusIs(absl::StatusCode::kPermissionDenied));
  }
  // Only this network's own nodes keep shortlists in its archive.
  {
    auto archive = matching::v1::ShortlistArchive::NewStub(
        grpc::CreateChannel(federation_->address(kNordic), federation_->PartnerCredentials("femwise-africa")));
    grpc::ClientContext context;
    matching::v1::SaveShortlistRequest save;
    save.mutable_shortlist()->set_name("shortlists/forged");
    matching::v1::Shortlist saved;
    EXPECT_THAT(FromGrpcStatus(archive->SaveShortlist(&context, save, &saved)),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
  // The partner's own certificate: only what was shared.
  ASSERT_OK(pull(federation_->PartnerCredentials("femwise-africa"), &response));
  ASSERT_EQ(response.changes_size(), 1);
  EXPECT_EQ(response.changes(0).name(), Name("nordic", "shared"));
  EXPECT_FALSE(response.changes(0).mediator().has_contact());
}

// Every live record `wpsd` finds for an empty query (SearchMediators, answered from its own index), by
// name, each as a digest of its content without the fields that differ between copies; nothing when a
// call fails.
std::optional<std::map<std::string, std::string>> SearchAll(Wpsd& wpsd) {
  std::map<std::string, std::string> found;
  roster::v1::SearchMediatorsRequest request;
  request.set_page_size(500);
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    roster::v1::SearchMediatorsResponse page;
    if (!wpsd.roster().SearchMediators(&context, request, &page).ok()) return std::nullopt;
    for (Mediator& record : *page.mutable_mediators()) {
      record.clear_etag();
      record.clear_origin_version();
      found[record.name()] = record.SerializeAsString();
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return found;
}

absl::StatusOr<matching::v1::Shortlist> RequestShortlist(Wpsd& wpsd, const matching::v1::ShortlistRequest& request) {
  auto stub = matching::v1::MatchingService::NewStub(wpsd.channel());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  matching::v1::Shortlist shortlist;
  if (grpc::Status status = stub->RequestShortlist(&context, request, &shortlist); !status.ok()) {
    return FromGrpcStatus(status);
  }
  return shortlist;
}

// "name score reasons..." per candidate.
std::vector<std::string> Ranked(const matching::v1::Shortlist& shortlist) {
  std::vector<std::string> out;
  for (const matching::v1::Candidate& candidate : shortlist.candidates()) {
    out.push_back(absl::StrCat(candidate.mediator().name(), " ", candidate.score(), " ",
                               absl::StrJoin(candidate.reasons(), "; ")));
  }
  return out;
}

TEST_F(FederationTest, MatchingReplicaServesSearchAndShortlistsFromItsRosterNode) {
  ASSERT_OK(federation_->Start(kNordic));
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(ImportMix(kNordic, 300, "n"));
  ASSERT_OK(ImportMix(kFemwise, 200, "f"));
  ASSERT_OK(federation_->AwaitConverged());
  {
    // A roster node's own store is no place for a replica: refused at start.
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> roster_node, StartWpsd());
    roster::v1::CreateNetworkRequest network;
    network.set_network_id("nordic");
    network.mutable_network()->set_display_name("Nordic");
    grpc::ClientContext context;
    roster::v1::Network created;
    ASSERT_OK(FromGrpcStatus(roster_node->roster().CreateNetwork(&context, network, &created)));
    ASSERT_OK(FromGrpcStatus([&] {
      roster::v1::CreateMediatorRequest request;
      request.set_parent("networks/nordic");
      request.set_mediator_id("own");
      *request.mutable_mediator() = Record(kNordic, "own", true);
      request.mutable_mediator()->clear_name();
      grpc::ClientContext create_context;
      Mediator made;
      return roster_node->roster().CreateMediator(&create_context, request, &made);
    }()));
    ASSERT_OK(roster_node->Stop());
    absl::StatusOr<std::unique_ptr<Wpsd>> refused = federation_->StartMatchingReplica(kNordic, DataDir());
    ASSERT_FALSE(refused.ok());
    EXPECT_THAT(std::string(refused.status().message()), ::testing::HasSubstr("a data dir of its own"));
  }
  const std::string replica_dir = Path("nordic-replica-data");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> replica, federation_->StartMatchingReplica(kNordic, replica_dir));
  Wpsd& nordic = federation_->node(kNordic);
  auto mirrored = [&] {
    const auto there = SearchAll(*replica);
    return there && there == SearchAll(nordic);
  };
  // Nordic's own records and its replicas of femwise's, contact details included.
  ASSERT_OK(AwaitTrue(mirrored, "the replica to hold nordic's records"));
  EXPECT_EQ(SearchAll(*replica).value_or(std::map<std::string, std::string>()).size(), 300 + 200 * 3 / 5);  // femwise shares 3 in 5 with all

  // Shortlists ranked on the replica equal nordic's, and are kept by nordic.
  matching::v1::ShortlistRequest broad;
  broad.add_process_countries("KE");
  broad.add_preferred_languages("en");
  broad.add_preferred_languages("fr");
  broad.set_count(25);
  matching::v1::ShortlistRequest capped = broad;
  capped.set_max_per_network(3);
  capped.add_required_expertise("process-design");
  for (const matching::v1::ShortlistRequest& request : {broad, capped}) {
    ASSERT_OK_AND_ASSIGN(matching::v1::Shortlist here, RequestShortlist(nordic, request));
    ASSERT_OK_AND_ASSIGN(matching::v1::Shortlist there, RequestShortlist(*replica, request));
    EXPECT_FALSE(here.candidates().empty());
    EXPECT_EQ(Ranked(there), Ranked(here));
    EXPECT_EQ(there.total_matched(), here.total_matched());
    auto stub = matching::v1::MatchingService::NewStub(nordic.channel());
    grpc::ClientContext context;
    matching::v1::GetShortlistRequest get;
    get.set_name(there.name());
    matching::v1::Shortlist kept;
    ASSERT_OK(FromGrpcStatus(stub->GetShortlist(&context, get, &kept)));
    EXPECT_EQ(Ranked(kept), Ranked(there));
  }

  // Processes and writes sent to the replica are the roster node's.
  {
    auto stub = matching::v1::MatchingService::NewStub(replica->channel());
    grpc::ClientContext context;
    matching::v1::CreateProcessRequest create;
    create.set_process_id("kenya-dialogue");
    create.mutable_process()->set_display_name("Kenya dialogue");
    create.mutable_process()->add_countries("KE");
    create.mutable_process()->add_working_languages("sw");
    matching::v1::PeaceProcess created;
    ASSERT_OK(FromGrpcStatus(stub->CreateProcess(&context, create, &created)));
    matching::v1::ShortlistRequest from_process;
    from_process.set_process(created.name());
    ASSERT_OK_AND_ASSIGN(matching::v1::Shortlist there, RequestShortlist(*replica, from_process));
    ASSERT_OK_AND_ASSIGN(matching::v1::Shortlist here, RequestShortlist(nordic, from_process));
    EXPECT_EQ(Ranked(there), Ranked(here));
    EXPECT_THAT(there.request().preferred_languages(), ::testing::ElementsAre("sw"));
  }
  ASSERT_OK(Create(kNordic, Record(kNordic, "via-node", true)).status());
  {
    roster::v1::CreateMediatorRequest request;
    request.set_parent("networks/nordic");
    request.set_mediator_id("via-replica");
    *request.mutable_mediator() = Record(kNordic, "via-replica", false);
    request.mutable_mediator()->clear_name();
    grpc::ClientContext context;
    Mediator created;
    ASSERT_OK(FromGrpcStatus(replica->roster().CreateMediator(&context, request, &created)));
  }
  {
    // A record found on the replica carries the node's etag: an update sent with it succeeds.
    roster::v1::SearchMediatorsRequest search;
    search.set_page_size(1);
    search.add_networks("nordic");
    grpc::ClientContext search_context;
    roster::v1::SearchMediatorsResponse found;
    ASSERT_OK(FromGrpcStatus(replica->roster().SearchMediators(&search_context, search, &found)));
    ASSERT_EQ(found.mediators_size(), 1);
    roster::v1::UpdateMediatorRequest update;
    *update.mutable_mediator() = found.mediators(0);
    update.mutable_mediator()->set_bio("Updated through the replica.");
    update.mutable_update_mask()->add_paths("bio");
    grpc::ClientContext context;
    Mediator updated;
    ASSERT_OK(FromGrpcStatus(replica->roster().UpdateMediator(&context, update, &updated)));
  }
  ASSERT_OK(Delete(kNordic, Name("nordic", "n1")));
  ASSERT_OK(Delete(kFemwise, Name("femwise-africa", "f0")));
  ASSERT_OK(AwaitTrue(mirrored, "the replica to follow writes"));
  std::map<std::string, std::string> held = SearchAll(*replica).value_or(std::map<std::string, std::string>());
  EXPECT_TRUE(held.count(Name("nordic", "via-replica")) && held.count(Name("nordic", "via-node")));
  EXPECT_FALSE(held.count(Name("nordic", "n1")) || held.count(Name("femwise-africa", "f0")));

  // Killed, it resumes from its cursor: no second snapshot.
  replica->Kill();
  replica.reset();
  ASSERT_OK(ImportMix(kNordic, 50, "m"));
  ASSERT_OK_AND_ASSIGN(replica, federation_->StartMatchingReplica(kNordic, replica_dir));
  ASSERT_OK(AwaitTrue(mirrored, "the restarted replica to catch up"));
  auto sync = sync::v1::SyncService::NewStub(replica->channel());
  grpc::ClientContext context;
  sync::v1::SyncStatus status;
  ASSERT_OK(FromGrpcStatus(sync->GetSyncStatus(&context, {}, &status)));
  ASSERT_EQ(status.peers_size(), 1);
  EXPECT_EQ(status.peers(0).snapshots(), 1);
  EXPECT_TRUE(status.peers(0).connected());
}

}  // namespace
}  // namespace wps::e2e

namespace wps::e2e {
namespace {

// wpsctl against node `i` as the federation's administrator (TLS with the test CA, the admin
// token).
absl::StatusOr<RunResult> AdminWpsctl(Federation& federation, size_t i, const std::string& log_dir,
                                      std::vector<std::string> args) {
  args.insert(args.begin(), {absl::StrCat("--tls_ca=", federation.cert_dir(), "/ca.pem"),
                             absl::StrCat("--token=", kFederationAdminToken)});
  return RunWpsctl(federation.address(i), args, log_dir);
}

TEST_F(FederationTest, PartnersResumeAfterARestoreAndResyncOnlyWhereTheRestoreLostWhatTheyRead) {
  const std::string backups = Path("nordic-backups");
  const std::vector<std::string> nordic_flags = {absl::StrCat("--backup_dir=", backups)};
  ASSERT_OK(federation_->Start(kNordic, nordic_flags));
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(ImportMix(kNordic, 300, "n"));
  ASSERT_OK(federation_->AwaitConverged());
  absl::StatusOr<RunResult> backed_up =
      AdminWpsctl(*federation_, kNordic, LogDir(), {"backup", "create"});
  ASSERT_THAT(backed_up, IsOk());
  ASSERT_TRUE(backed_up->exit.Success()) << backed_up->err;

  // femwise stops at the backup's head; nordic writes one record more, then loses it to a restore.
  const int64_t snapshots = PeerStatus(kFemwise, kNordic).snapshots();
  ASSERT_OK(federation_->Stop(kFemwise));
  ASSERT_OK(Create(kNordic, Record(kNordic, "after-backup", true)).status());
  ASSERT_OK(federation_->Stop(kNordic));
  absl::StatusOr<RunResult> restored = RunWpsctl(
      "", {"backup", "restore", "--backup_dir=" + backups, "--data_dir=" + Path("nordic-restored")},
      LogDir());
  ASSERT_THAT(restored, IsOk());
  ASSERT_TRUE(restored->exit.Success()) << restored->err;
  EXPECT_THAT(restored->out, ::testing::HasSubstr("restored backup 1"));
  federation_->set_data_dir(kNordic, Path("nordic-restored"));
  ASSERT_OK(federation_->Start(kNordic, nordic_flags));
  ASSERT_OK(federation_->Start(kFemwise));
  ASSERT_OK(federation_->AwaitConverged());
  // femwise's cursor lies within what the backup holds: it resumed, without a snapshot.
  EXPECT_EQ(PeerStatus(kFemwise, kNordic).snapshots(), snapshots);
  EXPECT_THAT(HeldNames(kNordic, kNordic),
              ::testing::Not(::testing::Contains(Name("nordic", "after-backup"))));
  EXPECT_THAT(HeldNames(kNordic, kNordic), ::testing::Contains(Name("nordic", "n299")));

  // A second backup; then femwise reads a change the next restore loses, and a mediator is purged.
  backed_up = AdminWpsctl(*federation_, kNordic, LogDir(), {"backup", "create"});
  ASSERT_THAT(backed_up, IsOk());
  ASSERT_TRUE(backed_up->exit.Success()) << backed_up->err;
  ASSERT_OK(Create(kNordic, Record(kNordic, "read-then-lost", true)).status());
  absl::StatusOr<RunResult> purged =
      AdminWpsctl(*federation_, kNordic, LogDir(), {"purge", Name("nordic", "n0")});
  ASSERT_THAT(purged, IsOk());
  ASSERT_TRUE(purged->exit.Success()) << purged->err;
  ASSERT_OK(federation_->AwaitConverged());
  ASSERT_OK(federation_->Stop(kNordic));
  restored = RunWpsctl(
      "",
      {"backup", "restore", "--backup_dir=" + backups, "--data_dir=" + Path("nordic-2"), "--id=2"},
      LogDir());
  ASSERT_THAT(restored, IsOk());
  ASSERT_TRUE(restored->exit.Success()) << restored->err;
  EXPECT_THAT(restored->out, ::testing::HasSubstr("re-applied 1 erasure"));
  federation_->set_data_dir(kNordic, Path("nordic-2"));
  ASSERT_OK(federation_->Start(kNordic, nordic_flags));
  ASSERT_OK(federation_->AwaitConverged());
  // femwise had read past what the backup holds: RESYNC_REQUIRED, a snapshot, and the lost record
  // gone.
  EXPECT_GT(PeerStatus(kFemwise, kNordic).snapshots(), snapshots);
  EXPECT_THAT(HeldNames(kFemwise, kNordic),
              ::testing::Not(::testing::Contains(Name("nordic", "read-then-lost"))));
  // The purge outlived the restore of a backup taken before it.
  EXPECT_THAT(HeldNames(kNordic, kNordic),
              ::testing::Not(::testing::Contains(Name("nordic", "n0"))));
  EXPECT_THAT(HeldNames(kFemwise, kNordic),
              ::testing::Not(::testing::Contains(Name("nordic", "n0"))));
}

TEST_F(FederationTest, AMatchingReplicaAnswersNotServingUntilItsCopyIsComplete) {
  // Its roster node is down: the replica serves, but tells load balancers and probes it is not
  // ready.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Wpsd> replica,
                       federation_->StartMatchingReplica(kNordic, Path("replica")));
  ASSERT_OK_AND_ASSIGN(std::string before, CheckHealth(replica->channel(), "", absl::Seconds(10)));
  EXPECT_EQ(before, "NOT_SERVING");
  ASSERT_OK(federation_->Start(kNordic));
  ASSERT_OK(Create(kNordic, Record(kNordic, "first", true)).status());
  ASSERT_OK(AwaitTrue(
      [&] {
        absl::StatusOr<std::string> health = CheckHealth(replica->channel(), "", absl::Seconds(10));
        return health.ok() && *health == "SERVING";
      },
      "the replica to become ready", absl::Seconds(60)));
  // Each service keeps its own status.
  ASSERT_OK_AND_ASSIGN(
      std::string matching,
      CheckHealth(replica->channel(), "wps.matching.v1.MatchingService", absl::Seconds(10)));
  EXPECT_EQ(matching, "SERVING");
  EXPECT_OK(replica->Stop());
}

}  // namespace
}  // namespace wps::e2e
