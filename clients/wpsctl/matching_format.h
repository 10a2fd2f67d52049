// How wpsctl prints MatchingService resources (shortlists and peace processes): aligned tables for
// people, proto-JSON and CSV for programs. Pure functions returning the text to print; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_MATCHING_FORMAT_H_
#define WPS_CLIENTS_WPSCTL_MATCHING_FORMAT_H_

#include <string>

#include "absl/types/span.h"
#include "clients/wpsctl/output_format.h"
#include "wps/matching/v1/resources.pb.h"

namespace wps::wpsctl {

// The four score components, 2 decimals each, as "language/region/expertise/experience":
// "1.00/0.50/0.33/0.40".
std::string FormatBreakdown(const matching::v1::ScoreBreakdown& breakdown);

// One row per candidate: RANK (from 1), CANDIDATE (display name), NAME, NETWORK, SCORE (6
// decimals), LANG/REGION/EXP/YEARS (FormatBreakdown), REASONS (joined with "; "); then a blank
// line and "3 candidates of 57 matched; stored as shortlists/ID\n". Without candidates the table is
// left out.
std::string ShortlistTable(const matching::v1::Shortlist& shortlist);
// "rank,name,display_name,network,score,language,region,expertise,experience,reasons" then one line
// per candidate, reasons joined with "; ", numbers with 6 decimals.
std::string ShortlistCsv(const matching::v1::Shortlist& shortlist);
// A shortlist in `format` (json: its proto-JSON).
std::string FormatShortlist(const matching::v1::Shortlist& shortlist, OutputFormat format);

// One row per shortlist: NAME, PROCESS, CANDIDATES, MATCHED, CREATED (UTC, to the minute),
// REQUESTER. CSV: "name,process,candidates,total_matched,create_time,requester", time in RFC 3339.
// JSON: an array of the shortlists' proto-JSON.
std::string FormatShortlists(absl::Span<const matching::v1::Shortlist> shortlists,
                             OutputFormat format);

// One row per process: NAME, DISPLAY NAME, COUNTRIES, LANGUAGES, EXPERTISE, STAGE, TRACK (stage in
// lower case, track as "1", "1.5", "2", "3"; "-" when unset). CSV: "name,display_name,countries,
// working_languages,expertise_needed,stage,track", lists ';'-separated. JSON: an array.
std::string FormatProcesses(absl::Span<const matching::v1::PeaceProcess> processes,
                            OutputFormat format);
// As FormatProcesses for one process; json prints the object, not an array.
std::string FormatProcess(const matching::v1::PeaceProcess& process, OutputFormat format);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_MATCHING_FORMAT_H_
