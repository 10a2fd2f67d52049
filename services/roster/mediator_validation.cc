#include "services/roster/mediator_validation.h"

#include <cstdint>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/field_checks.h"
#include "services/common/vocabularies.h"

namespace wps::roster {
namespace {

using common::AddViolation;
using common::CheckListSize;
using common::CheckTermList;
using common::CheckText;
using common::FieldViolation;
using common::Indexed;
using common::IsBlank;
using Violations = std::vector<FieldViolation>;

constexpr char kCountryWhat[] = "an ISO 3166-1 alpha-2 country code";

void CheckNames(const roster::v1::Mediator& m, absl::string_view prefix, Violations& out) {
  if (IsBlank(m.given_name()) && IsBlank(m.family_name())) {
    AddViolation(out, prefix, "given_name", "given_name or family_name is required");
  }
  CheckText(m.given_name(), "given_name", kMaxNameLength, false, prefix, out);
  CheckText(m.family_name(), "family_name", kMaxNameLength, false, prefix, out);
  CheckText(m.display_name(), "display_name", kMaxNameLength, false, prefix, out);
  CheckText(m.bio(), "bio", kMaxBioLength, true, prefix, out);
}

void CheckChapter(const roster::v1::Mediator& m, const roster::v1::Network* network,
                  absl::string_view prefix, Violations& out) {
  if (m.chapter().empty()) return;
  if (!vocab::IsCountryCode(m.chapter())) {
    AddViolation(out, prefix, "chapter", absl::StrCat("'", m.chapter(), "' is not ", kCountryWhat));
    return;
  }
  if (network == nullptr || network->chapters().empty()) return;
  for (const std::string& chapter : network->chapters()) {
    if (chapter == m.chapter()) return;
  }
  const std::string& network_name =
      network->name().empty() ? network->display_name() : network->name();
  AddViolation(out, prefix, "chapter",
               absl::StrCat("'", m.chapter(), "' is not a chapter of ", network_name));
}

void CheckLanguages(const roster::v1::Mediator& m, absl::string_view prefix, Violations& out) {
  if (!CheckListSize(m.languages_size(), "languages", prefix, out)) return;
  std::set<absl::string_view> seen;
  for (int i = 0; i < m.languages_size(); ++i) {
    const wps::type::LanguageSkill& skill = m.languages(i);
    const std::string field = Indexed("languages", i);
    if (!vocab::IsLanguageCode(skill.code())) {
      AddViolation(out, prefix, absl::StrCat(field, ".code"),
                   absl::StrCat("'", skill.code(), "' is not an ISO 639-1 language code"));
    } else if (!seen.insert(skill.code()).second) {
      AddViolation(out, prefix, absl::StrCat(field, ".code"),
                   absl::StrCat("'", skill.code(), "' is listed twice"));
    }
    if (skill.level() == wps::type::LANGUAGE_LEVEL_UNSPECIFIED) {
      AddViolation(out, prefix, absl::StrCat(field, ".level"), "level is required");
    } else if (!wps::type::LanguageLevel_IsValid(skill.level())) {
      AddViolation(out, prefix, absl::StrCat(field, ".level"),
                   absl::StrCat("level ", skill.level(), " is not one of A1..C2, NATIVE"));
    }
  }
}

// Checks one end of a period; true when it is a valid date.
bool CheckDate(const std::string& date, absl::string_view field, absl::string_view end_name,
               absl::string_view prefix, Violations& out) {
  if (IsIsoDate(date)) return true;
  AddViolation(out, prefix, absl::StrCat(field, ".", end_name),
               date.empty() ? absl::StrCat(end_name, " is required")
                            : absl::StrCat("'", date, "' is not a valid YYYY-MM-DD date"));
  return false;
}

void CheckPeriods(const roster::v1::Mediator& m, absl::string_view prefix, Violations& out) {
  if (!CheckListSize(m.unavailable_periods_size(), "unavailable_periods", prefix, out)) return;
  for (int i = 0; i < m.unavailable_periods_size(); ++i) {
    const wps::type::DateRange& period = m.unavailable_periods(i);
    const std::string field = Indexed("unavailable_periods", i);
    const bool start_ok = CheckDate(period.start(), field, "start", prefix, out);
    const bool end_ok = CheckDate(period.end(), field, "end", prefix, out);
    // Valid YYYY-MM-DD dates order as strings.
    if (start_ok && end_ok && period.start() > period.end()) {
      AddViolation(out, prefix, absl::StrCat(field, ".end"),
                   absl::StrCat("start ", period.start(), " is after end ", period.end()));
    }
  }
}

bool IsEmailAddress(absl::string_view email) {
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 || at + 1 == email.size()) return false;
  if (email.find('@', at + 1) != absl::string_view::npos) return false;
  const absl::string_view domain = email.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != absl::string_view::npos) {
    return false;
  }
  for (char c : email) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsPhoneNumber(absl::string_view phone) {
  bool has_digit = false;
  for (char c : phone) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      has_digit = true;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return has_digit;
}

void CheckContact(const roster::v1::Contact& contact, absl::string_view prefix, Violations& out) {
  const std::string& email = contact.email();
  if (!email.empty()) {
    const size_t before = out.size();
    CheckText(email, "contact.email", kMaxEmailLength, false, prefix, out);
    if (out.size() == before && !IsEmailAddress(email)) {
      AddViolation(out, prefix, "contact.email",
                   absl::StrCat("'", email, "' is not an email address (local@domain)"));
    }
  }
  const std::string& phone = contact.phone();
  if (phone.empty()) return;
  if (!IsPhoneNumber(phone)) {
    AddViolation(out, prefix, "contact.phone",
                 "phone may hold only digits, spaces and + - ( ), with at least one digit");
  } else if (static_cast<int>(phone.size()) > kMaxPhoneLength) {
    // Only ASCII got this far, so bytes are code points.
    AddViolation(
        out, prefix, "contact.phone",
        absl::StrCat("contact.phone is ", phone.size(), " characters; at most ", kMaxPhoneLength));
  }
}

void CheckConsent(const roster::v1::Consent& consent, absl::string_view prefix, Violations& out) {
  CheckTermList(consent.share_with(), "consent.share_with", vocab::IsResourceId, "a network id",
                prefix, out);
  if (consent.share_all() && !consent.share_with().empty()) {
    AddViolation(out, prefix, "consent.share_with", "must be empty when share_all is set");
  }
}

void CheckScalars(const roster::v1::Mediator& m, absl::string_view prefix, Violations& out) {
  if (m.years_experience() < 0 || m.years_experience() > kMaxYearsExperience) {
    AddViolation(out, prefix, "years_experience",
                 absl::StrCat("years_experience is ", m.years_experience(), "; must be 0 to ",
                              kMaxYearsExperience));
  }
  // UNSPECIFIED is allowed: the service stores it as AVAILABLE.
  if (!roster::v1::Availability_IsValid(m.availability())) {
    AddViolation(out, prefix, "availability",
                 absl::StrCat("availability ", m.availability(),
                              " is not one of AVAILABLE, LIMITED, UNAVAILABLE"));
  }
}

}  // namespace

void ValidateMediator(const roster::v1::Mediator& mediator, const roster::v1::Network* network,
                      absl::string_view prefix, std::vector<common::FieldViolation>& violations) {
  CheckNames(mediator, prefix, violations);
  CheckChapter(mediator, network, prefix, violations);
  CheckTermList(mediator.nationalities(), "nationalities", vocab::IsCountryCode, kCountryWhat,
                prefix, violations);
  CheckLanguages(mediator, prefix, violations);
  CheckTermList(mediator.regions(), "regions", vocab::IsRegionCode,
                "an ISO 3166-1 alpha-2 country or UN M49 area code", prefix, violations);
  CheckTermList(mediator.expertise(), "expertise", vocab::IsExpertise,
                "an expertise term; see API.md", prefix, violations);
  CheckTermList(mediator.roles(), "roles", vocab::IsRole, "a role term; see API.md", prefix,
                violations);
  CheckScalars(mediator, prefix, violations);
  CheckPeriods(mediator, prefix, violations);
  CheckContact(mediator.contact(), prefix, violations);
  CheckConsent(mediator.consent(), prefix, violations);
}

void ValidateNetwork(const roster::v1::Network& network, absl::string_view prefix,
                     std::vector<common::FieldViolation>& violations) {
  common::CheckRequiredText(network.display_name(), "display_name", kMaxNameLength, prefix, violations);
  CheckTermList(network.chapters(), "chapters", vocab::IsCountryCode, kCountryWhat, prefix,
                violations);
}

bool IsIsoDate(absl::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  int part = 0;
  for (size_t i = 0; i < date.size(); ++i) {
    if (i == 4 || i == 7) {
      ++part;
      continue;
    }
    if (!absl::ascii_isdigit(static_cast<unsigned char>(date[i]))) return false;
    parts[part] = parts[part] * 10 + (date[i] - '0');
  }
  // CivilDay normalises out-of-range fields (2027-02-29 becomes 2027-03-01); a real date survives.
  const absl::CivilDay day(parts[0], parts[1], parts[2]);
  return day.year() == parts[0] && day.month() == parts[1] && day.day() == parts[2];
}

}  // namespace wps::roster
