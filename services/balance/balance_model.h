// The in-memory picture of every process's rounds and delegations that BalanceCatalog keeps: per
// delegation at a round its compact counts (members by role and gender, balance_math.h), never its
// members' names; per process what the figures need (display name, countries, target) and its
// delegations' labels, kept once however many rounds they sit at. Small enough to hold every process
// of a deployment (10,000 processes of 10 rounds of 3 to 5 delegations: about 55 MB, see
// bench/balance_bench.cc), so that a report across all of them is answered without reading storage.
//
// The model applies records as the store holds them, in any order: a round may arrive before its
// process and a delegation before its round (while BalanceCatalog loads, the tables are scanned one
// after another while writes go on; the feed brings the missing parent later). Such entries wait,
// invisible, until their parent arrives.
//
// Thread safety: none; BalanceCatalog guards it with a reader-writer lock.
#ifndef WPS_SERVICES_BALANCE_BALANCE_MODEL_H_
#define WPS_SERVICES_BALANCE_BALANCE_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/balance/balance_math.h"
#include "wps/balance/v1/resources.pb.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::balance {

// What a delegation is called: its id, display name and kind. A delegation sits at many rounds under
// the same label, so a process keeps each label once and its rounds' entries point to it.
struct DelegationLabel {
  std::string id;
  std::string display_name;
  v1::Delegation::Kind kind = v1::Delegation::KIND_UNSPECIFIED;
};

// A delegation at one round: 96 bytes.
struct DelegationEntry {
  // Index in the process's labels.
  uint32_t label = 0;
  // The row version applied (the etag): an older version of the same row is ignored.
  uint64_t version = 0;
  DelegationCounts counts;
};

struct RoundEntry {
  std::string id;
  std::string display_name;
  std::string start_date;
  // In id order.
  std::vector<DelegationEntry> delegations;
};

struct ProcessEntry {
  // False while only rounds or delegations of the process have been applied.
  bool known = false;
  std::string display_name;
  std::vector<std::string> countries;
  double target = kDefaultTarget;
  // In round order: start_date, then id.
  std::vector<RoundEntry> rounds;
  // Every label its delegations have had (a renamed delegation leaves its old label behind).
  std::vector<DelegationLabel> labels;
  // Delegations of rounds not applied yet, with their round ids.
  std::vector<std::pair<std::string, DelegationEntry>> waiting;

  const DelegationLabel& label(const DelegationEntry& d) const { return labels[d.label]; }
};

// True when `a` comes before `b` in round order (start_date, then id).
bool RoundBefore(const RoundEntry& a, const RoundEntry& b);

class BalanceModel {
 public:
  // Processes by name, known or not: the report walks them in name order.
  using ProcessMap = absl::btree_map<std::string, ProcessEntry>;

  // Records (or refreshes) `process`. INVALID_ARGUMENT when its name is not a process name.
  absl::Status ApplyProcess(const matching::v1::PeaceProcess& process);
  // Records (or refreshes) `round`, taking in delegations that were waiting for it. INVALID_ARGUMENT
  // when its name is not a round name.
  absl::Status ApplyRound(const v1::Round& round);
  // Records `delegation` at `version` unless a newer version of it is recorded. INVALID_ARGUMENT when
  // its name is not a delegation name.
  absl::Status ApplyDelegation(const v1::Delegation& delegation, uint64_t version);

  // Releases the spare capacity of every list (after the load, whose appends leave up to half of it
  // unused).
  void Compact();

  // Forgets a row that was erased (nothing erases these rows today; the feed could carry it).
  // INVALID_ARGUMENT when the name is not of the kind.
  absl::Status EraseProcess(absl::string_view name);
  absl::Status EraseRound(absl::string_view name);
  absl::Status EraseDelegation(absl::string_view name);

  // The known process named `name`; null when absent or not known yet.
  const ProcessEntry* FindProcess(absl::string_view name) const;
  const ProcessMap& processes() const { return processes_; }

  size_t round_count() const { return round_count_; }
  size_t delegation_count() const { return delegation_count_; }
  // An estimate of the heap bytes the model holds (entries, strings, containers).
  size_t MemoryBytes() const;

 private:
  ProcessEntry& Process(absl::string_view name);

  ProcessMap processes_;
  size_t round_count_ = 0;
  size_t delegation_count_ = 0;
};

}  // namespace wps::balance

#endif  // WPS_SERVICES_BALANCE_BALANCE_MODEL_H_
