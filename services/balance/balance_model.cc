#include "services/balance/balance_model.h"

#include <algorithm>

#include "base/status_macros.h"
#include "services/balance/balance_names.h"
#include "services/common/resource_names.h"

namespace wps::balance {
namespace {

using Waiting = std::pair<std::string, DelegationEntry>;

// The sizes balance_model.h and balance_math.h promise (and bench/balance_bench.cc measures).
static_assert(sizeof(DelegationCounts) == 80);
static_assert(sizeof(DelegationEntry) == 96);

// Heap bytes behind a std::string: none while it fits the small-string buffer (15 chars in libstdc++).
size_t StringHeap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

template <typename T>
size_t VectorHeap(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

size_t RoundHeap(const RoundEntry& round) {
  return StringHeap(round.id) + StringHeap(round.display_name) + StringHeap(round.start_date) +
         VectorHeap(round.delegations);
}

size_t ProcessHeap(const std::string& name, const ProcessEntry& process) {
  size_t bytes = StringHeap(name) + StringHeap(process.display_name) + VectorHeap(process.countries) +
                 VectorHeap(process.rounds) + VectorHeap(process.labels) + VectorHeap(process.waiting);
  for (const std::string& country : process.countries) bytes += StringHeap(country);
  for (const RoundEntry& round : process.rounds) bytes += RoundHeap(round);
  for (const DelegationLabel& label : process.labels) {
    bytes += StringHeap(label.id) + StringHeap(label.display_name);
  }
  for (const Waiting& waiting : process.waiting) bytes += StringHeap(waiting.first);
  return bytes;
}

// The index of the label of `delegation` in `labels`, added when new.
uint32_t LabelOf(std::vector<DelegationLabel>& labels, const v1::Delegation& delegation,
                 absl::string_view id) {
  for (size_t i = 0; i < labels.size(); ++i) {
    const DelegationLabel& label = labels[i];
    if (label.id == id && label.display_name == delegation.display_name() &&
        label.kind == delegation.kind()) {
      return static_cast<uint32_t>(i);
    }
  }
  labels.push_back(DelegationLabel{std::string(id), delegation.display_name(), delegation.kind()});
  return static_cast<uint32_t>(labels.size() - 1);
}

// Puts `entry` into `list` (in id order) unless a newer version of it is there. True when it was
// added rather than replacing one.
bool Upsert(const ProcessEntry& process, std::vector<DelegationEntry>& list, DelegationEntry entry) {
  const std::string& id = process.label(entry).id;
  auto it = std::lower_bound(list.begin(), list.end(), id, [&](const DelegationEntry& d, const std::string& key) {
    return process.label(d).id < key;
  });
  if (it != list.end() && process.label(*it).id == id) {
    if (entry.version >= it->version) *it = entry;
    return false;
  }
  list.insert(it, entry);
  return true;
}

std::vector<RoundEntry>::iterator FindRound(std::vector<RoundEntry>& rounds, absl::string_view id) {
  return std::find_if(rounds.begin(), rounds.end(), [&](const RoundEntry& r) { return r.id == id; });
}

}  // namespace

bool RoundBefore(const RoundEntry& a, const RoundEntry& b) {
  if (a.start_date != b.start_date) return a.start_date < b.start_date;
  return a.id < b.id;
}

ProcessEntry& BalanceModel::Process(absl::string_view name) {
  auto it = processes_.find(name);
  if (it == processes_.end()) it = processes_.emplace(std::string(name), ProcessEntry()).first;
  return it->second;
}

absl::Status BalanceModel::ApplyProcess(const matching::v1::PeaceProcess& process) {
  WPS_RETURN_IF_ERROR(names::ParseProcessName(process.name(), "name").status());
  ProcessEntry& entry = Process(process.name());
  entry.known = true;
  entry.display_name = process.display_name();
  entry.countries.assign(process.countries().begin(), process.countries().end());
  entry.target = TargetOf(process);
  return absl::OkStatus();
}

absl::Status BalanceModel::ApplyRound(const v1::Round& round) {
  WPS_ASSIGN_OR_RETURN(RoundNameParts parts, ParseRoundName(round.name(), "name"));
  ProcessEntry& process = Process(parts.process_name());
  auto existing = FindRound(process.rounds, parts.round_id);
  if (existing != process.rounds.end()) {
    existing->display_name = round.display_name();
    existing->start_date = round.start_date();
    std::sort(process.rounds.begin(), process.rounds.end(), RoundBefore);
    return absl::OkStatus();
  }
  RoundEntry entry{parts.round_id, round.display_name(), round.start_date(), {}};
  // Take in the delegations that arrived first.
  auto taken = std::stable_partition(process.waiting.begin(), process.waiting.end(),
                                     [&](const Waiting& w) { return w.first != parts.round_id; });
  for (auto it = taken; it != process.waiting.end(); ++it) {
    delegation_count_ += Upsert(process, entry.delegations, it->second) ? 1 : 0;
  }
  process.waiting.erase(taken, process.waiting.end());
  process.rounds.insert(
      std::upper_bound(process.rounds.begin(), process.rounds.end(), entry, RoundBefore),
      std::move(entry));
  ++round_count_;
  return absl::OkStatus();
}

absl::Status BalanceModel::ApplyDelegation(const v1::Delegation& delegation, uint64_t version) {
  WPS_ASSIGN_OR_RETURN(DelegationNameParts parts, ParseDelegationName(delegation.name(), "name"));
  ProcessEntry& process = Process(names::ProcessName(parts.process_id));
  const DelegationEntry entry{LabelOf(process.labels, delegation, parts.delegation_id), version,
                              CountMembers(delegation)};
  auto round = FindRound(process.rounds, parts.round_id);
  if (round != process.rounds.end()) {
    delegation_count_ += Upsert(process, round->delegations, entry) ? 1 : 0;
    return absl::OkStatus();
  }
  for (Waiting& waiting : process.waiting) {
    if (waiting.first == parts.round_id && process.label(waiting.second).id == parts.delegation_id) {
      if (entry.version >= waiting.second.version) waiting.second = entry;
      return absl::OkStatus();
    }
  }
  process.waiting.emplace_back(parts.round_id, entry);
  return absl::OkStatus();
}

void BalanceModel::Compact() {
  for (auto& [name, process] : processes_) {
    process.countries.shrink_to_fit();
    process.rounds.shrink_to_fit();
    process.labels.shrink_to_fit();
    process.waiting.shrink_to_fit();
    for (RoundEntry& round : process.rounds) round.delegations.shrink_to_fit();
  }
}

absl::Status BalanceModel::EraseProcess(absl::string_view name) {
  WPS_RETURN_IF_ERROR(names::ParseProcessName(name, "name").status());
  auto it = processes_.find(name);
  if (it != processes_.end()) it->second.known = false;
  return absl::OkStatus();
}

absl::Status BalanceModel::EraseRound(absl::string_view name) {
  WPS_ASSIGN_OR_RETURN(RoundNameParts parts, ParseRoundName(name, "name"));
  auto process = processes_.find(parts.process_name());
  if (process == processes_.end()) return absl::OkStatus();
  std::vector<RoundEntry>& rounds = process->second.rounds;
  auto round = FindRound(rounds, parts.round_id);
  if (round == rounds.end()) return absl::OkStatus();
  delegation_count_ -= round->delegations.size();
  --round_count_;
  rounds.erase(round);
  return absl::OkStatus();
}

absl::Status BalanceModel::EraseDelegation(absl::string_view name) {
  WPS_ASSIGN_OR_RETURN(DelegationNameParts parts, ParseDelegationName(name, "name"));
  auto found = processes_.find(names::ProcessName(parts.process_id));
  if (found == processes_.end()) return absl::OkStatus();
  ProcessEntry& process = found->second;
  auto is_it = [&](const DelegationEntry& d) { return process.label(d).id == parts.delegation_id; };
  auto round = FindRound(process.rounds, parts.round_id);
  if (round != process.rounds.end()) {
    auto it = std::find_if(round->delegations.begin(), round->delegations.end(), is_it);
    if (it != round->delegations.end()) {
      round->delegations.erase(it);
      --delegation_count_;
    }
    return absl::OkStatus();
  }
  process.waiting.erase(std::remove_if(process.waiting.begin(), process.waiting.end(),
                                       [&](const Waiting& w) {
                                         return w.first == parts.round_id && is_it(w.second);
                                       }),
                        process.waiting.end());
  return absl::OkStatus();
}

const ProcessEntry* BalanceModel::FindProcess(absl::string_view name) const {
  auto it = processes_.find(name);
  if (it == processes_.end() || !it->second.known) return nullptr;
  return &it->second;
}

size_t BalanceModel::MemoryBytes() const {
  // A btree node holds its slots and a little bookkeeping; count the slots at the usual fill.
  constexpr double kBtreeFill = 0.75;
  size_t bytes = static_cast<size_t>(processes_.size() * sizeof(ProcessMap::value_type) / kBtreeFill);
  for (const auto& [name, process] : processes_) bytes += ProcessHeap(name, process);
  return bytes;
}

}  // namespace wps::balance
