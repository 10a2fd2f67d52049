// The RocksDB implementation of Store. Column families: "meta" (schema version, feed head), "feed"
// (big-endian cursor -> entry), one per Table, and "audit" (big-endian time and sequence -> event).
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <random>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "base/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/debug.h"
#include "rocksdb/utilities/options_util.h"
#include "rocksdb/write_batch.h"
#include "storage/disk_guard.h"
#include "storage/key_encoding.h"
#include "storage/rocksdb_internal.h"
#include "storage/rocksdb_status.h"
#include "storage/store.h"

namespace wps::storage {
namespace {

constexpr int kSchemaVersion = 1;
constexpr char kMetaFamily[] = "meta";
constexpr char kFeedFamily[] = "feed";
constexpr char kAuditFamily[] = "audit";
constexpr size_t kBlockCacheBytes = 128 << 20;
constexpr char kSchemaVersionKey[] = "schema_version";
constexpr char kFeedHeadKey[] = "feed_head";
constexpr char kFeedCompactedKey[] = "feed_compacted_through";
constexpr char kFeedIdKey[] = "feed_id";
// "FEED_ID:LAST_CURSOR" per ancestor feed, comma-separated, oldest first (Store::FeedAncestors).
constexpr char kFeedAncestorsKey[] = "feed_ancestors";
// CompactFeed looks at no more entries than this per call; the next call goes on.
constexpr size_t kMaxCompactedPerCall = 1'000'000;
// DropOldValues: how many times it compacts before giving up on a reader that holds old versions,
// and how many key versions it checks afterwards.
constexpr int kEraseAttempts = 10;
constexpr size_t kMaxVersionsChecked = 1'000'000;

struct TableInfo {
  Table table;
  const char* family;
};
constexpr TableInfo kTables[] = {
    {Table::kNetworks, "networks"},
    {Table::kMediators, "mediators"},
    {Table::kProcesses, "processes"},
    {Table::kShortlists, "shortlists"},
    {Table::kRounds, "rounds"},
    {Table::kDelegations, "delegations"},
    {Table::kShareHistory, "share_history"},
    {Table::kPeerStates, "peer_states"},
};

// A set of tables as a bit mask (bit N for the table numbered N), for filtering the feed.
using TableMask = uint64_t;
constexpr TableMask kAllTables = ~TableMask{0};
// Tables are numbered 1..N in kTables order (family() relies on it too). An entry naming no table of
// this build (a corrupt byte) is in no set.
constexpr TableMask MaskOf(Table table) {
  const size_t number = static_cast<uint8_t>(table);
  return number >= 1 && number <= std::size(kTables) ? TableMask{1} << number : 0;
}

absl::string_view View(const rocksdb::Slice& slice) { return {slice.data(), slice.size()}; }

// How far CompactFeed has removed the feed: every entry up to `through`, and, per table (by number), the
// cursor of the last removed entry of that table. A reader of some tables is only cut off by the
// removal of their entries, so a follower of one table survives compactions of the others' history.
struct CompactionMarks {
  uint64_t through = 0;
  std::array<uint64_t, std::size(kTables) + 1> table{};

  // True when the entries after `cursor` of every table in `tables` are all still in the feed.
  bool Holds(uint64_t cursor, TableMask tables) const {
    if (tables == kAllTables) return cursor >= through;
    for (size_t number = 1; number < table.size(); ++number) {
      if ((tables & (TableMask{1} << number)) != 0 && table[number] > cursor) return false;
    }
    return true;
  }
  std::string Encode() const {
    std::string out = EncodeFixed64(through);
    for (size_t number = 1; number < table.size(); ++number) AppendFixed64(out, table[number]);
    return out;
  }
  // A mark written before per-table marks (8 bytes) counts for every table.
  static std::optional<CompactionMarks> Decode(absl::string_view bytes) {
    CompactionMarks marks;
    std::optional<uint64_t> through = DecodeFixed64(bytes);
    if (!through) return std::nullopt;
    marks.through = *through;
    for (size_t number = 1; number < marks.table.size(); ++number) {
      const size_t at = number * kFixed64Size;
      std::optional<uint64_t> value = bytes.size() > at ? DecodeFixed64(bytes.substr(at)) : through;
      if (!value) return std::nullopt;
      marks.table[number] = *value;
    }
    return marks;
  }
};

// Feed entry value: table (1 byte), kind (1 byte), commit time in Unix microseconds (8 bytes), row key.
std::string EncodeFeedEntry(Table table, ChangeKind kind, absl::Time time, absl::string_view key) {
  std::string out;
  out.push_back(static_cast<char>(table));
  out.push_back(static_cast<char>(kind));
  AppendFixed64(out, static_cast<uint64_t>(absl::ToUnixMicros(time)));
  out.append(key.data(), key.size());
  return out;
}

absl::StatusOr<Change> DecodeFeedEntry(uint64_t cursor, absl::string_view bytes) {
  std::optional<uint64_t> micros = DecodeFixed64(bytes.substr(std::min<size_t>(2, bytes.size())));
  if (bytes.size() < 2 + kFixed64Size || !micros) {
    return absl::DataLossError(absl::StrCat("feed entry ", cursor, " is truncated"));
  }
  Change change;
  change.cursor = cursor;
  change.table = static_cast<Table>(bytes[0]);
  change.kind = static_cast<ChangeKind>(bytes[1]);
  change.time = absl::FromUnixMicros(static_cast<int64_t>(*micros));
  change.key = std::string(bytes.substr(2 + kFixed64Size));
  return change;
}

std::shared_ptr<rocksdb::Cache> SharedBlockCache() {
  static const auto* cache = new std::shared_ptr<rocksdb::Cache>(rocksdb::NewLRUCache(kBlockCacheBytes));
  return *cache;
}

rocksdb::ColumnFamilyOptions TableFamilyOptions() {
  rocksdb::ColumnFamilyOptions options;
  options.write_buffer_size = 64 << 20;
  options.compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table_options;
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // One cache for every table: shortlists and search pages read their records by name, and a miss costs
  // a block read and decompression (~20 µs) per record.
  table_options.block_cache = SharedBlockCache();
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  // A whole-key bloom filter on the memtable: an import looks up every row before writing it, and a
  // new row's lookup then skips the skiplist search.
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.02;
  return options;
}

rocksdb::ColumnFamilyOptions FeedFamilyOptions() {
  // No memtable_insert_with_hint_prefix_extractor, although feed keys come in increasing order:
  // RocksDB 7.8 (Debian 12) shares its insert hints between point keys and range tombstones, so the
  // DeleteRange of CompactFeed corrupts the memtable (facebook/rocksdb#5118, fixed upstream in 2024).
  // The skiplist's own sequential-insert splice already serves one increasing stream of keys.
  return TableFamilyOptions();
}

class RocksDbStore;

std::string StagedKey(Table table, absl::string_view key) {
  std::string out(1, static_cast<char>(table));
  out.append(key.data(), key.size());
  return out;
}

class RocksDbTransaction : public WriteTransaction {
 public:
  RocksDbTransaction(const RocksDbStore& store, uint64_t head, absl::Time now)
      : store_(store), next_cursor_(head + 1), now_(now) {}

  absl::StatusOr<VersionedValue> Get(Table table, absl::string_view key) const override;
  std::vector<absl::StatusOr<VersionedValue>> GetMany(Table table,
                                                      absl::Span<const std::string> keys) const override;
  uint64_t Put(Table table, absl::string_view key, std::string value) override;
  uint64_t Erase(Table table, absl::string_view key) override;
  absl::Time now() const override { return now_; }

  struct Staged {
    uint64_t cursor;
    Table table;
    std::string key;
    std::optional<std::string> value;  // nullopt: erase
  };
  const std::vector<Staged>& staged() const { return staged_; }
  uint64_t last_cursor() const { return next_cursor_ - 1; }

 private:
  const RocksDbStore& store_;
  uint64_t next_cursor_;
  absl::Time now_;
  std::vector<Staged> staged_;
  // (table, key) -> index into staged_ of the latest write to it.
  absl::flat_hash_map<std::string, size_t> latest_;
};

class RocksDbStore : public Store {
 public:
  RocksDbStore(std::unique_ptr<rocksdb::DB> db, std::vector<rocksdb::ColumnFamilyHandle*> handles,
               const StoreOptions& options, bool read_only)
      : db_(std::move(db)),
        handles_(std::move(handles)),
        options_(options),
        disk_(options.data_dir, options.min_free_disk_bytes),
        read_only_(read_only) {}

  bool ReadOnly() const override { return read_only_; }

  ~RocksDbStore() override {
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      db_->DestroyColumnFamilyHandle(handle);
    }
    db_->Close();
  }

  absl::Status Initialize();

  absl::StatusOr<VersionedValue> Get(Table table, absl::string_view key) const override;
  std::vector<absl::StatusOr<VersionedValue>> GetMany(Table table,
                                                      absl::Span<const std::string> keys) const override {
    return MultiGet(table, keys);
  }
  absl::Status Write(absl::FunctionRef<absl::Status(WriteTransaction&)> body, Durability durability) override;
  absl::Status Scan(
      Table table, absl::string_view prefix, absl::string_view start_after,
      absl::FunctionRef<bool(absl::string_view key, const VersionedValue& row)> visit) const override;
  absl::StatusOr<FeedPage> ReadSince(uint64_t cursor, size_t limit) const override;
  absl::StatusOr<FeedPage> ReadTableSince(Table table, uint64_t cursor, size_t limit) const override;
  absl::StatusOr<FeedPage> ReadTablesSince(absl::Span<const Table> tables, uint64_t cursor,
                                           size_t limit) const override;
  uint64_t FeedHead() const override;
  uint64_t FeedCompactedThrough() const override;
  absl::StatusOr<uint64_t> CompactFeed(absl::Time older_than, uint64_t at_most_through) override;
  std::string FeedId() const override { return feed_id_; }
  std::vector<FeedAncestor> FeedAncestors() const override { return feed_ancestors_; }
  absl::StatusOr<Backup> CreateBackup(const std::string& backup_dir,
                                      const CopyProgress& progress) override;
  uint64_t TableHead(Table table) const override;
  uint64_t WaitForChangeAfter(uint64_t cursor, absl::Time deadline) const override;
  uint64_t WaitForTableChangeAfter(absl::Span<const Table> tables, uint64_t cursor,
                                   absl::Time deadline) const override;
  absl::StatusOr<uint64_t> DiskUsageBytes() const override;
  StoreHealth Health() const override { return ReadStoreHealth(*db_, options_.data_dir); }
  std::string Identity() const override;
  absl::Status AppendAuditEvent(absl::Time time, absl::string_view event,
                                Durability durability) override;
  absl::Status ScanAuditEvents(
      absl::string_view before,
      absl::FunctionRef<bool(absl::string_view position, absl::Time time, absl::string_view event)>
          visit) const override;
  absl::Status DropOldValues(Table table, absl::string_view first_key,
                             absl::string_view last_key) override;

  // Handles: 0 default, 1 meta, 2 feed, then kTables in order, then audit.
  rocksdb::ColumnFamilyHandle* meta() const { return handles_[1]; }
  rocksdb::ColumnFamilyHandle* feed() const { return handles_[2]; }
  rocksdb::ColumnFamilyHandle* audit() const { return handles_[3 + std::size(kTables)]; }
  // The feed entries after `cursor` of the tables in `tables`.
  absl::StatusOr<FeedPage> ReadFeed(uint64_t cursor, size_t limit, TableMask tables) const;
  rocksdb::ColumnFamilyHandle* family(Table table) const {
    return handles_[3 + static_cast<size_t>(table) - 1];
  }
  absl::StatusOr<VersionedValue> GetAt(Table table, absl::string_view key,
                                       const rocksdb::Snapshot* snapshot) const;
  // The committed rows at `keys`, as GetAt(table, key, nullptr) would return each, in one MultiGet.
  std::vector<absl::StatusOr<VersionedValue>> MultiGet(Table table, absl::Span<const std::string> keys) const;

 private:
  absl::Status CheckSchema();
  absl::Status LoadFeedId();
  absl::Status LoadFeedAncestors();
  // For a store just restored: the current feed becomes an ancestor, and the feed gets a new id.
  absl::Status ContinueRestoredFeed();
  // Sets next_audit_sequence_ above every sequence the log holds.
  absl::Status LoadAuditSequence();
  absl::StatusOr<rocksdb::WriteBatch> BuildBatch(const RocksDbTransaction& txn) const;
  // The stored FeedCompactedThrough() as of `snapshot` (null: now).
  absl::StatusOr<CompactionMarks> CompactionMarksAt(const rocksdb::Snapshot* snapshot) const;
  // The marks after removing, past `from`, the feed entries committed before `older_than` and not after
  // `at_most_through`, looking at most kMaxCompactedPerCall entries; `from` when there is none.
  absl::StatusOr<CompactionMarks> MarksAfterCompacting(const CompactionMarks& from, absl::Time older_than,
                                                       uint64_t at_most_through) const;

  // Commits `batch` once the disk guard allows it, resuming the database first when an earlier
  // commit failed (RocksDB stops writing after a failed write until it is resumed). Commits are
  // serialized: RocksDB 7.8 aborts the process when a write reaches a write-ahead log whose
  // previous write failed (facebook/rocksdb#12448, fixed upstream in 2024), which a concurrent
  // commit would do before the resume.
  absl::Status Commit(const rocksdb::WriteOptions& options, rocksdb::WriteBatch& batch,
                      absl::string_view what, DiskGuard::Purpose purpose = DiskGuard::kWrites);

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  StoreOptions options_;
  DiskGuard disk_;
  std::mutex commit_mu_;
  bool resume_needed_ = false;  // guarded by commit_mu_
  // Opened with RocksDB's read-only mode, the data dir being read-only: every write is refused.
  const bool read_only_;

  // OK when a write for `purpose` may go ahead (see DiskGuard); UNAVAILABLE when opened read-only.
  absl::Status CheckWritable(DiskGuard::Purpose purpose) const {
    if (read_only_) {
      return absl::UnavailableError(
          absl::StrCat("the data dir ", options_.data_dir,
                       " is read-only, and wpsd opened it so: writes are refused, reads go "
                       "on; make it writable and restart wpsd"));
    }
    return disk_.CheckWritable(purpose);
  }

  std::mutex write_mu_;  // serializes Write(): cursors are assigned and committed in order
  mutable std::mutex head_mu_;
  mutable std::condition_variable head_changed_;
  uint64_t head_ = 0;  // guarded by head_mu_
  CompactionMarks compaction_;  // guarded by head_mu_
  std::string feed_id_;  // set by Initialize
  std::vector<FeedAncestor> feed_ancestors_;  // set by Initialize
  std::mutex compact_mu_;  // one CompactFeed at a time
  // TableHead() by table number (see MaskOf), guarded by head_mu_.
  std::array<uint64_t, std::size(kTables) + 1> table_heads_{};
  // TableHead() with head_mu_ held.
  uint64_t TableHeadLocked(Table table) const;
  // Tells apart audit events appended in the same microsecond.
  std::atomic<uint64_t> next_audit_sequence_{1};
};

absl::StatusOr<VersionedValue> RocksDbTransaction::Get(Table table, absl::string_view key) const {
  auto it = latest_.find(StagedKey(table, key));
  if (it == latest_.end()) return store_.Get(table, key);
  const Staged& staged = staged_[it->second];
  if (!staged.value) return absl::NotFoundError(absl::StrCat(key, " not found"));
  return VersionedValue{*staged.value, staged.cursor};
}

std::vector<absl::StatusOr<VersionedValue>> RocksDbTransaction::GetMany(
    Table table, absl::Span<const std::string> keys) const {
  std::vector<absl::StatusOr<VersionedValue>> rows = store_.MultiGet(table, keys);
  if (latest_.empty()) return rows;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (latest_.contains(StagedKey(table, keys[i]))) rows[i] = Get(table, keys[i]);
  }
  return rows;
}

uint64_t RocksDbTransaction::Put(Table table, absl::string_view key, std::string value) {
  const uint64_t cursor = next_cursor_++;
  latest_[StagedKey(table, key)] = staged_.size();
  staged_.push_back(Staged{cursor, table, std::string(key), std::move(value)});
  return cursor;
}

uint64_t RocksDbTransaction::Erase(Table table, absl::string_view key) {
  const uint64_t cursor = next_cursor_++;
  latest_[StagedKey(table, key)] = staged_.size();
  staged_.push_back(Staged{cursor, table, std::string(key), std::nullopt});
  return cursor;
}

absl::Status RocksDbStore::Initialize() {
  WPS_RETURN_IF_ERROR(CheckSchema());
  WPS_RETURN_IF_ERROR(LoadFeedId());
  WPS_RETURN_IF_ERROR(LoadFeedAncestors());
  WPS_RETURN_IF_ERROR(LoadAuditSequence());
  WPS_ASSIGN_OR_RETURN(compaction_, CompactionMarksAt(nullptr));
  std::string head;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), kFeedHeadKey, &head);
  if (!s.IsNotFound()) {
    WPS_RETURN_IF_ERROR(FromRocksDb(s, "reading the feed head"));
    std::optional<uint64_t> decoded = DecodeFixed64(head);
    if (!decoded) return absl::DataLossError("the feed head in the meta table is corrupt");
    head_ = *decoded;
    table_heads_.fill(head_);
  }
  if (options_.continue_restored_feed) return ContinueRestoredFeed();
  return absl::OkStatus();
}

std::string NewFeedId() {
  std::random_device random;
  const uint64_t id = (uint64_t{random()} << 32) ^ random();
  return absl::StrCat(absl::Hex(id, absl::kZeroPad16));
}

absl::Status RocksDbStore::LoadFeedId() {
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), kFeedIdKey, &feed_id_);
  if (!s.IsNotFound()) return FromRocksDb(s, "reading the feed id");
  feed_id_ = NewFeedId();
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocksDb(db_->Put(write_options, meta(), kFeedIdKey, feed_id_), "writing the feed id");
}

absl::Status RocksDbStore::LoadFeedAncestors() {
  std::string stored;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), kFeedAncestorsKey, &stored);
  if (s.IsNotFound()) return absl::OkStatus();
  WPS_RETURN_IF_ERROR(FromRocksDb(s, "reading the feed ancestors"));
  for (absl::string_view entry : absl::StrSplit(stored, ',', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(entry, ':');
    FeedAncestor ancestor{std::string(parts.first), 0};
    if (parts.first.empty() || !absl::SimpleAtoi(parts.second, &ancestor.last_cursor)) {
      return absl::DataLossError("the feed ancestors in the meta table are corrupt");
    }
    feed_ancestors_.push_back(std::move(ancestor));
  }
  return absl::OkStatus();
}

absl::Status RocksDbStore::ContinueRestoredFeed() {
  feed_ancestors_.push_back(FeedAncestor{feed_id_, head_});
  feed_id_ = NewFeedId();
  std::string ancestors;
  for (const FeedAncestor& ancestor : feed_ancestors_) {
    absl::StrAppend(&ancestors, ancestors.empty() ? "" : ",", ancestor.feed_id, ":",
                    ancestor.last_cursor);
  }
  rocksdb::WriteBatch batch;
  batch.Put(meta(), kFeedAncestorsKey, ancestors);
  batch.Put(meta(), kFeedIdKey, feed_id_);
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocksDb(db_->Write(write_options, &batch), "giving the restored feed its new id");
}

absl::StatusOr<Backup> RocksDbStore::CreateBackup(const std::string& backup_dir,
                                                  const CopyProgress& progress) {
  Backup begun;
  begun.create_time = absl::Now();
  begun.feed_id = feed_id_;
  begun.feed_head = FeedHead();
  WPS_ASSIGN_OR_RETURN(const uint64_t expected_bytes, DiskUsageBytes());
  // A first backup copies the whole store; one that filled the disk would stop every write.
  WPS_RETURN_IF_ERROR(DiskGuard(backup_dir, options_.min_free_disk_bytes + expected_bytes)
                          .CheckWritable(DiskGuard::kWrites));
  return BackupDatabase(*db_, backup_dir, begun, expected_bytes, progress);
}

absl::StatusOr<CompactionMarks> RocksDbStore::CompactionMarksAt(const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  std::string stored;
  rocksdb::Status s = db_->Get(read_options, meta(), kFeedCompactedKey, &stored);
  if (s.IsNotFound()) return CompactionMarks();
  WPS_RETURN_IF_ERROR(FromRocksDb(s, "reading how far the feed is compacted"));
  std::optional<CompactionMarks> decoded = CompactionMarks::Decode(stored);
  if (!decoded) return absl::DataLossError("the feed compaction mark in the meta table is corrupt");
  return *decoded;
}

absl::Status RocksDbStore::CheckSchema() {
  std::string stored;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), kSchemaVersionKey, &stored);
  const std::string ours = std::to_string(kSchemaVersion);
  if (s.IsNotFound()) {
    rocksdb::WriteOptions write_options;
    write_options.sync = true;
    return FromRocksDb(db_->Put(write_options, meta(), kSchemaVersionKey, ours), "writing the schema");
  }
  WPS_RETURN_IF_ERROR(FromRocksDb(s, "reading the schema version"));
  if (stored != ours) {
    return absl::FailedPreconditionError(
        absl::StrCat("data dir ", options_.data_dir, " has schema version ", stored,
                     "; this build reads version ", ours));
  }
  return absl::OkStatus();
}

absl::StatusOr<VersionedValue> RocksDbStore::Get(Table table, absl::string_view key) const {
  return GetAt(table, key, nullptr);
}

absl::StatusOr<VersionedValue> RocksDbStore::GetAt(Table table, absl::string_view key,
                                                   const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  rocksdb::PinnableSlice raw;
  rocksdb::Status s = db_->Get(read_options, family(table), rocksdb::Slice(key.data(), key.size()), &raw);
  if (s.IsNotFound()) return absl::NotFoundError(absl::StrCat(key, " not found"));
  WPS_RETURN_IF_ERROR(FromRocksDb(s, "reading a row"));
  std::optional<DecodedRow> row = DecodeRowValue(View(raw));
  if (!row) return absl::DataLossError(absl::StrCat("row ", key, " is truncated"));
  return VersionedValue{std::string(row->payload), row->version};
}

std::vector<absl::StatusOr<VersionedValue>> RocksDbStore::MultiGet(
    Table table, absl::Span<const std::string> keys) const {
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(rocksdb::ReadOptions(), family(table), keys.size(), slices.data(), values.data(),
                statuses.data());
  std::vector<absl::StatusOr<VersionedValue>> rows;
  rows.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      rows.push_back(absl::NotFoundError(absl::StrCat(keys[i], " not found")));
      continue;
    }
    if (absl::Status s = FromRocksDb(statuses[i], "reading a row"); !s.ok()) {
      rows.push_back(s);
      continue;
    }
    std::optional<DecodedRow> row = DecodeRowValue(View(values[i]));
    if (!row) {
      rows.push_back(absl::DataLossError(absl::StrCat("row ", keys[i], " is truncated")));
    } else {
      rows.push_back(VersionedValue{std::string(row->payload), row->version});
    }
  }
  return rows;
}

absl::StatusOr<rocksdb::WriteBatch> RocksDbStore::BuildBatch(const RocksDbTransaction& txn) const {
  // Reserve the batch's size up front rather than growing it (and copying it) row by row.
  size_t bytes = 64;
  for (const RocksDbTransaction::Staged& staged : txn.staged()) {
    bytes += 2 * staged.key.size() + (staged.value ? staged.value->size() : 0) + 64;
  }
  rocksdb::WriteBatch batch(bytes);
  for (const RocksDbTransaction::Staged& staged : txn.staged()) {
    const ChangeKind kind = staged.value ? ChangeKind::kPut : ChangeKind::kErase;
    rocksdb::Status s;
    if (staged.value) {
      // The row value is the version then the payload, put as two parts to avoid copying the payload.
      const std::string version = EncodeFixed64(staged.cursor);
      const rocksdb::Slice key(staged.key), value_parts[] = {version, *staged.value};
      s = batch.Put(family(staged.table), rocksdb::SliceParts(&key, 1), rocksdb::SliceParts(value_parts, 2));
    } else {
      s = batch.Delete(family(staged.table), staged.key);
    }
    WPS_RETURN_IF_ERROR(FromRocksDb(s, "staging a row"));
    WPS_RETURN_IF_ERROR(FromRocksDb(
        batch.Put(feed(), EncodeFixed64(staged.cursor),
                  EncodeFeedEntry(staged.table, kind, txn.now(), staged.key)),
        "staging a feed entry"));
  }
  WPS_RETURN_IF_ERROR(
      FromRocksDb(batch.Put(meta(), kFeedHeadKey, EncodeFixed64(txn.last_cursor())), "staging the head"));
  return batch;
}

absl::Status RocksDbStore::Write(absl::FunctionRef<absl::Status(WriteTransaction&)> body,
                                 Durability durability) {
  std::lock_guard<std::mutex> write_lock(write_mu_);
  WPS_RETURN_IF_ERROR(CheckWritable(DiskGuard::kWrites));
  RocksDbTransaction txn(*this, FeedHead(), absl::Now());
  WPS_RETURN_IF_ERROR(body(txn));
  if (txn.staged().empty()) return absl::OkStatus();
  WPS_ASSIGN_OR_RETURN(rocksdb::WriteBatch batch, BuildBatch(txn));
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes && durability == Durability::kSynced;
  WPS_RETURN_IF_ERROR(Commit(write_options, batch, "committing a write"));
  {
    std::lock_guard<std::mutex> head_lock(head_mu_);
    head_ = txn.last_cursor();
    for (const RocksDbTransaction::Staged& staged : txn.staged()) {
      const size_t number = static_cast<uint8_t>(staged.table);
      if (number < table_heads_.size()) table_heads_[number] = staged.cursor;  // staged in cursor order
    }
  }
  head_changed_.notify_all();
  return absl::OkStatus();
}

absl::Status RocksDbStore::Scan(
    Table table, absl::string_view prefix, absl::string_view start_after,
    absl::FunctionRef<bool(absl::string_view key, const VersionedValue& row)> visit) const {
  rocksdb::ReadOptions read_options;
  read_options.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, family(table)));
  // Start at whichever bound is later: a start_after that sorts before the prefix must not end the scan
  // at the first key, which lies outside the prefix.
  const absl::string_view start = std::max(prefix, start_after);
  for (it->Seek(rocksdb::Slice(start.data(), start.size())); it->Valid(); it->Next()) {
    const absl::string_view key = View(it->key());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!start_after.empty() && key == start_after) continue;
    std::optional<DecodedRow> row = DecodeRowValue(View(it->value()));
    if (!row) return absl::DataLossError(absl::StrCat("row ", key, " is truncated"));
    if (!visit(key, VersionedValue{std::string(row->payload), row->version})) break;
  }
  return FromRocksDb(it->status(), "scanning a table");
}

absl::StatusOr<FeedPage> RocksDbStore::ReadSince(uint64_t cursor, size_t limit) const {
  return ReadFeed(cursor, limit, kAllTables);
}

absl::StatusOr<FeedPage> RocksDbStore::ReadTableSince(Table table, uint64_t cursor, size_t limit) const {
  return ReadFeed(cursor, limit, MaskOf(table));
}

absl::StatusOr<FeedPage> RocksDbStore::ReadTablesSince(absl::Span<const Table> tables,
                                                       uint64_t cursor, size_t limit) const {
  TableMask mask = 0;
  for (Table table : tables) mask |= MaskOf(table);
  return ReadFeed(cursor, limit, mask);
}

absl::StatusOr<FeedPage> RocksDbStore::ReadFeed(uint64_t cursor, size_t limit, TableMask tables) const {
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* snapshot;
    ~Release() { db->ReleaseSnapshot(snapshot); }
  } release{db_.get(), snapshot};
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  WPS_ASSIGN_OR_RETURN(const CompactionMarks compaction, CompactionMarksAt(snapshot));
  if (!compaction.Holds(cursor, tables)) {
    return absl::OutOfRangeError(absl::StrCat("the feed no longer holds the changes after cursor ", cursor,
                                              ": it is compacted through ", compaction.through));
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options, feed()));
  FeedPage page;
  page.next_cursor = cursor;
  for (it->Seek(EncodeFixed64(cursor + 1)); it->Valid(); it->Next()) {
    if (page.changes.size() >= limit) {
      page.has_more = true;
      break;
    }
    std::optional<uint64_t> entry_cursor = DecodeFixed64(View(it->key()));
    if (!entry_cursor) return absl::DataLossError("a feed key is truncated");
    WPS_ASSIGN_OR_RETURN(Change change, DecodeFeedEntry(*entry_cursor, View(it->value())));
    page.next_cursor = change.cursor;
    if ((MaskOf(change.table) & tables) == 0) continue;
    absl::StatusOr<VersionedValue> row = GetAt(change.table, change.key, snapshot);
    if (!row.ok() && !absl::IsNotFound(row.status())) return row.status();
    const bool superseded = change.kind == ChangeKind::kPut
                                ? !row.ok() || row->version != change.cursor
                                : row.ok();
    if (superseded) continue;
    if (row.ok()) change.value = std::move(row->value);
    page.changes.push_back(std::move(change));
  }
  WPS_RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the feed"));
  return page;
}

uint64_t RocksDbStore::FeedHead() const {
  std::lock_guard<std::mutex> lock(head_mu_);
  return head_;
}

uint64_t RocksDbStore::FeedCompactedThrough() const {
  std::lock_guard<std::mutex> lock(head_mu_);
  return compaction_.through;
}

absl::StatusOr<CompactionMarks> RocksDbStore::MarksAfterCompacting(const CompactionMarks& from,
                                                                   absl::Time older_than,
                                                                   uint64_t at_most_through) const {
  // Entries keep their time rounded down to the microsecond: one stamped in older_than's microsecond
  // may have been committed after older_than, so only earlier microseconds are old enough.
  const absl::Time old_before = absl::FromUnixMicros(absl::ToUnixMicros(older_than));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), feed()));
  CompactionMarks marks = from;
  size_t looked = 0;
  for (it->Seek(EncodeFixed64(from.through + 1)); it->Valid() && looked < kMaxCompactedPerCall;
       it->Next(), ++looked) {
    std::optional<uint64_t> cursor = DecodeFixed64(View(it->key()));
    if (!cursor) return absl::DataLossError("a feed key is truncated");
    WPS_ASSIGN_OR_RETURN(Change change, DecodeFeedEntry(*cursor, View(it->value())));
    if (change.time >= old_before || *cursor > at_most_through) break;  // commit order is time order
    marks.through = *cursor;
    const size_t number = static_cast<uint8_t>(change.table);
    if (number < marks.table.size()) marks.table[number] = *cursor;
  }
  WPS_RETURN_IF_ERROR(FromRocksDb(it->status(), "reading the feed"));
  return marks;
}

absl::StatusOr<uint64_t> RocksDbStore::CompactFeed(absl::Time older_than, uint64_t at_most_through) {
  std::lock_guard<std::mutex> compact_lock(compact_mu_);
  CompactionMarks from;
  {
    std::lock_guard<std::mutex> lock(head_mu_);
    from = compaction_;
  }
  WPS_ASSIGN_OR_RETURN(const CompactionMarks marks, MarksAfterCompacting(from, older_than, at_most_through));
  if (marks.through == from.through) return from.through;
  rocksdb::WriteBatch batch;
  WPS_RETURN_IF_ERROR(FromRocksDb(
      batch.DeleteRange(feed(), EncodeFixed64(from.through + 1), EncodeFixed64(marks.through + 1)),
      "staging the compaction"));
  WPS_RETURN_IF_ERROR(FromRocksDb(batch.Put(meta(), kFeedCompactedKey, marks.Encode()), "staging the compaction mark"));
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes;
  WPS_RETURN_IF_ERROR(Commit(write_options, batch, "compacting the feed"));
  std::lock_guard<std::mutex> lock(head_mu_);
  compaction_ = marks;
  return marks.through;
}

uint64_t RocksDbStore::WaitForTableChangeAfter(absl::Span<const Table> tables, uint64_t cursor,
                                               absl::Time deadline) const {
  std::unique_lock<std::mutex> lock(head_mu_);
  auto latest = [&] {
    uint64_t head = 0;
    for (Table table : tables) head = std::max(head, TableHeadLocked(table));
    return head;
  };
  head_changed_.wait_until(lock, absl::ToChronoTime(deadline), [&] { return latest() > cursor; });
  return latest();
}

uint64_t RocksDbStore::TableHead(Table table) const {
  std::lock_guard<std::mutex> lock(head_mu_);
  return TableHeadLocked(table);
}

uint64_t RocksDbStore::TableHeadLocked(Table table) const {
  const size_t number = static_cast<uint8_t>(table);
  return number < table_heads_.size() ? table_heads_[number] : head_;
}

uint64_t RocksDbStore::WaitForChangeAfter(uint64_t cursor, absl::Time deadline) const {
  std::unique_lock<std::mutex> lock(head_mu_);
  head_changed_.wait_until(lock, absl::ToChronoTime(deadline), [&] { return head_ > cursor; });
  return head_;
}

absl::StatusOr<uint64_t> RocksDbStore::DiskUsageBytes() const {
  std::vector<rocksdb::LiveFileMetaData> files;
  db_->GetLiveFilesMetaData(&files);
  uint64_t total = 0;
  for (const rocksdb::LiveFileMetaData& file : files) total += file.size;
  rocksdb::VectorLogPtr wal_files;
  if (db_->GetSortedWalFiles(wal_files).ok()) {
    for (const auto& wal : wal_files) total += wal->SizeFileBytes();
  }
  return total;
}

std::string RocksDbStore::Identity() const {
  std::string identity;
  if (!db_->GetDbIdentity(identity).ok()) identity.clear();
  return identity;
}

absl::Status RocksDbStore::LoadAuditSequence() {
  // Every event appended so far took a RocksDB sequence number of its own, so the database's latest
  // is at least every sequence this store has handed out: starting above it never reuses one, even
  // when the clock was set back and the newest event by time is not the last one appended.
  next_audit_sequence_ = db_->GetLatestSequenceNumber() + 1;
  return absl::OkStatus();
}

absl::Status RocksDbStore::AppendAuditEvent(absl::Time time, absl::string_view event,
                                            Durability durability) {
  std::string key = AuditPositionAt(time);
  AppendFixed64(key, next_audit_sequence_++);
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync_writes && durability == Durability::kSynced;
  rocksdb::WriteBatch batch;
  batch.Put(audit(), key, rocksdb::Slice(event.data(), event.size()));
  return Commit(write_options, batch, "appending to the audit log", DiskGuard::kAuditEvents);
}

absl::Status RocksDbStore::Commit(const rocksdb::WriteOptions& options, rocksdb::WriteBatch& batch,
                                  absl::string_view what, DiskGuard::Purpose purpose) {
  std::lock_guard<std::mutex> commit_lock(commit_mu_);
  WPS_RETURN_IF_ERROR(CheckWritable(purpose));
  if (resume_needed_) {
    WPS_RETURN_IF_ERROR(FromRocksDb(db_->Resume(), "resuming writes after an earlier failure"));
    resume_needed_ = false;
  }
  const rocksdb::Status written = db_->Write(options, &batch);
  if (!written.ok()) resume_needed_ = true;
  return FromRocksDb(written, what);
}

absl::Status RocksDbStore::ScanAuditEvents(
    absl::string_view before,
    absl::FunctionRef<bool(absl::string_view position, absl::Time time, absl::string_view event)>
        visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), audit()));
  if (before.empty()) {
    it->SeekToLast();
  } else {
    // SeekForPrev lands on `before` itself when it is an event's position: step past it.
    it->SeekForPrev(rocksdb::Slice(before.data(), before.size()));
    if (it->Valid() && View(it->key()) == before) it->Prev();
  }
  for (; it->Valid(); it->Prev()) {
    const absl::string_view key = View(it->key());
    std::optional<uint64_t> micros = DecodeFixed64(key);
    if (!micros || key.size() != 2 * kFixed64Size)
      return absl::DataLossError("an audit log key is corrupt");
    if (!visit(key, absl::FromUnixMicros(static_cast<int64_t>(*micros)), View(it->value()))) break;
  }
  return FromRocksDb(it->status(), "reading the audit log");
}

absl::Status RocksDbStore::DropOldValues(Table table, absl::string_view first_key,
                                         absl::string_view last_key) {
  const rocksdb::Slice first(first_key.data(), first_key.size()),
      last(last_key.data(), last_key.size());
  // The WAL holds a row's old value until every table's memtable is flushed past it.
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(), handles_.end());
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (int attempt = 1;; ++attempt) {
    WPS_RETURN_IF_ERROR(
        FromRocksDb(db_->Flush(rocksdb::FlushOptions(), all), "flushing before an erasure"));
    WPS_RETURN_IF_ERROR(FromRocksDb(db_->CompactRange(options, family(table), &first, &last),
                                    "rewriting files for an erasure"));
    // A compaction keeps the versions a reader's snapshot may still see (a feed page being read, a
    // partner's snapshot stream): then it is done again once that reader has moved on.
    std::vector<rocksdb::KeyVersion> versions;
    WPS_RETURN_IF_ERROR(
        FromRocksDb(rocksdb::GetAllKeyVersions(db_.get(), family(table), first, last,
                                               kMaxVersionsChecked, &versions),
                    "checking an erasure"));
    bool only_latest = true;
    for (size_t i = 1; i < versions.size(); ++i)
      only_latest &= versions[i].user_key != versions[i - 1].user_key;
    if (only_latest) return absl::OkStatus();
    if (attempt == kEraseAttempts) {
      return absl::UnavailableError(
          "earlier values are still held by a long reader (a sync snapshot); retry");
    }
    absl::SleepFor(absl::Milliseconds(200) * attempt);
  }
}

// True when `dir` exists and this process may not write in it (a read-only file system, or no write
// permission).
bool IsReadOnlyDirectory(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return false;
  const std::optional<DiskState> disk = DiskStateOf(dir);
  return (disk && disk->read_only) || ::access(dir.c_str(), W_OK) != 0;
}

std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors() {
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kMetaFamily, rocksdb::ColumnFamilyOptions()},
      {kFeedFamily, FeedFamilyOptions()},
  };
  for (const TableInfo& info : kTables) families.push_back({info.family, TableFamilyOptions()});
  families.push_back({kAuditFamily, TableFamilyOptions()});
  return families;
}

}  // namespace

std::string AuditPositionAt(absl::Time time) {
  return EncodeFixed64(static_cast<uint64_t>(std::max<int64_t>(0, absl::ToUnixMicros(time))));
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 5;
  rocksdb::DB* raw_db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, options.data_dir, FamilyDescriptors(), &handles, &raw_db);
  // A data dir that cannot be written (a file system the kernel remounted read-only after errors)
  // is still served for reading.
  const bool read_only = !s.ok() && s.IsIOError() && IsReadOnlyDirectory(options.data_dir);
  if (read_only) {
    handles.clear();
    s = rocksdb::DB::OpenForReadOnly(db_options, options.data_dir, FamilyDescriptors(), &handles,
                                     &raw_db);
  }
  if (!s.ok()) return FromRocksDbOpen(s, options.data_dir);
  auto store = std::make_unique<RocksDbStore>(std::unique_ptr<rocksdb::DB>(raw_db),
                                              std::move(handles), options, read_only);
  WPS_RETURN_IF_ERROR(store->Initialize());
  return store;
}

}  // namespace wps::storage
