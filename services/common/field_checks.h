// Checks of request fields shared by the validators of every service: free text (UTF-8, length in
// code points, control characters) and lists of vocabulary terms (valid, none twice, not too many).
// Each check appends its findings as FieldViolations. Pure logic.
//
// Thread safety: every function is safe to call concurrently.
#ifndef WPS_SERVICES_COMMON_FIELD_CHECKS_H_
#define WPS_SERVICES_COMMON_FIELD_CHECKS_H_

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/common/field_violations.h"

namespace wps::common {

// Limits shared by the records of every service. Names are counted in Unicode code points.
inline constexpr int kMaxNameLength = 200;
inline constexpr int kMaxListSize = 100;

// "field[index]", the path of one element of a repeated field.
std::string Indexed(absl::string_view field, int index);

// True when `text` is empty or only ASCII whitespace.
bool IsBlank(absl::string_view text);

// Checks one free-text field: valid UTF-8, at most `max_length` code points, no control character
// (newlines and tabs allowed when `allow_newline_and_tab`). At most one violation, on prefix +
// field, for the most basic problem found.
void CheckText(absl::string_view text, absl::string_view field, int max_length,
               bool allow_newline_and_tab, absl::string_view prefix,
               std::vector<FieldViolation>& out);

// CheckText for a single-line text that must not be blank ("<field> is required").
void CheckRequiredText(absl::string_view text, absl::string_view field, int max_length,
                       absl::string_view prefix, std::vector<FieldViolation>& out);

// True when a repeated field of `size` elements is within kMaxListSize. Otherwise appends one
// violation on the list itself and returns false: its elements are then not worth checking one by
// one, so an oversized list gives one violation rather than hundreds.
bool CheckListSize(int size, absl::string_view field, absl::string_view prefix,
                   std::vector<FieldViolation>& out);

// Checks a list of codes or terms: its size (CheckListSize), then each element with `is_valid`
// ("'<term>' is not <what>") and that none appears twice ("'<term>' is listed twice"), each on
// prefix + "field[i]".
template <typename IsValid>
void CheckTermList(const google::protobuf::RepeatedPtrField<std::string>& terms,
                   absl::string_view field, IsValid is_valid, absl::string_view what,
                   absl::string_view prefix, std::vector<FieldViolation>& out) {
  if (!CheckListSize(terms.size(), field, prefix, out)) return;
  std::set<absl::string_view> seen;
  for (int i = 0; i < terms.size(); ++i) {
    const std::string& term = terms[i];
    if (!is_valid(term)) {
      AddViolation(out, prefix, Indexed(field, i), absl::StrCat("'", term, "' is not ", what));
    } else if (!seen.insert(term).second) {
      AddViolation(out, prefix, Indexed(field, i), absl::StrCat("'", term, "' is listed twice"));
    }
  }
}

}  // namespace wps::common

#endif  // WPS_SERVICES_COMMON_FIELD_CHECKS_H_
