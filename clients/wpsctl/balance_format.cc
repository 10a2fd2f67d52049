#include "clients/wpsctl/balance_format.h"

#include <map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/balance/balance_math.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Balance;
using balance::v1::BalanceFlag;
using balance::v1::BalanceReport;
using balance::v1::BalanceTrend;
using balance::v1::Delegation;
using balance::v1::DelegationBalance;
using balance::v1::Member;
using balance::v1::ProcessBalanceRow;
using balance::v1::RoleBalance;
using balance::v1::Round;
using balance::v1::ShareFigure;

constexpr absl::string_view kNotApplicable = "n/a";

std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

// "civil_society" for CIVIL_SOCIETY: the spelling `balance import` reads back.
std::string LowerEnumName(const std::string& name) { return absl::AsciiStrToLower(name); }

std::string Spaced(const std::string& enum_name) {
  return absl::StrReplaceAll(LowerEnumName(enum_name), {{"_", " "}});
}

std::string ShareCell(bool has, double share) {
  return has ? PercentText(share) : std::string(kNotApplicable);
}

std::string CsvShare(bool has, double share) {
  return has ? absl::StrFormat("%.6f", share) : std::string();
}

std::string DelegationTitle(const DelegationBalance& d) {
  if (!d.display_name().empty()) return d.display_name();
  return OrDash(LastSegment(d.delegation()));
}

std::string FlagsText(const DelegationBalance& d) {
  std::vector<std::string> words;
  for (int flag : d.flags()) words.push_back(BalanceFlagText(static_cast<BalanceFlag>(flag)));
  return absl::StrJoin(words, "; ");
}

std::string MetText(const DelegationBalance& d) {
  if (!d.has_women_share()) return std::string(kNotApplicable);
  return d.meets_target() ? "yes" : "no";
}

std::vector<std::string> BalanceRow(const DelegationBalance& d, std::string title) {
  return {std::move(title),
          DelegationKindText(d.kind()),
          absl::StrCat(d.members()),
          absl::StrCat(d.women()),
          absl::StrCat(d.men()),
          absl::StrCat(d.other()),
          absl::StrCat(d.undisclosed()),
          ShareCell(d.has_women_share(), d.women_share()),
          ShareCell(d.has_women_decision_share(), d.women_decision_share()),
          TargetText(d.target()),
          MetText(d),
          OrDash(FlagsText(d))};
}

// "Sudan talks: round "Jeddah III" (processes/s/rounds/r3), starting 2026-05-04; target 30% women".
std::string BalanceHeading(const Balance& balance, absl::string_view process_title) {
  std::string process(process_title);
  if (process.empty()) process = OrDash(ProcessOfName(balance.round()));
  std::string round = balance.round_display_name().empty()
                          ? absl::StrCat("round ", LastSegment(balance.round()))
                          : absl::StrCat("round \"", balance.round_display_name(), "\"");
  return absl::StrCat(process, ": ", round, " (", OrDash(balance.round()), "), starting ",
                      OrDash(balance.start_date()), "; target ",
                      TargetText(balance.overall().target()), " women\n");
}

bool AnyUnsetShare(const Balance& balance) {
  const auto unset = [](const DelegationBalance& d) {
    return !d.has_women_share() || !d.has_women_decision_share();
  };
  for (const DelegationBalance& d : balance.delegations()) {
    if (unset(d)) return true;
  }
  return unset(balance.overall());
}

std::string RoleTable(const Balance& balance) {
  std::vector<std::vector<std::string>> rows;
  for (const RoleBalance& r : balance.by_role()) {
    rows.push_back({MemberRoleText(r.role()), balance::IsDecisionRole(r.role()) ? "yes" : "no",
                    absl::StrCat(r.members()), absl::StrCat(r.women()),
                    ShareCell(r.has_women_share(), r.women_share())});
  }
  return RenderTable({"ROLE", "DECISION-MAKING", "MEMBERS", "WOMEN", "WOMEN %"}, rows);
}

std::string BalanceTable(const Balance& balance, absl::string_view process_title) {
  std::string out = BalanceHeading(balance, process_title);
  if (balance.delegations().empty()) {
    return out +
           "\nNo delegations are recorded for this round (wpsctl balance import adds them).\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const DelegationBalance& d : balance.delegations())
    rows.push_back(BalanceRow(d, DelegationTitle(d)));
  rows.push_back(BalanceRow(balance.overall(), "overall"));
  absl::StrAppend(
      &out, "\n",
      RenderTable({"DELEGATION", "KIND", "MEMBERS", "WOMEN", "MEN", "OTHER", "UNDISCLOSED",
                   "WOMEN %", "DECISION %", "TARGET", "MET", "FLAGS"},
                  rows),
      "\nWOMEN %: women among the members. DECISION %: women among the members in decision-making\n"
      "roles (head, negotiator, mediator, signatory). MET: WOMEN % reaches the target.\n");
  if (AnyUnsetShare(balance)) {
    out +=
        "n/a: undefined, not 0 - no members (WOMEN %, MET) or no member in a decision-making "
        "role (DECISION %).\n";
  }
  if (!balance.by_role().empty()) absl::StrAppend(&out, "\nBy role:\n", RoleTable(balance));
  return out;
}

std::string BalanceCsvLine(const Balance& balance, const DelegationBalance& d,
                           absl::string_view display_name) {
  std::vector<std::string> flags;
  for (int flag : d.flags()) {
    flags.push_back(LowerEnumName(balance::v1::BalanceFlag_Name(static_cast<BalanceFlag>(flag))));
  }
  const std::string kind = d.kind() == Delegation::KIND_UNSPECIFIED
                               ? ""
                               : LowerEnumName(Delegation::Kind_Name(d.kind()));
  return absl::StrCat(CsvField(balance.round()), ",", CsvField(balance.start_date()), ",",
                      CsvField(d.delegation()), ",", CsvField(display_name), ",", kind, ",",
                      d.members(), ",", d.women(), ",", d.men(), ",", d.other(), ",",
                      d.undisclosed(), ",", CsvShare(d.has_women_share(), d.women_share()), ",",
                      CsvShare(d.has_women_decision_share(), d.women_decision_share()), ",",
                      absl::StrFormat("%.6f", d.target()), ",", d.meets_target() ? "true" : "false",
                      ",", absl::StrJoin(flags, ";"), "\n");
}

// ---- Trend ----

std::string TrendTable(const BalanceTrend& trend, absl::string_view process_title) {
  std::string out = absl::StrCat(
      process_title.empty() ? OrDash(trend.process()) : std::string(process_title),
      ": women's share of each delegation by round; target ", TargetText(trend.target()), "\n");
  if (trend.points().empty())
    return out + "\nNo rounds yet (wpsctl balance round create adds one).\n";
  const std::vector<TrendDelegation> columns = TrendDelegations(trend);
  std::vector<std::string> headers = {"ROUND", "START"};
  for (const TrendDelegation& column : columns) headers.push_back(column.title);
  headers.push_back("OVERALL");
  std::vector<std::vector<std::string>> rows;
  for (int p = 0; p < trend.points_size(); ++p) {
    const Balance& point = trend.points(p);
    std::vector<std::string> row = {RoundTitle(point), OrDash(point.start_date())};
    for (const TrendDelegation& column : columns) {
      const int i = column.index_in_point[p];
      row.push_back(i < 0 ? "-"
                          : ShareCell(point.delegations(i).has_women_share(),
                                      point.delegations(i).women_share()));
    }
    row.push_back(ShareCell(point.overall().has_women_share(), point.overall().women_share()));
    rows.push_back(std::move(row));
  }
  return absl::StrCat(out, "\n", RenderTable(headers, rows),
                      "\n-: the delegation did not sit in that round. n/a: no members, so no "
                      "share (not 0).\n");
}

// ---- Report ----

std::string FigureCell(const ShareFigure& figure) {
  if (figure.members() == 0) return "none";
  return absl::StrCat(figure.women(), "/", figure.members(), " ",
                      ShareCell(figure.has_women_share(), figure.women_share()));
}

std::string FigureCsv(const ShareFigure& figure) {
  return absl::StrCat(figure.women(), ",", figure.members(), ",",
                      CsvShare(figure.has_women_share(), figure.women_share()));
}

std::string ProcessTitle(const ProcessBalanceRow& row) {
  return row.display_name().empty() ? OrDash(row.process()) : row.display_name();
}

// "Yemen talks (processes/yemen), Sudan talks (processes/sudan)"; "none" when empty.
std::string ProcessList(const BalanceReport& report,
                        const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::vector<std::string> titles;
  for (const std::string& name : names) {
    std::string title = name;
    for (const ProcessBalanceRow& row : report.rows()) {
      if (row.process() == name && !row.display_name().empty()) {
        title = absl::StrCat(row.display_name(), " (", name, ")");
      }
    }
    titles.push_back(std::move(title));
  }
  return titles.empty() ? "none" : absl::StrJoin(titles, ", ");
}

std::string ReportTable(const BalanceReport& report) {
  std::vector<std::vector<std::string>> rows;
  for (const ProcessBalanceRow& row : report.rows()) {
    rows.push_back({ProcessTitle(row), OrDash(absl::StrJoin(row.countries(), " ")),
                    OrDash(LastSegment(row.round())), OrDash(row.round_start_date()),
                    FigureCell(row.negotiators()), FigureCell(row.mediators()),
                    FigureCell(row.signatories()), FigureCell(row.overall()),
                    TargetText(row.target()), absl::StrCat(row.delegations_below_target())});
  }
  std::string out;
  if (!rows.empty()) {
    out = RenderTable({"PROCESS", "COUNTRIES", "ROUND", "START", "NEGOTIATORS", "MEDIATORS",
                       "SIGNATORIES", "ALL MEMBERS", "TARGET", "BELOW TARGET"},
                      rows);
    out +=
        "\nEach process at its latest round inside the dates. Figures are women/members and the\n"
        "women's share; NEGOTIATORS: heads and negotiators of party delegations; BELOW TARGET:\n"
        "delegations of that round below the target.\n\n";
  }
  absl::StrAppend(&out, "Across ", report.processes(),
                  report.processes() == 1 ? " process" : " processes", ": negotiators ",
                  FigureCell(report.negotiators()), ", mediators ", FigureCell(report.mediators()),
                  ", signatories ", FigureCell(report.signatories()), "\n");
  absl::StrAppend(&out, "Without women mediators: ",
                  ProcessList(report, report.processes_without_women_mediators()), "\n");
  absl::StrAppend(&out, "Without women signatories: ",
                  ProcessList(report, report.processes_without_women_signatories()), "\n");
  return out;
}

std::string ReportCsv(const BalanceReport& report) {
  std::string out =
      "process,display_name,countries,round,round_start_date,negotiators_women,"
      "negotiators_members,negotiators_share,mediators_women,mediators_members,mediators_share,"
      "signatories_women,signatories_members,signatories_share,overall_women,overall_members,"
      "overall_share,target,delegations_below_target\n";
  for (const ProcessBalanceRow& row : report.rows()) {
    absl::StrAppend(&out, CsvField(row.process()), ",", CsvField(row.display_name()), ",",
                    CsvField(absl::StrJoin(row.countries(), ";")), ",", CsvField(row.round()), ",",
                    CsvField(row.round_start_date()), ",", FigureCsv(row.negotiators()), ",",
                    FigureCsv(row.mediators()), ",", FigureCsv(row.signatories()), ",",
                    FigureCsv(row.overall()), ",", absl::StrFormat("%.6f", row.target()), ",",
                    row.delegations_below_target(), "\n");
  }
  return out;
}

}  // namespace

std::string PercentText(double share) { return absl::StrFormat("%.1f%%", share * 100); }

std::string TargetText(double target) {
  std::string text = absl::StrFormat("%.1f", target * 100);
  if (absl::EndsWith(text, ".0")) text.resize(text.size() - 2);
  return text + "%";
}

std::string BalanceFlagText(BalanceFlag flag) {
  switch (flag) {
    case balance::v1::BELOW_TARGET:
      return "below target";
    case balance::v1::WOMEN_ONLY_IN_NON_DECISION_ROLES:
      return "women only in non-decision roles";
    case balance::v1::FELL_SINCE_PREVIOUS_ROUND:
      return "fell since previous round";
    case balance::v1::NO_MEMBERS:
      return "no members";
    case balance::v1::ALL_UNDISCLOSED:
      return "all undisclosed";
    default:
      break;
  }
  return absl::StrCat("flag ", static_cast<int>(flag));
}

std::string DelegationKindText(Delegation::Kind kind) {
  if (kind == Delegation::KIND_UNSPECIFIED || !Delegation::Kind_IsValid(kind)) return "-";
  return Spaced(Delegation::Kind_Name(kind));
}

std::string MemberRoleText(Member::Role role) {
  if (role == Member::ROLE_UNSPECIFIED || !Member::Role_IsValid(role)) return "-";
  return Spaced(Member::Role_Name(role));
}

std::string LastSegment(absl::string_view name) {
  const size_t slash = name.rfind('/');
  return std::string(slash == absl::string_view::npos ? name : name.substr(slash + 1));
}

std::string RoundTitle(const Balance& point) {
  return point.round_display_name().empty() ? OrDash(LastSegment(point.round()))
                                            : point.round_display_name();
}

std::string ProcessOfName(absl::string_view name) {
  if (!absl::StartsWith(name, "processes/")) return "";
  const size_t end = name.find('/', sizeof("processes/") - 1);
  return std::string(name.substr(0, end));
}

std::vector<TrendDelegation> TrendDelegations(const BalanceTrend& trend) {
  std::map<std::string, TrendDelegation> by_id;
  for (int p = 0; p < trend.points_size(); ++p) {
    const Balance& point = trend.points(p);
    for (int i = 0; i < point.delegations_size(); ++i) {
      const DelegationBalance& d = point.delegations(i);
      const std::string id = LastSegment(d.delegation());
      TrendDelegation& delegation = by_id[id];
      delegation.id = id;
      delegation.index_in_point.resize(trend.points_size(), -1);
      delegation.index_in_point[p] = i;
      delegation.title = DelegationTitle(d);
    }
  }
  std::vector<TrendDelegation> delegations;
  for (auto& [id, delegation] : by_id) delegations.push_back(std::move(delegation));
  return delegations;
}

std::string FormatBalance(const Balance& balance, absl::string_view process_title,
                          OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return MessageJson(balance);
    case OutputFormat::kCsv:
      return absl::StrCat(BalanceCsvHeader(), "\n", BalanceCsvLines(balance));
    case OutputFormat::kTable:
      break;
  }
  return BalanceTable(balance, process_title);
}

std::string BalanceCsvHeader() {
  return "round,round_start_date,delegation,display_name,kind,members,women,men,other,"
         "undisclosed,women_share,women_decision_share,target,meets_target,flags";
}

std::string BalanceCsvLines(const Balance& balance) {
  std::string out;
  for (const DelegationBalance& d : balance.delegations()) {
    out += BalanceCsvLine(balance, d, d.display_name());
  }
  return out + BalanceCsvLine(balance, balance.overall(), "overall");
}

std::string FormatTrend(const BalanceTrend& trend, absl::string_view process_title,
                        OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return MessageJson(trend);
    case OutputFormat::kCsv: {
      std::string out = BalanceCsvHeader() + "\n";
      for (const Balance& point : trend.points()) out += BalanceCsvLines(point);
      return out;
    }
    case OutputFormat::kTable:
      break;
  }
  return TrendTable(trend, process_title);
}

std::string FormatBalanceReport(const BalanceReport& report, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return MessageJson(report);
    case OutputFormat::kCsv:
      return ReportCsv(report);
    case OutputFormat::kTable:
      break;
  }
  return ReportTable(report);
}

std::string FormatRounds(absl::Span<const Round> rounds, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return JsonArray(rounds);
    case OutputFormat::kCsv: {
      std::string out = "name,display_name,start_date,location\n";
      for (const Round& r : rounds) {
        absl::StrAppend(&out, CsvField(r.name()), ",", CsvField(r.display_name()), ",",
                        CsvField(r.start_date()), ",", CsvField(r.location()), "\n");
      }
      return out;
    }
    case OutputFormat::kTable:
      break;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Round& r : rounds) {
    rows.push_back(
        {OrDash(r.name()), OrDash(r.display_name()), OrDash(r.start_date()), OrDash(r.location())});
  }
  return RenderTable({"NAME", "DISPLAY NAME", "START", "LOCATION"}, rows);
}

std::string FormatRound(const Round& round, OutputFormat format) {
  if (format == OutputFormat::kJson) return MessageJson(round);
  return FormatRounds(absl::MakeConstSpan(&round, 1), format);
}

}  // namespace wps::wpsctl
