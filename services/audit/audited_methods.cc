#include "services/audit/audited_methods.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "wps/admin/v1/admin_service.grpc.pb.h"
#include "wps/audit/v1/audit_service.grpc.pb.h"
#include "wps/balance/v1/balance_service.grpc.pb.h"
#include "wps/matching/v1/matching_service.grpc.pb.h"
#include "wps/matching/v1/shortlist_archive.grpc.pb.h"
#include "wps/roster/v1/roster_service.grpc.pb.h"
#include "wps/sync/v1/sync_service.grpc.pb.h"

namespace wps::audit {
namespace {

namespace roster = ::wps::roster::v1;
namespace matching = ::wps::matching::v1;
namespace balance = ::wps::balance::v1;
namespace sync = ::wps::sync::v1;

template <typename Request>
std::string NameOf(const void* request) {
  return static_cast<const Request*>(request)->name();
}

template <typename Request>
std::string ParentOf(const void* request) {
  return static_cast<const Request*>(request)->parent();
}

bool CarriesContact(const roster::Mediator& mediator) {
  return !mediator.contact().email().empty() || !mediator.contact().phone().empty();
}

void Count(const roster::Mediator& mediator, AnswerTally& tally) {
  ++tally.records;
  if (CarriesContact(mediator)) ++tally.with_contact;
}

template <typename Mediators>
void CountAll(const Mediators& mediators, AnswerTally& tally) {
  for (const roster::Mediator& mediator : mediators) Count(mediator, tally);
}

void CountShortlist(const matching::Shortlist& shortlist, AnswerTally& tally) {
  for (const matching::Candidate& candidate : shortlist.candidates())
    Count(candidate.mediator(), tally);
}

// For an answer that is the resource written: its name is the event's resource (the server may have
// chosen the id).
template <typename Resource>
void NameTheWritten(const void* answer, AnswerTally& tally) {
  tally.resource = static_cast<const Resource*>(answer)->name();
}

void TallyMediator(const void* answer, AnswerTally& tally) {
  Count(*static_cast<const roster::Mediator*>(answer), tally);
}

void TallyStoredShortlist(const void* answer, AnswerTally& tally) {
  CountShortlist(*static_cast<const matching::Shortlist*>(answer), tally);
}

void TallyRequestedShortlist(const void* answer, AnswerTally& tally) {
  const auto& shortlist = *static_cast<const matching::Shortlist*>(answer);
  tally.resource = shortlist.name();
  CountShortlist(shortlist, tally);
}

void TallyImport(const void* answer, AnswerTally& tally) {
  const auto& response = *static_cast<const roster::ImportMediatorsResponse*>(answer);
  tally.summary = absl::StrCat("created ", response.created(), ", updated ", response.updated(),
                               ", failed ", response.failed());
}

void TallyWatch(const void* answer, AnswerTally& tally) {
  if (static_cast<const sync::Change*>(answer)->kind() != sync::Change::PROGRESS) ++tally.records;
}

using Table = absl::flat_hash_map<std::string, AuditedMethod>;

template <typename Service>
std::string Method(absl::string_view rpc) {
  return absl::StrCat("/", Service::service_full_name(), "/", rpc);
}

void AddRoster(Table& table) {
  using S = roster::RosterService;
  const AuditCategory write = AuditCategory::kWrite, read = AuditCategory::kContactRead;
  table[Method<S>("CreateNetwork")] = {
      write,
      [](const void* r) {
        return absl::StrCat("networks/",
                            static_cast<const roster::CreateNetworkRequest*>(r)->network_id());
      },
      NameTheWritten<roster::Network>};
  table[Method<S>("GetNetwork")] = {};
  table[Method<S>("ListNetworks")] = {};
  table[Method<S>("CreateMediator")] = {write, ParentOf<roster::CreateMediatorRequest>,
                                        NameTheWritten<roster::Mediator>};
  table[Method<S>("GetMediator")] = {read, NameOf<roster::GetMediatorRequest>, TallyMediator};
  table[Method<S>("UpdateMediator")] = {
      write, [](const void* r) {
        return static_cast<const roster::UpdateMediatorRequest*>(r)->mediator().name();
      }};
  table[Method<S>("DeleteMediator")] = {write, NameOf<roster::DeleteMediatorRequest>};
  table[Method<S>("UndeleteMediator")] = {write, NameOf<roster::UndeleteMediatorRequest>};
  table[Method<S>("PurgeMediator")] = {AuditCategory::kPurge, NameOf<roster::PurgeMediatorRequest>};
  table[Method<S>("ListMediators")] = {
      read, ParentOf<roster::ListMediatorsRequest>, [](const void* a, AnswerTally& t) {
        CountAll(static_cast<const roster::ListMediatorsResponse*>(a)->mediators(), t);
      }};
  table[Method<S>("SearchMediators")] = {
      read, nullptr, [](const void* a, AnswerTally& t) {
        CountAll(static_cast<const roster::SearchMediatorsResponse*>(a)->mediators(), t);
      }};
  table[Method<S>("ImportMediators")] = {write, nullptr, TallyImport};
  table[Method<S>("ExportMediators")] = {read, ParentOf<roster::ExportMediatorsRequest>,
                                         TallyMediator};
}

void AddMatching(Table& table) {
  using S = matching::MatchingService;
  table[Method<S>("CreateProcess")] = {
      AuditCategory::kWrite,
      [](const void* r) {
        return absl::StrCat("processes/",
                            static_cast<const matching::CreateProcessRequest*>(r)->process_id());
      },
      NameTheWritten<matching::PeaceProcess>};
  table[Method<S>("GetProcess")] = {};
  table[Method<S>("ListProcesses")] = {};
  table[Method<S>("UpdateProcess")] = {
      AuditCategory::kWrite, [](const void* r) {
        return static_cast<const matching::UpdateProcessRequest*>(r)->process().name();
      }};
  table[Method<S>("RequestShortlist")] = {AuditCategory::kShortlist, nullptr,
                                          TallyRequestedShortlist};
  table[Method<S>("GetShortlist")] = {AuditCategory::kContactRead,
                                      NameOf<matching::GetShortlistRequest>, TallyStoredShortlist};
  table[Method<S>("ListShortlists")] = {
      AuditCategory::kContactRead, nullptr, [](const void* a, AnswerTally& t) {
        for (const matching::Shortlist& shortlist :
             static_cast<const matching::ListShortlistsResponse*>(a)->shortlists()) {
          CountShortlist(shortlist, t);
        }
      }};
  table[Method<matching::ShortlistArchive>("SaveShortlist")] = {
      AuditCategory::kWrite, nullptr, NameTheWritten<matching::Shortlist>};
}

void AddBalance(Table& table) {
  using S = balance::BalanceService;
  table[Method<S>("CreateRound")] = {AuditCategory::kWrite, ParentOf<balance::CreateRoundRequest>,
                                     NameTheWritten<balance::Round>};
  table[Method<S>("PutDelegation")] = {AuditCategory::kWrite, nullptr,
                                       NameTheWritten<balance::Delegation>};
  for (const char* rpc : {"ListRounds", "GetDelegation", "ListDelegations", "GetBalance",
                          "GetBalanceTrend", "GetBalanceReport"}) {
    table[Method<S>(rpc)] = {};
  }
}

void AddSyncAndAudit(Table& table) {
  using S = sync::SyncService;
  table[Method<S>("Pull")] = {AuditCategory::kSync, nullptr, [](const void* a, AnswerTally& t) {
                                t.records +=
                                    static_cast<const sync::PullResponse*>(a)->changes_size();
                              }};
  table[Method<S>("Watch")] = {AuditCategory::kSync, nullptr, TallyWatch};
  table[Method<S>("Snapshot")] = {
      AuditCategory::kSync, nullptr, [](const void* a, AnswerTally& t) {
        t.records += static_cast<const sync::SnapshotChunk*>(a)->mediators_size();
      }};
  table[Method<S>("GetSyncStatus")] = {};
  table[Method<v1::AuditService>("ListAuditEvents")] = {
      AuditCategory::kAuditRead,
      [](const void* r) { return static_cast<const v1::ListAuditEventsRequest*>(r)->resource(); }};
  using A = ::wps::admin::v1::AdminService;
  for (const char* rpc : {"CreateBackup", "ListBackups", "DeleteBackup", "PruneBackups"}) {
    table[Method<A>(rpc)] = {AuditCategory::kBackup};
  }
}

const Table& Methods() {
  static const Table* table = [] {
    auto* table = new Table;
    AddRoster(*table);
    AddMatching(*table);
    AddBalance(*table);
    AddSyncAndAudit(*table);
    return table;
  }();
  return *table;
}

}  // namespace

absl::string_view CategoryName(AuditCategory category) {
  switch (category) {
    case AuditCategory::kWrite:
      return "write";
    case AuditCategory::kPurge:
      return "purge";
    case AuditCategory::kContactRead:
      return "contact-read";
    case AuditCategory::kShortlist:
      return "shortlist";
    case AuditCategory::kSync:
      return "sync";
    case AuditCategory::kAuditRead:
      return "audit-read";
    case AuditCategory::kBackup:
      return "backup";
    case AuditCategory::kRefusalsOnly:
      return "refused";
  }
  return "refused";
}

const AuditedMethod* FindAuditedMethod(absl::string_view method) {
  auto it = Methods().find(method);
  return it == Methods().end() ? nullptr : &it->second;
}

}  // namespace wps::audit
