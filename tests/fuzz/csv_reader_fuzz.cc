// The CSV import path on arbitrary bytes: the reader fed in two chunks cut where the first byte
// says, then every record with the header's field count converted to a Mediator and validated.
// Properties: rows never go back, and a reader that failed stays failed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/common/field_violations.h"
#include "services/roster/mediator_csv.h"
#include "services/roster/mediator_validation.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = data[0] % (input.size() + 1);
  wps::roster::CsvReader reader;
  std::vector<wps::roster::CsvRecord> records;
  absl::Status status = reader.Feed(input.substr(0, cut), records);
  if (status.ok()) status = reader.Feed(input.substr(cut), records);
  if (status.ok()) status = reader.Finish(records);
  if (!status.ok()) FUZZ_CHECK(!reader.Feed("a,b\n", records).ok());
  int64_t last_row = 0;
  for (const wps::roster::CsvRecord& record : records) {
    FUZZ_CHECK(record.row >= last_row);
    last_row = record.row;
    if (record.fields.size() != wps::roster::MediatorCsvColumns().size()) continue;
    std::vector<wps::common::FieldViolation> violations;
    const wps::roster::v1::Mediator mediator =
        wps::roster::MediatorFromCsvFields(record.fields, violations);
    wps::roster::ValidateMediator(mediator, nullptr, "", violations);
    wps::roster::MediatorToCsvLine(mediator);
  }
  return 0;
}
