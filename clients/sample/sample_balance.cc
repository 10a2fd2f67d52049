#include "clients/sample/sample_balance.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace wps::sample {
namespace {

using balance::v1::Delegation;
using balance::v1::Member;
using matching::v1::PeaceProcess;

// ------------------------------------------------------------------------------------------------
// Names: fictional combinations of common names, Latin script.

struct Names {
  absl::Span<const char* const> women;
  absl::Span<const char* const> men;
  absl::Span<const char* const> family;
};

constexpr const char* kArabicWomen[] = {"Amna",   "Hiba",  "Samah",  "Nahid", "Rasha",
                                        "Alawia", "Safaa", "Ikhlas", "Nuha",  "Asma",
                                        "Huda",   "Rana",  "Lamya",  "Afrah", "Maha"};
constexpr const char* kArabicMen[] = {"Ahmed",  "Osman", "Khalid",  "Yasir",  "Hamza",   "Tarig",
                                      "Bashir", "Salah", "Mustafa", "Hassan", "Ibrahim", "Faisal",
                                      "Nabil",  "Adil",  "Yahya",   "Saleh"};
constexpr const char* kArabicFamily[] = {"Idris", "Babiker",    "Elhassan", "Mahgoub", "Abdalla",
                                         "Musa",  "Hamid",      "Nour",     "Saeed",   "al-Hakimi",
                                         "Qasim", "al-Sharabi", "Bazara",   "Mansour", "Haddad",
                                         "Salem", "al-Amri"};
constexpr const char* kSpanishWomen[] = {
    "María José", "Carolina", "Luz Marina", "Natalia", "Isabel",  "Diana", "Mónica", "Adriana",
    "Paola",      "Yolanda",  "Ángela",     "Claudia", "Marcela", "Lucía", "Sandra"};
constexpr const char* kSpanishMen[] = {
    "Andrés", "Carlos",  "Jorge",  "Iván",     "Luis",    "Camilo", "Felipe", "Julián",
    "Óscar",  "Ricardo", "Hernán", "Mauricio", "Gustavo", "Fabián", "Álvaro", "Sergio"};
constexpr const char* kSpanishFamily[] = {
    "Restrepo", "Gómez",    "Córdoba", "Arango",   "Villamizar", "Cárdenas",
    "Ospina",   "Quintero", "Rincón",  "Salazar",  "Mosquera",   "Zapata",
    "Beltrán",  "Palacios", "Londoño", "Peñaloza", "Valencia"};

constexpr Names kArabicNames = {kArabicWomen, kArabicMen, kArabicFamily};
constexpr Names kSpanishNames = {kSpanishWomen, kSpanishMen, kSpanishFamily};

// ------------------------------------------------------------------------------------------------
// The processes, their rounds and delegations, and who sat where.

// Seats of one role at one sitting: so many women, men and members whose gender is withheld.
struct Seats {
  Member::Role role;
  int women;
  int men;
  int undisclosed = 0;
};

struct RoundSpec {
  const char* id;
  const char* display_name;
  const char* start_date;
};

struct DelegationSpec {
  const char* id;
  const char* display_name;
  Delegation::Kind kind;
};

// A delegation at a round; no seats: recorded without members.
struct Sitting {
  const char* round;
  const char* delegation;
  std::vector<Seats> seats;
};

struct ProcessSpec {
  const char* id;
  Names names;
  std::vector<RoundSpec> rounds;
  std::vector<DelegationSpec> delegations;
  std::vector<Sitting> sittings;
};

constexpr Member::Role H = Member::HEAD;
constexpr Member::Role N = Member::NEGOTIATOR;
constexpr Member::Role Me = Member::MEDIATOR;
constexpr Member::Role A = Member::ADVISER;
constexpr Member::Role T = Member::TECHNICAL_EXPERT;
constexpr Member::Role S = Member::SIGNATORY;
constexpr Member::Role O = Member::OBSERVER;

// Sudan: women advisers but hardly a woman negotiator; the women's bloc sits at one round only and
// the share falls back at the latest.
ProcessSpec Sudan() {
  return {"sudan-sample",
          kArabicNames,
          {{"r1", "Jeddah I", "2025-05-06"},
           {"r2", "Jeddah II", "2025-08-12"},
           {"r3", "Geneva consultations", "2025-11-18"},
           {"r4", "Jeddah III", "2026-02-24"}},
          {{"gov", "Government delegation", Delegation::PARTY},
           {"opposition", "Opposition delegation", Delegation::PARTY},
           {"facilitation", "Facilitation team", Delegation::MEDIATION},
           {"observers", "Observer states", Delegation::OBSERVER},
           {"women-bloc", "Women's civil society bloc", Delegation::CIVIL_SOCIETY}},
          {{"r1", "gov", {{H, 0, 1}, {N, 1, 4}, {A, 0, 2}, {T, 0, 1}}},
           {"r1", "opposition", {{H, 0, 1}, {N, 0, 4}, {A, 0, 2}}},
           {"r1", "facilitation", {{Me, 1, 2}, {A, 1, 0}, {T, 0, 1}}},
           {"r1", "observers", {{O, 1, 3}}},
           {"r2", "gov", {{H, 0, 1}, {N, 1, 4}, {A, 1, 1}, {T, 0, 1}}},
           {"r2", "opposition", {{H, 0, 1}, {N, 0, 4}, {A, 1, 1}}},
           {"r2", "facilitation", {{Me, 1, 2}, {A, 1, 0}, {T, 0, 1}}},
           {"r2", "observers", {{O, 1, 3}}},
           {"r3", "gov", {{H, 0, 1}, {N, 1, 4}, {A, 1, 1}, {T, 1, 0}}},
           {"r3", "opposition", {{H, 0, 1}, {N, 0, 4}, {A, 1, 1}, {T, 0, 1}}},
           {"r3", "facilitation", {{Me, 1, 2}, {A, 1, 0}, {T, 1, 0}}},
           {"r3", "observers", {{O, 1, 3}}},
           {"r3", "women-bloc", {{N, 2, 0}, {A, 2, 1}, {O, 1, 0}}},
           {"r4", "gov", {{H, 0, 1}, {N, 0, 5}, {A, 1, 1}, {T, 0, 1}}},
           {"r4", "opposition", {{H, 0, 1}, {N, 0, 4}, {T, 1, 1}}},
           {"r4", "facilitation", {{Me, 1, 2}, {A, 1, 0}, {T, 0, 1}}},
           {"r4", "observers", {{O, 1, 3}}}}};
}

// Yemen: the envoy's team has women, none of them a mediator; the guarantors are recorded before
// their members are known.
ProcessSpec Yemen() {
  return {"yemen-sample",
          kArabicNames,
          {{"r1", "Stockholm", "2024-12-03"},
           {"r2", "Amman", "2025-06-10"},
           {"r3", "Muscat", "2026-01-20"}},
          {{"gov", "Government delegation", Delegation::PARTY},
           {"north", "Northern authorities' delegation", Delegation::PARTY},
           {"envoy", "Envoy's mediation team", Delegation::MEDIATION},
           {"guarantors", "Regional guarantors", Delegation::GUARANTOR}},
          {{"r1", "gov", {{H, 0, 1}, {N, 0, 5}, {A, 1, 1}}},
           {"r1", "north", {{H, 0, 1}, {N, 0, 5}, {A, 0, 2}}},
           {"r1", "envoy", {{H, 0, 1}, {Me, 0, 2}, {A, 1, 0}, {T, 1, 0}}},
           {"r1", "guarantors", {{S, 0, 2}, {A, 0, 1}}},
           {"r2", "gov", {{H, 0, 1}, {N, 1, 4}, {A, 1, 1}}},
           {"r2", "north", {{H, 0, 1}, {N, 0, 5}, {A, 1, 1}}},
           {"r2", "envoy", {{H, 0, 1}, {Me, 1, 1}, {A, 1, 0}, {T, 0, 1}}},
           {"r2", "guarantors", {{S, 0, 2}, {A, 1, 0}}},
           {"r3", "gov", {{H, 0, 1}, {N, 1, 4}, {A, 0, 2}}},
           {"r3", "north", {{H, 0, 1}, {N, 0, 5}, {A, 1, 1}}},
           {"r3", "envoy", {{H, 0, 1}, {Me, 0, 2}, {A, 1, 0}, {T, 1, 0}}},
           {"r3", "guarantors", {}}}};
}

// Colombia: close to the target, with ups and downs; the victims' representatives are recorded
// without names and, at first, without genders.
ProcessSpec Colombia() {
  return {"colombia-sample",
          kSpanishNames,
          {{"r1", "Caracas I", "2023-11-21"},
           {"r2", "Mexico City", "2024-02-06"},
           {"r3", "Havana", "2024-05-14"},
           {"r4", "Caracas II", "2024-09-03"},
           {"r5", "Bogotá", "2025-03-11"}},
          {{"gov", "Government delegation", Delegation::PARTY},
           {"insurgent", "Insurgent delegation", Delegation::PARTY},
           {"guarantors", "Guarantor countries", Delegation::GUARANTOR},
           {"victims", "Victims' representatives", Delegation::CIVIL_SOCIETY}},
          {{"r1", "gov", {{H, 0, 1}, {N, 3, 4}, {A, 1, 1}}},
           {"r1", "insurgent", {{H, 0, 1}, {N, 2, 5}, {A, 0, 1}}},
           {"r1", "guarantors", {{Me, 1, 2}, {O, 0, 1}}},
           {"r1", "victims", {{O, 0, 0, 3}}},
           {"r2", "gov", {{H, 0, 1}, {N, 3, 4}, {A, 2, 0}}},
           {"r2", "insurgent", {{H, 0, 1}, {N, 2, 5}, {A, 1, 0}}},
           {"r2", "guarantors", {{Me, 1, 2}, {O, 1, 0}}},
           {"r2", "victims", {{O, 2, 0, 2}}},
           {"r3", "gov", {{H, 1, 0}, {N, 3, 4}, {A, 1, 1}}},
           {"r3", "insurgent", {{H, 0, 1}, {N, 3, 4}, {A, 0, 1}}},
           {"r3", "guarantors", {{Me, 1, 2}, {O, 0, 1}}},
           {"r3", "victims", {{O, 2, 1, 1}}},
           {"r4", "gov", {{H, 1, 0}, {N, 2, 5}, {A, 1, 1}}},
           {"r4", "insurgent", {{H, 0, 1}, {N, 3, 4}, {A, 1, 0}}},
           {"r4", "guarantors", {{Me, 1, 2}, {O, 1, 0}}},
           {"r5", "gov", {{H, 1, 0}, {N, 2, 5}, {S, 1, 1}, {A, 0, 1}}},
           {"r5", "insurgent", {{H, 0, 1}, {N, 2, 5}, {S, 0, 1}}},
           {"r5", "guarantors", {{Me, 1, 2}, {S, 0, 2}}},
           {"r5", "victims", {{O, 2, 1, 1}}}}};
}

PeaceProcess Process(const char* id, const char* display_name, std::vector<const char*> countries,
                     std::vector<const char*> languages, std::vector<const char*> expertise) {
  PeaceProcess process;
  process.set_name(absl::StrCat("processes/", id));
  process.set_display_name(display_name);
  for (const char* c : countries) process.add_countries(c);
  for (const char* l : languages) process.add_working_languages(l);
  for (const char* e : expertise) process.add_expertise_needed(e);
  process.set_stage(PeaceProcess::NEGOTIATION);
  return process;
}

// A stable number for a delegation, so that its k-th woman has the same name at every round.
uint64_t Seed(absl::string_view process, absl::string_view delegation) {
  uint64_t seed = 1469598103934665603ull;  // FNV-1a
  for (char c : absl::StrCat(process, "/", delegation)) {
    seed = (seed ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  return seed;
}

// The k-th woman's (or man's) name in a delegation: steps of 7 and 5 through pools of other sizes
// do not repeat within a pool's length; `offset` keeps women and men from sharing family names.
std::string PersonName(absl::Span<const char* const> given, absl::Span<const char* const> family,
                       uint64_t seed, size_t k, size_t offset) {
  return absl::StrCat(given[(seed + 7 * k) % given.size()], " ",
                      family[(seed / 7 + 5 * k + offset) % family.size()]);
}

void AddSitting(const ProcessSpec& spec, const RoundSpec& round, const DelegationSpec& delegation,
                const Sitting& sitting, std::vector<SampleSeat>& out) {
  SampleSeat base;
  base.process_id = spec.id;
  base.round_id = round.id;
  base.round_display_name = round.display_name;
  base.round_start_date = round.start_date;
  base.delegation_id = delegation.id;
  base.delegation_display_name = delegation.display_name;
  base.kind = delegation.kind;
  if (sitting.seats.empty()) {
    out.push_back(base);
    return;
  }
  const uint64_t seed = Seed(spec.id, delegation.id);
  size_t women = 0;
  size_t men = 0;
  for (const Seats& seats : sitting.seats) {
    const auto add = [&](Member::Gender gender, std::string name) {
      SampleSeat& seat = out.emplace_back(base);
      seat.member = std::move(name);
      seat.gender = gender;
      seat.role = seats.role;
    };
    for (int i = 0; i < seats.women; ++i) {
      add(Member::WOMAN, PersonName(spec.names.women, spec.names.family, seed, women++, 0));
    }
    for (int i = 0; i < seats.men; ++i) {
      add(Member::MAN, PersonName(spec.names.men, spec.names.family, seed, men++, 3));
    }
    // Withheld for their safety: neither name nor gender.
    for (int i = 0; i < seats.undisclosed; ++i) add(Member::UNDISCLOSED, "");
  }
}

template <typename T>
const T& Find(const std::vector<T>& items, absl::string_view id) {
  for (const T& item : items) {
    if (item.id == id) return item;
  }
  return items.front();  // the tables above name only what they define
}

std::vector<SampleSeat> BuildSeats() {
  std::vector<SampleSeat> seats;
  for (const ProcessSpec& spec : {Sudan(), Yemen(), Colombia()}) {
    for (const Sitting& sitting : spec.sittings) {
      AddSitting(spec, Find(spec.rounds, sitting.round), Find(spec.delegations, sitting.delegation),
                 sitting, seats);
    }
  }
  return seats;
}

}  // namespace

const std::vector<PeaceProcess>& SampleBalanceProcesses() {
  static const auto* processes = new std::vector<PeaceProcess>{
      // As run.sh creates it.
      [] {
        PeaceProcess sudan = Process("sudan-sample", "Sudan talks (sample)", {"SD"}, {"ar", "en"},
                                     {"ceasefire-security-arrangements", "power-sharing"});
        sudan.add_parties()->set_display_name("Party A");
        sudan.mutable_parties(0)->add_nationalities("SD");
        return sudan;
      }(),
      Process("yemen-sample", "Yemen consultations (sample)", {"YE"}, {"ar", "en"},
              {"humanitarian-access", "ceasefire-security-arrangements"}),
      Process("colombia-sample", "Colombia peace dialogue (sample)", {"CO"}, {"es"},
              {"transitional-justice", "ddr", "land"}),
  };
  return *processes;
}

const std::vector<SampleSeat>& SampleBalanceSeats() {
  static const auto* seats = new std::vector<SampleSeat>(BuildSeats());
  return *seats;
}

}  // namespace wps::sample
