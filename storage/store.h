// The durable store of WPS Roster: an embedded RocksDB database of tables (column families) and a change
// feed.
//
// Every write goes through Write(): one transaction, committed as one RocksDB WriteBatch with a synced WAL,
// holding the rows it puts or erases and one feed entry per row. A transaction that returned OK survives a
// crash of the process or the machine; one that failed changed nothing.
//
// Every row carries a version: the feed cursor of the change that last wrote it. Cursors start at 1 and
// strictly increase in commit order, so a reader that has seen cursor N has seen every change up to N.
//
// Thread safety: a Store is safe for concurrent use. Writes are serialized; reads never block writes.
// A data directory can be opened by one process at a time.
#ifndef WPS_STORAGE_STORE_H_
#define WPS_STORAGE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "storage/backup.h"

namespace wps::storage {

// The tables of the store. The numeric values are written in feed entries: never renumber.
enum class Table : uint8_t {
  kNetworks = 1,
  kMediators = 2,
  kProcesses = 3,
  kShortlists = 4,
  kRounds = 5,
  kDelegations = 6,
  // Per mediator: every partner network her consent has ever covered (see MediatorStore).
  kShareHistory = 7,
  // Per partner network pulled from: how far this server has applied its feed (see ReplicaStore).
  kPeerStates = 8,
};

// A row's value with the version (feed cursor) of the change that wrote it.
struct VersionedValue {
  std::string value;
  uint64_t version = 0;
};

enum class ChangeKind : uint8_t {
  kPut = 1,
  kErase = 2,
};

// One entry of the change feed, with the row as that change left it.
struct Change {
  uint64_t cursor = 0;
  Table table = Table::kNetworks;
  std::string key;
  ChangeKind kind = ChangeKind::kPut;
  absl::Time time;
  // For kPut: the value written.
  std::string value;
};

struct FeedPage {
  std::vector<Change> changes;
  // Pass to the next ReadSince. Equal to the requested cursor when nothing new was found.
  uint64_t next_cursor = 0;
  // More entries follow next_cursor.
  bool has_more = false;
};

// The view of a transaction in progress: committed rows overlaid with the ones it has staged.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  // The row as committed or as staged earlier in this transaction. NOT_FOUND when absent or erased.
  virtual absl::StatusOr<VersionedValue> Get(Table table, absl::string_view key) const = 0;
  // Get for each of `keys`, in order; one batched lookup, cheaper than a Get per key for large batches.
  virtual std::vector<absl::StatusOr<VersionedValue>> GetMany(Table table,
                                                              absl::Span<const std::string> keys) const = 0;
  // Stages a put and returns the version the row will carry.
  virtual uint64_t Put(Table table, absl::string_view key, std::string value) = 0;
  // Stages an erase and returns the cursor of its feed entry.
  virtual uint64_t Erase(Table table, absl::string_view key) = 0;
  // The commit time of this transaction, recorded in its feed entries.
  virtual absl::Time now() const = 0;
};

// How far a committed write is carried before Write() returns.
enum class Durability {
  // The WAL is synced to disk: the write survives a crash of the process or of the machine.
  kSynced,
  // The WAL is written to the operating system, not synced: the write survives a crash of the process;
  // a crash of the machine may lose it until the next synced write (which syncs everything before it).
  // Only for derived records a caller can recompute (stored shortlists), never for roster data.
  kProcessCrashSafe,
};

struct StoreOptions {
  std::string data_dir;
  // Sync the WAL on every commit. Only benchmarks that measure the cost turn it off.
  bool sync_writes = true;
  // For RestoreBackup only: the store was just restored from a backup. Its feed gets a new id, and
  // the old id with the feed head becomes its newest ancestor (FeedAncestors): writes after the
  // restore reuse the cursors of the writes the restore lost, and must never be taken for them.
  bool continue_restored_feed = false;
  // Writes are refused (RESOURCE_EXHAUSTED) while less than this is free on the data dir's file
  // system, and (UNAVAILABLE) while it is read-only: see disk_guard.h. Reads go on.
  uint64_t min_free_disk_bytes = 100 << 20;
};

// What operators watch of a store (Store::Health); each value as RocksDB last reported it.
struct StoreHealth {
  // Background errors (a failed flush or compaction) since the store was opened; writes fail after
  // one until the store is resumed, which the next write attempts once the disk allows it.
  uint64_t background_errors = 0;
  // Writes are stopped (too many files waiting for compaction) or slowed down.
  bool writes_stopped = false;
  bool writes_delayed = false;
  uint64_t pending_compaction_bytes = 0;
  uint64_t live_sst_bytes = 0;
  // Free bytes on the file system of the data dir, for an unprivileged process.
  uint64_t free_disk_bytes = 0;
};

// A feed that this store's feed continues, up to and including `last_cursor` (see FeedAncestors).
struct FeedAncestor {
  std::string feed_id;
  uint64_t last_cursor = 0;
};

// CompactFeed's bound when no reader limits it.
inline constexpr uint64_t kWholeFeed = ~uint64_t{0};

class Store {
 public:
  // Opens (creating if needed) the store in options.data_dir; a data dir that exists but cannot be
  // written is opened read-only (ReadOnly()). FAILED_PRECONDITION if another process holds the
  // directory or its schema version is not ours; other codes for I/O failures.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);

  virtual ~Store() = default;

  // The row at `key`. NOT_FOUND when absent.
  virtual absl::StatusOr<VersionedValue> Get(Table table, absl::string_view key) const = 0;

  // Get for each of `keys`, in order, in one batched lookup (cheaper than a Get per key).
  virtual std::vector<absl::StatusOr<VersionedValue>> GetMany(Table table,
                                                              absl::Span<const std::string> keys) const = 0;

  // Runs `body` under the write lock and commits what it staged atomically, with `durability`.
  // When `body` fails nothing is written and its status is returned; an I/O failure returns an
  // error (UNAVAILABLE or INTERNAL) and nothing is written. RESOURCE_EXHAUSTED, before `body` runs,
  // while the disk is nearly full, UNAVAILABLE while it is read-only
  // (StoreOptions::min_free_disk_bytes); a write after the disk recovers goes through.
  virtual absl::Status Write(absl::FunctionRef<absl::Status(WriteTransaction&)> body,
                             Durability durability = Durability::kSynced) = 0;

  // Visits, in key order, the rows of `table` whose key starts with `prefix` and sorts after
  // `start_after` (all of them when it is empty), on a consistent snapshot, until `visit` returns false.
  virtual absl::Status Scan(
      Table table, absl::string_view prefix, absl::string_view start_after,
      absl::FunctionRef<bool(absl::string_view key, const VersionedValue& row)> visit) const = 0;

  // Up to `limit` changes with cursors above `cursor`, in cursor order, read from one snapshot. A put
  // entry whose row was written again later is skipped: the later entry carries the row. An erase entry
  // is skipped when the row exists again; a row erased, put and erased again yields both erase entries.
  // OUT_OF_RANGE when CompactFeed has removed entries after `cursor`: the reader must start over from
  // the tables (a snapshot), then follow from the FeedHead() it read before. (ReadTableSince and
  // ReadTablesSince fail only when entries of their tables after `cursor` were removed.)
  virtual absl::StatusOr<FeedPage> ReadSince(uint64_t cursor, size_t limit) const = 0;

  // As ReadSince, keeping only the changes of `table`: entries of other tables are passed over without
  // reading their rows (next_cursor still moves past them).
  virtual absl::StatusOr<FeedPage> ReadTableSince(Table table, uint64_t cursor, size_t limit) const = 0;

  // As ReadTableSince, keeping the changes of any of `tables` (one pass over the feed for a reader
  // that follows several tables).
  virtual absl::StatusOr<FeedPage> ReadTablesSince(absl::Span<const Table> tables, uint64_t cursor,
                                                   size_t limit) const = 0;

  // The cursor of the last committed change (0 for an empty store).
  virtual uint64_t FeedHead() const = 0;

  // The feed entries up to this cursor have been removed by CompactFeed (0: none). Readers may follow
  // from any cursor at or after it.
  virtual uint64_t FeedCompactedThrough() const = 0;

  // Removes the feed entries committed before `older_than`, oldest first, but none after
  // `at_most_through` (the oldest cursor a reader of this process still needs), and returns the new
  // FeedCompactedThrough(). Entry times are kept to the microsecond, so those of older_than's own
  // microsecond stay. Rows are untouched. Writes go on meanwhile. I/O errors as they are.
  virtual absl::StatusOr<uint64_t> CompactFeed(absl::Time older_than, uint64_t at_most_through) = 0;

  // A random identifier of this store's feed, made when the store was created and kept in it: a cursor
  // is only meaningful together with the feed it came from. (A restore from an older backup reuses
  // cursors the lost writes had: restoring must give the feed a new id, or partners could skip changes.)
  virtual std::string FeedId() const = 0;

  // The feeds this one continues, oldest first, one per restore from a backup: a cursor of feed
  // `feed_id` at or before its `last_cursor` means the same change in this feed; a later one names
  // a change the restore lost.
  virtual std::vector<FeedAncestor> FeedAncestors() const = 0;

  // Takes an online backup into `backup_dir` (created if needed; see backup.h) while reads and
  // writes go on: flushes the memtables, copies the files no earlier backup holds, then verifies
  // the new backup's checksums. Returns it. Reports copying to `progress` (may be null). DATA_LOSS
  // when verification fails (the backup is deleted again); RESOURCE_EXHAUSTED when the disk is
  // full; other I/O errors as they are. Not concurrently with another backup or prune of the same
  // directory.
  virtual absl::StatusOr<Backup> CreateBackup(const std::string& backup_dir,
                                              const CopyProgress& progress) = 0;

  // The cursor of the last committed change to `table`, as far as this process knows: for a store just
  // opened, FeedHead() (no per-table history is kept across restarts). Readers that follow one table
  // wait for it rather than for FeedHead(), so that writes to other tables never hold them up.
  virtual uint64_t TableHead(Table table) const = 0;

  // Blocks until FeedHead() > cursor or `deadline` passes; returns FeedHead().
  virtual uint64_t WaitForChangeAfter(uint64_t cursor, absl::Time deadline) const = 0;

  // Blocks until TableHead(t) > cursor for one of `tables`, or `deadline` passes; returns the largest
  // TableHead of `tables`. A follower of some tables is not woken by writes to the others.
  virtual uint64_t WaitForTableChangeAfter(absl::Span<const Table> tables, uint64_t cursor,
                                           absl::Time deadline) const = 0;

  // The audit log: append-only events, opaque to the store, kept apart from the tables and the feed
  // (so never sent to partners, and untouched by CompactFeed), ordered by time. Appends `event` at
  // `time`; with kSynced it is on disk when this returns. Safe to call concurrently with everything
  // else. I/O errors as they are.
  virtual absl::Status AppendAuditEvent(absl::Time time, absl::string_view event,
                                        Durability durability) = 0;

  // Visits the audit log newest first, from the event just before `before` (an audit position;
  // empty: from the newest), until `visit` returns false. `visit` gets each event's position (to
  // resume after it, pass it as `before`), time and bytes. DATA_LOSS for a corrupt entry; I/O
  // errors as they are.
  virtual absl::Status ScanAuditEvents(
      absl::string_view before,
      absl::FunctionRef<bool(absl::string_view position, absl::Time time, absl::string_view event)>
          visit) const = 0;

  // For erasure: rewrites the files of `table` that hold keys from `first_key` to `last_key`
  // (inclusive), and the write-ahead log, so that the values those rows had before their latest
  // write (an erase, say) are gone from disk rather than only hidden, and checks that only the
  // latest version of each is left. Slow (it flushes every table): for rare calls. UNAVAILABLE when
  // a reader that still sees the old values (a long snapshot) outlasts a few seconds of retries;
  // I/O errors as they are.
  virtual absl::Status DropOldValues(Table table, absl::string_view first_key,
                                     absl::string_view last_key) = 0;

  // True when the data dir could not be written at open (a read-only file system, no permission):
  // the store then serves reads, and every write fails UNAVAILABLE saying so.
  virtual bool ReadOnly() const = 0;

  // The store's health, for metrics. Never fails: a value that cannot be read is left 0.
  virtual StoreHealth Health() const = 0;

  // Total bytes of the store's files on disk.
  virtual absl::StatusOr<uint64_t> DiskUsageBytes() const = 0;

  // Tells this store apart from every other one (RocksDB's DB identity, made when the directory was
  // created): files derived from the store, such as the search index snapshot, record it so that they
  // are never applied to another store. Empty if it cannot be read.
  virtual std::string Identity() const = 0;
};

// The audit position before which lie exactly the events earlier than `time` (ScanAuditEvents'
// `before`).
std::string AuditPositionAt(absl::Time time);

// For a follower of `tables` in this process that has applied the feed through `applied`: the cursor
// after which the feed must keep its entries (Store::CompactFeed's at_most_through) — `applied` while a
// change of its tables waits, kWholeFeed when it holds them all.
inline uint64_t OldestCursorNeeded(const Store& store, absl::Span<const Table> tables, uint64_t applied) {
  for (Table table : tables) {
    if (store.TableHead(table) > applied) return applied;
  }
  return kWholeFeed;
}

}  // namespace wps::storage

#endif  // WPS_STORAGE_STORE_H_
