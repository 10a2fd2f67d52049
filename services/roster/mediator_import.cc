#include "services/roster/mediator_import.h"

#include <pthread.h>

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "services/common/access_policy.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_validation.h"

namespace wps::roster {
namespace {

using common::FieldViolation;

// An import of a CSV row replaces the columns the CSV carries and keeps the rest of the stored record.
v1::Mediator MergeCsvColumns(const v1::Mediator& stored, const v1::Mediator& incoming) {
  v1::Mediator merged = stored;
  const bool display_name_derived =
      stored.display_name().empty() || stored.display_name() == Roster::DerivedDisplayName(stored) ||
      stored.display_name() == stored.given_name() || stored.display_name() == stored.family_name();
  merged.set_chapter(incoming.chapter());
  merged.set_given_name(incoming.given_name());
  merged.set_family_name(incoming.family_name());
  *merged.mutable_nationalities() = incoming.nationalities();
  *merged.mutable_languages() = incoming.languages();
  *merged.mutable_regions() = incoming.regions();
  *merged.mutable_expertise() = incoming.expertise();
  *merged.mutable_roles() = incoming.roles();
  merged.set_years_experience(incoming.years_experience());
  merged.set_availability(incoming.availability());
  *merged.mutable_unavailable_periods() = incoming.unavailable_periods();
  *merged.mutable_contact() = incoming.contact();
  *merged.mutable_consent()->mutable_share_with() = incoming.consent().share_with();
  merged.mutable_consent()->set_share_all(incoming.consent().share_all());
  merged.set_bio(incoming.bio());
  if (display_name_derived) merged.set_display_name(incoming.display_name());
  // An empty submessage is the same record as an absent one; keep it absent so that re-importing a
  // file finds its rows unchanged.
  if (merged.contact().ByteSizeLong() == 0) merged.clear_contact();
  if (merged.consent().ByteSizeLong() == 0) merged.clear_consent();
  return merged;
}

// An import of a whole record replaces every writable field.
v1::Mediator ReplaceWritable(const v1::Mediator& stored, const v1::Mediator& incoming) {
  v1::Mediator merged = incoming;
  *merged.mutable_create_time() = stored.create_time();
  return merged;
}

// The {mediator} part of a name "networks/{network}/mediators/{mediator}" as a CSV row spelled it.
absl::string_view IdOf(absl::string_view name) {
  const size_t slash = name.find("/mediators/");
  return slash == absl::string_view::npos ? name : name.substr(slash + 11);
}

}  // namespace

MediatorImport::MediatorImport(Roster& roster, const common::Caller& caller, ImportOptions options)
    : roster_(roster), caller_(caller), options_(options) {}

absl::Status MediatorImport::UseSource(Source source) {
  WPS_RETURN_IF_ERROR(common::Authorize(caller_, common::Action::kWriteMediators));
  if (source_ != Source::kNone && source_ != source) {
    return common::InvalidArgumentWithViolations(
        {FieldViolation{source == Source::kCsv ? "csv_chunk" : "mediators",
                        "an import stream carries either CSV chunks or mediator records, not both"}});
  }
  source_ = source;
  return absl::OkStatus();
}

absl::Status MediatorImport::AddCsvChunk(absl::string_view chunk) {
  WPS_RETURN_IF_ERROR(UseSource(Source::kCsv));
  if (csv_broken_) return absl::OkStatus();
  std::vector<CsvRecord> records;
  absl::Status parsed = reader_.Feed(chunk, records);
  WPS_RETURN_IF_ERROR(AddCsvRecords(records));
  if (!parsed.ok() && !header_checked_) {
    return common::InvalidArgumentWithViolations({FieldViolation{"csv_chunk", std::string(parsed.message())}});
  }
  if (!parsed.ok()) {
    csv_broken_ = true;
    response_.set_failed(response_.failed() + 1);
    ReportError(next_record_row_, "", absl::StrCat(parsed.message(), "; the rest of the file was not read"));
  }
  return absl::OkStatus();
}

absl::Status MediatorImport::AddCsvRecords(std::vector<CsvRecord>& records) {
  for (CsvRecord& record : records) {
    if (!header_checked_) {
      if (absl::Status header = CheckMediatorCsvHeader(record.fields); !header.ok()) {
        return common::InvalidArgumentWithViolations(
            {FieldViolation{"csv_chunk", std::string(header.message())}});
      }
      header_checked_ = true;
      continue;
    }
    next_record_row_ = record.row + 1;
    std::vector<FieldViolation> violations;
    v1::Mediator mediator = MediatorFromCsvFields(record.fields, violations);
    for (FieldViolation& violation : violations) violation.field = CsvColumnForField(violation.field);
    WPS_RETURN_IF_ERROR(AddRow(record.row, std::move(mediator), std::move(violations)));
  }
  return absl::OkStatus();
}

absl::Status MediatorImport::AddMediators(const v1::MediatorBatch& batch) {
  WPS_RETURN_IF_ERROR(UseSource(Source::kRecords));
  for (const v1::Mediator& mediator : batch.mediators()) {
    const int64_t row = next_record_row_++;
    WPS_RETURN_IF_ERROR(AddRow(row, mediator, {}));
  }
  return absl::OkStatus();
}

const v1::Network* MediatorImport::NetworkOf(absl::string_view network_id) {
  auto [it, inserted] = networks_.try_emplace(std::string(network_id));
  if (inserted) {
    absl::StatusOr<v1::Network> network = roster_.FindNetwork(network_id);
    if (network.ok()) it->second = *std::move(network);
  }
  return it->second ? &*it->second : nullptr;
}

absl::Status MediatorImport::AddRow(int64_t row, v1::Mediator mediator,
                                    std::vector<FieldViolation> violations) {
  const bool unreadable = std::any_of(violations.begin(), violations.end(),
                                      [](const FieldViolation& v) { return v.field.empty(); });
  if (unreadable) return Reject(row, std::move(violations));  // e.g. a wrong column count
  if (source_ == Source::kCsv) {
    // The name was built from the row's network and id columns; the network is checked below.
    const absl::string_view id = IdOf(mediator.name());
    if (!mediator.name().empty() && !vocab::IsResourceId(id)) {
      violations.push_back(FieldViolation{"name", absl::StrCat("'", id, "' is not an id [a-z0-9][a-z0-9-]{0,62}")});
    }
  } else if (!mediator.name().empty()) {
    // A record names its network only through its name.
    absl::StatusOr<names::MediatorNameParts> parts = names::ParseMediatorName(mediator.name(), "name");
    if (parts.ok()) {
      mediator.set_network(parts->network_id);
    } else {
      violations.push_back(FieldViolation{"name", std::string(parts.status().message())});
    }
  }
  const v1::Network* network = nullptr;
  if (!vocab::IsResourceId(mediator.network())) {
    violations.push_back(FieldViolation{"network", absl::StrCat("'", mediator.network(), "' is not a network id")});
  } else if ((network = NetworkOf(mediator.network())) == nullptr) {
    violations.push_back(FieldViolation{"network", absl::StrCat("network '", mediator.network(),
                                                                "' does not exist; create it first")});
  }
  absl::Status authoritative = roster_.CheckAuthoritativeFor(mediator.network());
  if (network != nullptr && !authoritative.ok()) {
    violations.push_back(FieldViolation{"network", std::string(authoritative.message())});
  }
  absl::Status allowed = common::AuthorizeWriteTo(caller_, mediator.network());
  if (network != nullptr && !allowed.ok()) violations.push_back(FieldViolation{"network", std::string(allowed.message())});
  ValidateMediator(mediator, network, "", violations);
  if (mediator.name().empty() && violations.empty()) {
    mediator.set_name(names::MediatorName(mediator.network(), names::NewRandomId()));
  }
  if (violations.empty()) {
    const uint64_t fingerprint = common::RequestFingerprint({mediator.name()});
    auto [it, inserted] = seen_rows_.try_emplace(fingerprint, row);
    if (!inserted) {
      violations.push_back(FieldViolation{
          source_ == Source::kCsv ? "id" : "name",
          absl::StrCat("'", mediator.name(), "' already appeared on row ", it->second)});
    }
  }
  if (!violations.empty()) return Reject(row, std::move(violations));
  roster_.ApplyDefaults(mediator.network(), mediator);
  pending_.push_back(std::move(mediator));
  if (static_cast<int>(pending_.size()) >= options_.batch_size) return CommitPending();
  return absl::OkStatus();
}

absl::Status MediatorImport::CommitPending() {
  WPS_RETURN_IF_ERROR(AwaitCommit());
  if (pending_.empty()) return absl::OkStatus();
  const bool csv = source_ == Source::kCsv;
  in_flight_ = std::async(std::launch::async, [this, csv, batch = std::move(pending_)]() mutable {
    pthread_setname_np(pthread_self(), "wps-commit");
    return roster_.mediators().UpsertAll(absl::MakeSpan(batch), [csv](const v1::Mediator* stored,
                                                                      v1::Mediator& record) {
      if (stored == nullptr) return;
      record = csv ? MergeCsvColumns(*stored, record) : ReplaceWritable(*stored, record);
    });
  });
  pending_.clear();
  return absl::OkStatus();
}

absl::Status MediatorImport::AwaitCommit() {
  if (!in_flight_.valid()) return absl::OkStatus();
  WPS_ASSIGN_OR_RETURN(Outcomes outcomes, in_flight_.get());
  for (storage::MediatorStore::UpsertOutcome outcome : outcomes) {
    switch (outcome) {
      case storage::MediatorStore::UpsertOutcome::kCreated:
        response_.set_created(response_.created() + 1);
        break;
      case storage::MediatorStore::UpsertOutcome::kUpdated:
        response_.set_updated(response_.updated() + 1);
        break;
      case storage::MediatorStore::UpsertOutcome::kUnchanged:
        response_.set_unchanged(response_.unchanged() + 1);
        break;
    }
  }
  return absl::OkStatus();
}

absl::Status MediatorImport::Reject(int64_t row, std::vector<FieldViolation> violations) {
  response_.set_failed(response_.failed() + 1);
  for (FieldViolation& violation : violations) {
    const std::string field = source_ == Source::kCsv ? CsvColumnForField(violation.field) : violation.field;
    ReportError(row, field, std::move(violation.description));
  }
  return absl::OkStatus();
}

void MediatorImport::ReportError(int64_t row, std::string field, std::string message) {
  if (response_.errors_size() >= options_.max_reported_errors) return;
  v1::ImportError* error = response_.add_errors();
  error->set_row(row);
  error->set_field(std::move(field));
  error->set_message(std::move(message));
}

absl::StatusOr<v1::ImportMediatorsResponse> MediatorImport::Finish() {
  if (source_ == Source::kCsv && !csv_broken_) {
    std::vector<CsvRecord> records;
    absl::Status parsed = reader_.Finish(records);
    WPS_RETURN_IF_ERROR(AddCsvRecords(records));
    if (!parsed.ok() && !header_checked_) {
      return common::InvalidArgumentWithViolations({FieldViolation{"csv_chunk", std::string(parsed.message())}});
    }
    if (!parsed.ok()) {
      response_.set_failed(response_.failed() + 1);
      ReportError(next_record_row_, "", std::string(parsed.message()));
    }
  }
  if (source_ == Source::kCsv && !header_checked_) {
    return common::InvalidArgumentWithViolations(
        {FieldViolation{"csv_chunk", "the CSV stream is empty: it needs at least the header row"}});
  }
  WPS_RETURN_IF_ERROR(CommitPending());
  WPS_RETURN_IF_ERROR(AwaitCommit());
  return response_;
}

}  // namespace wps::roster
