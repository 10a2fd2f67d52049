// The controlled vocabularies of API.md: ISO 639-1 languages, ISO 3166-1 alpha-2 countries and UN M49
// areas (all checked with ICU), resource ids, and the expertise and role terms.
//
// Thread safety: every function is safe to call concurrently (ICU data is loaded once, on first use).
#ifndef WPS_SERVICES_COMMON_VOCABULARIES_H_
#define WPS_SERVICES_COMMON_VOCABULARIES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace wps::vocab {

// True for a two-letter lower-case ISO 639-1 code that ICU knows ("ar", "en"; not "eng", not "EN").
bool IsLanguageCode(absl::string_view code);

// True for a two-letter upper-case ISO 3166-1 alpha-2 country or territory code ICU knows as a
// territory ("SD", "NO", "XK"); false for groupings such as "EU" or "UN", and for "ZZ".
bool IsCountryCode(absl::string_view code);

// True for a three-digit UN M49 code of an area above the country level: the world ("001"), a continent
// ("002"), a sub-region ("015") or an intermediate grouping ICU knows ("419"). False for the numeric
// code of a single country ("729").
bool IsAreaCode(absl::string_view code);

// IsCountryCode(code) || IsAreaCode(code).
bool IsRegionCode(absl::string_view code);

// `code` followed by each area containing it, innermost first, by ICU's containment
// ("SD" -> {"SD", "015", "002", "001"}; "015" -> {"015", "002", "001"}). Empty for an unknown code.
std::vector<std::string> ContainmentChain(absl::string_view code);

// ContainmentChain(code), then every numbered grouping ICU counts the code in that the chain passes by
// ("CO" -> {"CO", "005", "019", "001", "419"}: Latin America holds Colombia though Colombia's chain of
// single parents runs through South America and the Americas). Empty for an unknown code.
std::vector<std::string> ContainingAreas(absl::string_view code);

// The English name of a language or region code, for reasons and tables ("ar" -> "Arabic",
// "SD" -> "Sudan", "015" -> "Northern Africa"); the code itself when ICU has no name.
std::string LanguageName(absl::string_view code);
std::string RegionName(absl::string_view code);

// True for an id of the form [a-z0-9][a-z0-9-]{0,62}.
bool IsResourceId(absl::string_view id);

// The expertise and role vocabularies of API.md, in the order API.md lists them.
absl::Span<const absl::string_view> ExpertiseTerms();
absl::Span<const absl::string_view> RoleTerms();
bool IsExpertise(absl::string_view term);
bool IsRole(absl::string_view term);

}  // namespace wps::vocab

#endif  // WPS_SERVICES_COMMON_VOCABULARIES_H_
