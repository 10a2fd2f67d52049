// Fictional but realistic roster data for the demo, the tests and the benchmarks: the six regional
// networks of the Global Alliance and generated mediators spread across them, with the
// distributions a real roster shows (mostly a few languages at high levels, expertise clustered by
// region, experience skewed to 5-25 years, some limited or unavailable, a minority consenting to
// share with all partners).
//
// Deterministic: the same count and seed give the same records on every machine. Thread-compatible.
#ifndef WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_H_
#define WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "wps/roster/v1/resources.pb.h"

namespace wps::sample {

// Nordic Women Mediators (nordic), FemWise-Africa (femwise-africa), the Mediterranean Women
// Mediators Network (mwmn), Women Mediators across the Commonwealth (wmc), the Arab Women Mediators
// Network (arab-women-mediators) and the Southeast Asian Network of Women Peace Negotiators and
// Mediators (sean-wpnm), each with name "networks/{id}", display name and chapter countries.
const std::vector<roster::v1::Network>& GlobalAllianceNetworks();

// `text` folded to lower-case ASCII for an id: Latin letters lose their diacritics ("ð" -> "d",
// "ø" -> "o", "Þ" -> "th", "ễ" -> "e"), every run of other characters (spaces, hyphens,
// apostrophes) becomes one "-", with none at either end; unknown scripts are dropped.
// AsciiSlug("Sigurðardóttir") == "sigurdardottir", AsciiSlug("O'Brien") == "o-brien".
std::string AsciiSlug(absl::string_view text);

// Yields mediators one at a time. Each record is valid per ValidateMediator for its network, has a
// unique id, and carries every CSV column (no display_name, contact_release or output-only fields).
class SampleRosterGenerator {
 public:
  explicit SampleRosterGenerator(uint64_t seed);
  roster::v1::Mediator Next();

 private:
  std::mt19937_64 random_;
  uint64_t sequence_ = 0;
  // Mixed into the id suffixes so that samples of different seeds seldom share ids.
  uint64_t id_offset_;
};

}  // namespace wps::sample

#endif  // WPS_CLIENTS_SAMPLE_SAMPLE_ROSTER_H_
