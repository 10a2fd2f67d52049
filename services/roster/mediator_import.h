// One ImportMediators stream: CSV chunks (or record batches) in, upserts by name out, committed in
// batches, with a report of every bad row.
//
// A row is kept when it is valid; a bad row is reported (row, CSV column, message) and changes nothing.
// Valid rows are written in transactions of `batch_size` rows, so an interrupted import keeps every
// batch it committed and a re-run of the same file ends with exactly the file's records. A batch commits
// on a thread of its own while the next one is parsed and validated, so the WAL sync of one overlaps the
// CPU work of the other; batches still commit one at a time, in file order.
// On an existing record, an import replaces the fields the CSV carries and keeps the others
// (display_name when it was set by hand, consent.contact_release, create_time); a deleted record is
// revived.
//
// Thread safety: one MediatorImport per stream, used from one thread.
#ifndef WPS_SERVICES_ROSTER_MEDIATOR_IMPORT_H_
#define WPS_SERVICES_ROSTER_MEDIATOR_IMPORT_H_

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/common/caller.h"
#include "services/roster/mediator_csv.h"
#include "services/roster/roster.h"

namespace wps::roster {

struct ImportOptions {
  // Rows per transaction: larger batches amortise the WAL sync (4,000 rows is ~1.3 MB of WAL); an
  // interrupted import loses at most one batch, which a re-run writes again.
  int batch_size = 4000;
  // Errors listed in the response; further bad rows are still counted in `failed`.
  int max_reported_errors = 10000;
};

class MediatorImport {
 public:
  MediatorImport(Roster& roster, const common::Caller& caller, ImportOptions options = {});

  // Adds the next bytes of a CSV file (the first chunk starts with the header). INVALID_ARGUMENT when the
  // stream already carried records, or the header is not API.md's; a storage error when a batch
  // cannot be committed (batches committed before it stay).
  absl::Status AddCsvChunk(absl::string_view chunk);

  // Adds records, numbered from 1 across the stream. INVALID_ARGUMENT when the stream carried CSV.
  absl::Status AddMediators(const v1::MediatorBatch& batch);

  // Commits the last batch and returns the counts and errors.
  absl::StatusOr<v1::ImportMediatorsResponse> Finish();

 private:
  enum class Source { kNone, kCsv, kRecords };
  absl::Status UseSource(Source source);
  absl::Status AddCsvRecords(std::vector<CsvRecord>& records);
  // Validates one row; on success queues it, else reports it.
  absl::Status AddRow(int64_t row, v1::Mediator mediator, std::vector<common::FieldViolation> violations);
  // Starts committing pending_ once the previous batch has committed; returns that batch's error.
  absl::Status CommitPending();
  // Counts `row` as failed and reports each of its violations.
  absl::Status Reject(int64_t row, std::vector<common::FieldViolation> violations);
  // Waits for the batch in flight, if any, and adds its outcomes to the counts.
  absl::Status AwaitCommit();
  void ReportError(int64_t row, std::string field, std::string message);
  const v1::Network* NetworkOf(absl::string_view network_id);

  Roster& roster_;
  common::Caller caller_;
  ImportOptions options_;
  Source source_ = Source::kNone;
  CsvReader reader_;
  bool header_checked_ = false;
  bool csv_broken_ = false;
  int64_t next_record_row_ = 1;
  std::vector<v1::Mediator> pending_;
  using Outcomes = std::vector<storage::MediatorStore::UpsertOutcome>;
  std::future<absl::StatusOr<Outcomes>> in_flight_;
  absl::flat_hash_map<std::string, std::optional<v1::Network>> networks_;
  // Fingerprint of each name seen -> its row, to report a record given twice.
  absl::flat_hash_map<uint64_t, int64_t> seen_rows_;
  v1::ImportMediatorsResponse response_;
};

}  // namespace wps::roster

#endif  // WPS_SERVICES_ROSTER_MEDIATOR_IMPORT_H_
