#include "clients/wpsctl/matching_format.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "clients/wpsctl/resource_names.h"
#include "google/protobuf/util/time_util.h"

namespace wps::wpsctl {
namespace {

using matching::v1::Candidate;
using matching::v1::PeaceProcess;
using matching::v1::Shortlist;

std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

std::string Score(double value) { return absl::StrFormat("%.6f", value); }

std::string NetworkOf(const roster::v1::Mediator& mediator) {
  return mediator.network().empty() ? NetworkIdOf(mediator.name()) : mediator.network();
}

std::string Reasons(const Candidate& candidate) { return absl::StrJoin(candidate.reasons(), "; "); }

// RFC 3339 ("2026-11-03T10:04:05.123Z"); empty when unset.
std::string Rfc3339(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return google::protobuf::util::TimeUtil::ToString(time);
}

// "2026-11-03 10:04": to the minute, for tables.
std::string ToMinute(const google::protobuf::Timestamp& time) {
  std::string text = Rfc3339(time).substr(0, 16);
  if (text.size() > 10) text[10] = ' ';
  return OrDash(text);
}

std::string StageText(PeaceProcess::Stage stage) {
  if (stage == PeaceProcess::STAGE_UNSPECIFIED) return "-";
  return absl::AsciiStrToLower(PeaceProcess::Stage_Name(stage));
}

std::string TrackText(PeaceProcess::Track track) {
  if (track == PeaceProcess::TRACK_UNSPECIFIED) return "-";
  return absl::StrReplaceAll(absl::StripPrefix(PeaceProcess::Track_Name(track), "TRACK_"),
                             {{"_", "."}});
}

std::string CandidateNoun(int64_t count) { return count == 1 ? "candidate" : "candidates"; }

std::string ShortlistsTable(absl::Span<const Shortlist> shortlists) {
  std::vector<std::vector<std::string>> rows;
  for (const Shortlist& s : shortlists) {
    rows.push_back({OrDash(s.name()), OrDash(s.request().process()),
                    absl::StrCat(s.candidates_size()), absl::StrCat(s.total_matched()),
                    ToMinute(s.create_time()), OrDash(s.requester())});
  }
  return RenderTable({"NAME", "PROCESS", "CANDIDATES", "MATCHED", "CREATED", "REQUESTER"}, rows);
}

std::string ShortlistsCsv(absl::Span<const Shortlist> shortlists) {
  std::string out = "name,process,candidates,total_matched,create_time,requester\n";
  for (const Shortlist& s : shortlists) {
    absl::StrAppend(&out, CsvField(s.name()), ",", CsvField(s.request().process()), ",",
                    s.candidates_size(), ",", s.total_matched(), ",", Rfc3339(s.create_time()), ",",
                    CsvField(s.requester()), "\n");
  }
  return out;
}

std::string ProcessTable(absl::Span<const PeaceProcess> processes) {
  std::vector<std::vector<std::string>> rows;
  for (const PeaceProcess& p : processes) {
    rows.push_back({OrDash(p.name()), OrDash(p.display_name()),
                    OrDash(absl::StrJoin(p.countries(), " ")),
                    OrDash(absl::StrJoin(p.working_languages(), " ")),
                    OrDash(absl::StrJoin(p.expertise_needed(), ", ")), StageText(p.stage()),
                    TrackText(p.track())});
  }
  return RenderTable(
      {"NAME", "DISPLAY NAME", "COUNTRIES", "LANGUAGES", "EXPERTISE", "STAGE", "TRACK"}, rows);
}

std::string ProcessCsv(absl::Span<const PeaceProcess> processes) {
  std::string out = "name,display_name,countries,working_languages,expertise_needed,stage,track\n";
  for (const PeaceProcess& p : processes) {
    const std::string stage = StageText(p.stage()), track = TrackText(p.track());
    absl::StrAppend(&out, CsvField(p.name()), ",", CsvField(p.display_name()), ",",
                    CsvField(absl::StrJoin(p.countries(), ";")), ",",
                    CsvField(absl::StrJoin(p.working_languages(), ";")), ",",
                    CsvField(absl::StrJoin(p.expertise_needed(), ";")), ",",
                    stage == "-" ? "" : stage, ",", track == "-" ? "" : track, "\n");
  }
  return out;
}

}  // namespace

std::string FormatBreakdown(const matching::v1::ScoreBreakdown& breakdown) {
  return absl::StrFormat("%.2f/%.2f/%.2f/%.2f", breakdown.language(), breakdown.region(),
                         breakdown.expertise(), breakdown.experience());
}

std::string ShortlistTable(const Shortlist& shortlist) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(shortlist.candidates_size());
  for (const Candidate& c : shortlist.candidates()) {
    rows.push_back({absl::StrCat(rows.size() + 1), OrDash(DisplayName(c.mediator())),
                    OrDash(c.mediator().name()), OrDash(NetworkOf(c.mediator())), Score(c.score()),
                    FormatBreakdown(c.breakdown()), OrDash(Reasons(c))});
  }
  std::string out;
  if (!rows.empty()) {
    out = RenderTable(
        {"RANK", "CANDIDATE", "NAME", "NETWORK", "SCORE", "LANG/REGION/EXP/YEARS", "REASONS"},
        rows);
    out += "\n";
  }
  absl::StrAppend(&out, shortlist.candidates_size(), " ",
                  CandidateNoun(shortlist.candidates_size()), " of ", shortlist.total_matched(),
                  " matched; stored as ", OrDash(shortlist.name()), "\n");
  return out;
}

std::string ShortlistCsv(const Shortlist& shortlist) {
  std::string out =
      "rank,name,display_name,network,score,language,region,expertise,experience,reasons\n";
  int rank = 0;
  for (const Candidate& c : shortlist.candidates()) {
    const matching::v1::ScoreBreakdown& b = c.breakdown();
    absl::StrAppend(&out, ++rank, ",", CsvField(c.mediator().name()), ",",
                    CsvField(DisplayName(c.mediator())), ",", CsvField(NetworkOf(c.mediator())),
                    ",", Score(c.score()), ",", Score(b.language()), ",", Score(b.region()), ",",
                    Score(b.expertise()), ",", Score(b.experience()), ",", CsvField(Reasons(c)),
                    "\n");
  }
  return out;
}

std::string FormatShortlist(const Shortlist& shortlist, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return MessageJson(shortlist);
    case OutputFormat::kCsv:
      return ShortlistCsv(shortlist);
    case OutputFormat::kTable:
      break;
  }
  return ShortlistTable(shortlist);
}

std::string FormatShortlists(absl::Span<const Shortlist> shortlists, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return JsonArray(shortlists);
    case OutputFormat::kCsv:
      return ShortlistsCsv(shortlists);
    case OutputFormat::kTable:
      break;
  }
  return ShortlistsTable(shortlists);
}

std::string FormatProcesses(absl::Span<const PeaceProcess> processes, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return JsonArray(processes);
    case OutputFormat::kCsv:
      return ProcessCsv(processes);
    case OutputFormat::kTable:
      break;
  }
  return ProcessTable(processes);
}

std::string FormatProcess(const PeaceProcess& process, OutputFormat format) {
  if (format == OutputFormat::kJson) return MessageJson(process);
  return FormatProcesses(absl::MakeConstSpan(&process, 1), format);
}

}  // namespace wps::wpsctl
