#include "clients/wpsctl/balance_csv.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/common/vocabularies.h"
#include "services/roster/mediator_csv.h"
#include "services/roster/mediator_validation.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Delegation;
using balance::v1::Member;
using roster::v1::ImportError;

// Column name -> index in the records.
using Header = std::map<std::string, size_t>;

std::string AllColumnsText() {
  return absl::StrCat(absl::StrJoin(kBalanceCsvColumns, ","),
                      " (optional: ", absl::StrJoin(kBalanceCsvOptionalColumns, ", "), ")");
}

bool IsKnownColumn(absl::string_view name) {
  const auto is = [&](absl::string_view column) { return column == name; };
  return std::any_of(std::begin(kBalanceCsvColumns), std::end(kBalanceCsvColumns), is) ||
         std::any_of(std::begin(kBalanceCsvOptionalColumns), std::end(kBalanceCsvOptionalColumns),
                     is);
}

absl::StatusOr<Header> ParseHeader(const std::vector<std::string>& fields) {
  Header header;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(fields[i]));
    if (!IsKnownColumn(name)) {
      return absl::InvalidArgumentError(absl::StrCat("row 1: unknown column '", fields[i],
                                                     "'; the columns are ", AllColumnsText()));
    }
    if (!header.emplace(name, i).second) {
      return absl::InvalidArgumentError(absl::StrCat("row 1: column '", name, "' appears twice"));
    }
  }
  for (absl::string_view column : kBalanceCsvColumns) {
    if (header.count(std::string(column)) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("row 1: missing column '", column, "'; the columns are ", AllColumnsText()));
    }
  }
  return header;
}

// The trimmed cell of `column`; empty when the file has no such column.
std::string Cell(const Header& header, const roster::CsvRecord& record, absl::string_view column) {
  const auto it = header.find(std::string(column));
  if (it == header.end() || it->second >= record.fields.size()) return "";
  return std::string(absl::StripAsciiWhitespace(record.fields[it->second]));
}

void AddError(std::vector<ImportError>& errors, int64_t row, absl::string_view field,
              std::string message) {
  ImportError& error = errors.emplace_back();
  error.set_row(row);
  error.set_field(std::string(field));
  error.set_message(std::move(message));
}

// "woman, man, other or undisclosed": the enum's values but the unspecified one, in lower case.
std::string Choices(const google::protobuf::EnumDescriptor* descriptor) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    if (descriptor->value(i)->number() != 0) {
      names.push_back(absl::AsciiStrToLower(descriptor->value(i)->name()));
    }
  }
  const std::string last = names.back();
  names.pop_back();
  return absl::StrCat(absl::StrJoin(names, ", "), " or ", last);
}

// The value of enum `descriptor` named by `text` in any case, with '-' or ' ' for '_'; nullopt
// for an unknown name and for the unspecified value.
std::optional<int> ParseEnumWord(const google::protobuf::EnumDescriptor* descriptor,
                                 absl::string_view text) {
  const std::string name =
      absl::AsciiStrToUpper(absl::StrReplaceAll(text, {{"-", "_"}, {" ", "_"}}));
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByName(name);
  if (value == nullptr || value->number() == 0) return std::nullopt;
  return value->number();
}

// Parses the enum cell `column`; adds an error naming the choices when it is empty or unknown.
std::optional<int> EnumCell(const google::protobuf::EnumDescriptor* descriptor,
                            absl::string_view column, absl::string_view noun,
                            const std::string& text, int64_t row,
                            std::vector<ImportError>& errors) {
  if (text.empty()) {
    AddError(errors, row, column, absl::StrCat(column, " is required (", Choices(descriptor), ")"));
    return std::nullopt;
  }
  std::optional<int> value = ParseEnumWord(descriptor, text);
  if (!value) {
    AddError(errors, row, column,
             absl::StrCat("\"", text, "\" is not a ", noun, ": use ", Choices(descriptor)));
  }
  return value;
}

// What one data row says, once parsed.
struct Row {
  int64_t row = 0;
  std::string process;  // "processes/{p}"
  std::string round_id;
  std::string delegation_id;
  bool key_ok = false;  // process, round and delegation are ids
  std::string kind;     // the enum name in lower case ("party"), as messages show it
  std::string delegation_display_name;
  std::string start_date;
  std::string round_display_name;
  std::optional<Member> member;  // unset for a member-less row
};

// Checks the id cell `column`; adds an error and returns false when it is not an id.
bool IdCell(absl::string_view column, const std::string& id, int64_t row,
            std::vector<ImportError>& errors) {
  if (vocab::IsResourceId(id)) return true;
  AddError(errors, row, column,
           id.empty() ? absl::StrCat(column, " is required")
                      : absl::StrCat("\"", id,
                                     "\" is not an id ([a-z0-9][a-z0-9-]{0,62}: lower "
                                     "case letters, digits and '-')"));
  return false;
}

Row ParseMember(const Header& header, const roster::CsvRecord& record, Row row,
                std::vector<ImportError>& errors) {
  const std::string name = Cell(header, record, "member");
  const std::string gender = Cell(header, record, "gender");
  const std::string role = Cell(header, record, "role");
  if (name.empty() && gender.empty() && role.empty()) return row;  // a delegation without members
  const std::optional<int> g =
      EnumCell(Member::Gender_descriptor(), "gender", "gender", gender, row.row, errors);
  const std::optional<int> r =
      EnumCell(Member::Role_descriptor(), "role", "role", role, row.row, errors);
  if (g && r) {
    Member& member = row.member.emplace();
    member.set_display_name(name);
    member.set_gender(static_cast<Member::Gender>(*g));
    member.set_role(static_cast<Member::Role>(*r));
  }
  return row;
}

Row ParseRow(const Header& header, const roster::CsvRecord& record,
             std::vector<ImportError>& errors) {
  Row row;
  row.row = record.row;
  const std::string process_cell = Cell(header, record, "process");
  const std::string process(absl::StripPrefix(process_cell, "processes/"));
  row.round_id = Cell(header, record, "round");
  row.delegation_id = Cell(header, record, "delegation");
  const bool process_ok = IdCell("process", process, row.row, errors);
  const bool round_ok = IdCell("round", row.round_id, row.row, errors);
  const bool delegation_ok = IdCell("delegation", row.delegation_id, row.row, errors);
  row.key_ok = process_ok && round_ok && delegation_ok;
  row.process = absl::StrCat("processes/", process);
  // Required of the delegation, not of each row: one row may give it for all.
  if (const std::string kind = Cell(header, record, "kind"); !kind.empty()) {
    if (const std::optional<int> value =
            EnumCell(Delegation::Kind_descriptor(), "kind", "kind", kind, row.row, errors)) {
      row.kind =
          absl::AsciiStrToLower(Delegation::Kind_Name(static_cast<Delegation::Kind>(*value)));
    }
  }
  row.delegation_display_name = Cell(header, record, "delegation_display_name");
  row.round_display_name = Cell(header, record, "round_display_name");
  row.start_date = Cell(header, record, "round_start_date");
  if (!row.start_date.empty() && !roster::IsIsoDate(row.start_date)) {
    AddError(errors, row.row, "round_start_date",
             absl::StrCat("\"", row.start_date, "\" is not a date (YYYY-MM-DD)"));
  }
  return ParseMember(header, record, std::move(row), errors);
}

// A value rows must agree on, and the row that first gave it.
struct Agreed {
  std::string value;
  int64_t row = 0;
};

// Takes `value` (given at `row`) into `agreed`; adds an error on `column` when both are set and
// differ. An empty value agrees with anything.
void Agree(Agreed& agreed, const std::string& value, int64_t row, absl::string_view column,
           absl::string_view what, std::vector<ImportError>& errors) {
  if (value.empty()) return;
  if (agreed.value.empty()) {
    agreed = {value, row};
  } else if (agreed.value != value) {
    AddError(errors, row, column,
             absl::StrCat("\"", value, "\" differs from \"", agreed.value, "\" given for ", what,
                          " in row ", agreed.row));
  }
}

// Groups the rows by (process, round, delegation) and checks that they agree.
class SheetBuilder {
 public:
  void Add(Row row, std::vector<ImportError>& errors) {
    const size_t before = errors.size();
    Group& group = GroupOf(row);
    group.delegation.rows.push_back(row.row);
    RoundFacts& round = rounds_[RoundKey(row)];
    Agree(group.kind, row.kind, row.row, "kind", "this delegation", errors);
    Agree(group.display_name, row.delegation_display_name, row.row, "delegation_display_name",
          "this delegation", errors);
    Agree(round.start_date, row.start_date, row.row, "round_start_date", "this round", errors);
    Agree(round.display_name, row.round_display_name, row.row, "round_display_name", "this round",
          errors);
    if (errors.size() > before) group.bad = true;
    if (group.bad || !row.member) return;
    *group.delegation.delegation.add_members() = *std::move(row.member);
    group.delegation.member_rows.push_back(row.row);
  }

  // A row that has errors but names a delegation: the delegation is not written.
  void Reject(const Row& row) {
    Group& group = GroupOf(row);
    group.delegation.rows.push_back(row.row);
    group.bad = true;
  }

  void Finish(BalanceSheet& sheet) {
    std::map<std::string, bool> round_listed;
    for (Group& group : groups_) {
      SheetDelegation& d = group.delegation;
      if (!group.bad && group.kind.value.empty()) {
        AddError(sheet.errors, d.rows.front(), "kind",
                 absl::StrCat("no row of delegation ", d.delegation.id(), " gives its kind (",
                              Choices(Delegation::Kind_descriptor()), ")"));
        group.bad = true;
      }
      Delegation::Kind kind = Delegation::KIND_UNSPECIFIED;
      Delegation::Kind_Parse(absl::AsciiStrToUpper(group.kind.value), &kind);
      d.delegation.set_kind(kind);
      d.delegation.set_display_name(group.display_name.value);
      if (group.bad) {
        sheet.rejected.push_back(std::move(d));
        continue;
      }
      const std::string key = d.RoundName();
      if (!round_listed[key]) {
        round_listed[key] = true;
        const RoundFacts& facts = rounds_[key];
        sheet.rounds.push_back(
            {d.process, d.round_id, facts.start_date.value, facts.display_name.value});
      }
      sheet.delegations.push_back(std::move(d));
    }
  }

 private:
  struct Group {
    SheetDelegation delegation;
    Agreed kind;
    Agreed display_name;
    bool bad = false;
  };
  struct RoundFacts {
    Agreed start_date;
    Agreed display_name;
  };

  static std::string RoundKey(const Row& row) {
    return absl::StrCat(row.process, "/rounds/", row.round_id);
  }

  Group& GroupOf(const Row& row) {
    const std::string key = absl::StrCat(RoundKey(row), "/delegations/", row.delegation_id);
    const auto [it, added] = index_.emplace(key, groups_.size());
    if (added) {
      Group& group = groups_.emplace_back();
      group.delegation.process = row.process;
      group.delegation.round_id = row.round_id;
      group.delegation.delegation.set_id(row.delegation_id);
    }
    return groups_[it->second];
  }

  std::map<std::string, size_t> index_;
  std::vector<Group> groups_;
  std::map<std::string, RoundFacts> rounds_;
};

// The CSV column of a Delegation field ("display_name" -> "delegation_display_name").
std::string ColumnOfDelegationField(absl::string_view field) {
  if (field == "id") return "delegation";
  if (field == "display_name") return "delegation_display_name";
  if (field == "kind") return "kind";
  return "";
}

// The CSV column of a Member field.
std::string ColumnOfMemberField(absl::string_view field) {
  if (field == "display_name") return "member";
  if (field == "gender" || field == "role") return std::string(field);
  return "";
}

// The error for one violation: on the row and column its field comes from when it is a field of
// the delegation or of one of its members; else on the delegation's first row, naming the field.
ImportError ViolationError(const SheetDelegation& d, const common::FieldViolation& violation) {
  absl::string_view field = violation.field;
  absl::ConsumePrefix(&field, "delegation.");
  ImportError error;
  error.set_row(d.rows.front());
  error.set_message(violation.description);
  size_t index = 0;
  absl::string_view member_field = field;
  if (absl::ConsumePrefix(&member_field, "members[")) {
    const size_t close = member_field.find(']');
    if (close != absl::string_view::npos &&
        absl::SimpleAtoi(member_field.substr(0, close), &index) && index < d.member_rows.size()) {
      member_field.remove_prefix(close + 1);
      absl::ConsumePrefix(&member_field, ".");
      error.set_row(d.member_rows[index]);
      error.set_field(ColumnOfMemberField(member_field));
      return error;
    }
  }
  error.set_field(ColumnOfDelegationField(field));
  if (error.field().empty() && !violation.field.empty()) {
    error.set_message(absl::StrCat(violation.field, ": ", violation.description));
  }
  return error;
}

}  // namespace

std::string SheetDelegation::RoundName() const {
  return absl::StrCat(process, "/rounds/", round_id);
}

std::string SheetDelegation::Name() const {
  return absl::StrCat(RoundName(), "/delegations/", delegation.id());
}

absl::StatusOr<BalanceSheet> ParseBalanceSheet(absl::string_view csv) {
  roster::CsvReader reader;
  std::vector<roster::CsvRecord> records;
  if (absl::Status status = reader.Feed(csv, records); !status.ok()) return status;
  if (absl::Status status = reader.Finish(records); !status.ok()) return status;
  if (records.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the file is empty; its first row must name the columns: ", AllColumnsText()));
  }
  absl::StatusOr<Header> header = ParseHeader(records.front().fields);
  if (!header.ok()) return header.status();

  BalanceSheet sheet;
  SheetBuilder builder;
  for (size_t i = 1; i < records.size(); ++i) {
    const roster::CsvRecord& record = records[i];
    ++sheet.rows;
    if (record.fields.size() != header->size()) {
      AddError(
          sheet.errors, record.row, "",
          absl::StrCat("has ", record.fields.size(), " fields; the header has ", header->size()));
      // Its delegation, when the row still names one, is not written without this member.
      std::vector<ImportError> ignored;
      const Row row = ParseRow(*header, record, ignored);
      if (row.key_ok) builder.Reject(row);
      continue;
    }
    const size_t before = sheet.errors.size();
    Row row = ParseRow(*header, record, sheet.errors);
    if (!row.key_ok) continue;
    if (sheet.errors.size() > before) {
      builder.Reject(row);
    } else {
      builder.Add(std::move(row), sheet.errors);
    }
  }
  builder.Finish(sheet);
  std::stable_sort(sheet.errors.begin(), sheet.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row() < b.row(); });
  return sheet;
}

std::vector<ImportError> DelegationWriteErrors(
    const SheetDelegation& delegation, absl::string_view message,
    const std::vector<common::FieldViolation>& violations) {
  std::vector<ImportError> errors;
  for (const common::FieldViolation& violation : violations) {
    errors.push_back(ViolationError(delegation, violation));
  }
  if (errors.empty()) {
    AddError(errors, delegation.rows.front(), "", std::string(message));
  }
  std::stable_sort(errors.begin(), errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row() < b.row(); });
  return errors;
}

std::string RowRanges(const std::vector<int64_t>& rows) {
  std::vector<std::string> runs;
  for (size_t i = 0; i < rows.size();) {
    size_t j = i;
    while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
    runs.push_back(j == i ? absl::StrCat(rows[i]) : absl::StrCat(rows[i], "-", rows[j]));
    i = j + 1;
  }
  return absl::StrJoin(runs, ", ");
}

}  // namespace wps::wpsctl
