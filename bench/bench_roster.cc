#include "bench/bench_roster.h"

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <random>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "clients/sample/sample_roster.h"
#include "services/common/resource_names.h"
#include "services/common/vocabularies.h"
#include "storage/mediator_store.h"
#include "storage/network_store.h"
#include "storage/store.h"

namespace wps::bench {
namespace {

using ::wps::matching::v1::ShortlistRequest;

constexpr int kWriteBatch = 4000;
constexpr const char* kCountries[] = {"SD", "SS", "ET", "SO", "LY", "YE", "SY", "ML", "CD", "CF", "MZ",
                                      "AF", "MM", "CO", "UA", "GE", "KE", "NG", "BF", "IQ", "LB", "PS"};
constexpr const char* kLanguages[] = {"ar", "en", "fr", "es", "ru", "pt", "sw", "it"};
constexpr const char* kRoles[] = {"mediator", "facilitator", "adviser", "gender-adviser"};

std::string BenchDataRoot() {
  const char* root = std::getenv("WPS_BENCH_DATA");
  return root != nullptr ? root : "build/bench-data";
}

absl::Status WriteNetworks(storage::Store& store) {
  storage::NetworkStore networks(store);
  for (const roster::v1::Network& network : sample::GlobalAllianceNetworks()) {
    absl::StatusOr<roster::v1::Network> created = networks.Create(network);
    if (!created.ok() && !absl::IsAlreadyExists(created.status())) return created.status();
  }
  return absl::OkStatus();
}

// Writes `count` generated profiles into a store in `dir`, each passed through `shape` first.
absl::Status WriteRoster(const std::string& dir, int count,
                         const std::function<void(roster::v1::Mediator&)>& shape) {
  WPS_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                       storage::Store::Open(storage::StoreOptions{dir, /*sync_writes=*/false}));
  WPS_RETURN_IF_ERROR(WriteNetworks(*store));
  storage::MediatorStore mediators(*store);
  sample::SampleRosterGenerator generator(kRosterSeed);
  std::vector<roster::v1::Mediator> batch;
  for (int written = 0; written < count;) {
    batch.clear();
    for (int i = 0; i < kWriteBatch && written < count; ++i, ++written) {
      batch.push_back(generator.Next());
      shape(batch.back());
    }
    WPS_RETURN_IF_ERROR(mediators
                            .UpsertAll(absl::MakeSpan(batch), [](const roster::v1::Mediator*,
                                                                  roster::v1::Mediator&) {})
                            .status());
    if (written % 100000 == 0) std::cerr << "  generated " << written << " of " << count << " profiles\n";
  }
  return absl::OkStatus();
}

// `dir` holding a roster written by WriteRoster(count, shape), written on first use.
absl::StatusOr<std::string> CachedRosterDir(const std::string& dir, int count,
                                            const std::function<void(roster::v1::Mediator&)>& shape) {
  const std::string done_marker = dir + "/.complete";
  if (std::filesystem::exists(done_marker)) return dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::cerr << "writing a generated roster of " << count << " profiles to " << dir << " (once)\n";
  WPS_RETURN_IF_ERROR(WriteRoster(dir, count, shape));
  std::ofstream(done_marker) << count << "\n";
  return dir;
}

template <typename T, size_t N>
const char* Pick(std::mt19937_64& random, const T (&values)[N]) {
  return values[std::uniform_int_distribution<size_t>(0, N - 1)(random)];
}

int Between(std::mt19937_64& random, int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(random);
}

template <typename Repeated, typename Draw>
void AddDistinct(Repeated& field, int n, Draw draw) {
  for (int tries = 0; field.size() < n && tries < 50; ++tries) {
    std::string value = draw();
    if (std::find(field.begin(), field.end(), value) == field.end()) *field.Add() = std::move(value);
  }
}

std::string RandomExpertise(std::mt19937_64& random) {
  const auto terms = vocab::ExpertiseTerms();
  return std::string(terms[std::uniform_int_distribution<size_t>(0, terms.size() - 1)(random)]);
}

void AddBroadPart(std::mt19937_64& random, ShortlistRequest& request) {
  AddDistinct(*request.mutable_process_countries(), Between(random, 1, 2),
              [&] { return std::string(Pick(random, kCountries)); });
  AddDistinct(*request.mutable_preferred_languages(), Between(random, 1, 3),
              [&] { return std::string(Pick(random, kLanguages)); });
  AddDistinct(*request.mutable_preferred_expertise(), Between(random, 0, 3), [&] { return RandomExpertise(random); });
}

void AddMediumPart(std::mt19937_64& random, ShortlistRequest& request) {
  auto* language = request.add_required_languages();
  language->set_code(Between(random, 0, 1) ? "en" : Pick(random, kLanguages));
  language->set_min_level(Between(random, 0, 1) ? type::LANGUAGE_LEVEL_B2 : type::LANGUAGE_LEVEL_C1);
  if (Between(random, 0, 1)) request.set_role(Pick(random, kRoles));
  if (Between(random, 0, 2) == 0) request.set_max_per_network(2);
  if (Between(random, 0, 1)) {
    const int month = Between(random, 1, 11);
    request.mutable_window()->set_start(absl::StrCat("2027-", month < 10 ? "0" : "", month, "-01"));
    request.mutable_window()->set_end(absl::StrCat("2027-", month < 9 ? "0" : "", month + 1, "-15"));
  }
}

void AddSelectivePart(std::mt19937_64& random, ShortlistRequest& request) {
  auto* second = request.add_required_languages();
  second->set_code(request.required_languages(0).code() == "ar" ? "fr" : "ar");
  second->set_min_level(type::LANGUAGE_LEVEL_B1);
  AddDistinct(*request.mutable_required_expertise(), Between(random, 1, 2), [&] { return RandomExpertise(random); });
  *request.add_exclude_nationalities() = request.process_countries(0);
  const auto& networks = sample::GlobalAllianceNetworks();
  AddDistinct(*request.mutable_networks(), Between(random, 1, 3), [&] {
    return std::string(networks[Between(random, 0, static_cast<int>(networks.size()) - 1)].name()).substr(9);
  });
}

}  // namespace

absl::StatusOr<std::string> GeneratedRosterDir(int count) {
  return CachedRosterDir(absl::StrCat(BenchDataRoot(), "/roster-", count, "-seed-", kRosterSeed), count,
                         [](roster::v1::Mediator& record) { record.set_origin_network(record.network()); });
}

// The first chapter of the sample network `network`; empty for another network.
std::string ChapterOf(const std::string& network) {
  for (const roster::v1::Network& sample : sample::GlobalAllianceNetworks()) {
    if (sample.name() == "networks/" + network && !sample.chapters().empty()) return sample.chapters(0);
  }
  return "";
}

absl::StatusOr<std::string> GeneratedNetworkRosterDir(int count, const std::string& network) {
  return CachedRosterDir(
      absl::StrCat(BenchDataRoot(), "/", network, "-roster-", count, "-seed-", kRosterSeed), count,
      [&network, chapter = ChapterOf(network)](roster::v1::Mediator& record) {
        const std::string id = record.name().substr(record.name().rfind('/') + 1);
        record.set_name(absl::StrCat("networks/", network, "/mediators/", id));
        record.set_network(network);
        record.set_chapter(chapter);  // valid for her new network, so that updates validate
        record.set_origin_network(network);
        record.mutable_consent()->Clear();
        record.mutable_consent()->set_share_all(true);
      });
}

std::vector<ShortlistRequest> GenerateShortlistRequests(int count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<ShortlistRequest> requests;
  for (int i = 0; i < count; ++i) {
    ShortlistRequest request;
    AddBroadPart(random, request);
    const int selectivity = Between(random, 0, 99);
    if (selectivity >= 40) AddMediumPart(random, request);
    if (selectivity >= 75) AddSelectivePart(random, request);
    const int counts[] = {10, 10, 10, 20, 50, 100};
    request.set_count(counts[Between(random, 0, 5)]);
    requests.push_back(std::move(request));
  }
  return requests;
}

std::unique_ptr<storage::Store> OpenStoreOrSkip(const absl::StatusOr<std::string>& dir,
                                                benchmark::State& state) {
  if (!dir.ok()) {
    state.SkipWithError(dir.status().ToString().c_str());
    return nullptr;
  }
  absl::StatusOr<std::unique_ptr<storage::Store>> store = storage::Store::Open(storage::StoreOptions{*dir});
  if (!store.ok()) {
    state.SkipWithError(store.status().ToString().c_str());
    return nullptr;
  }
  return *std::move(store);
}

}  // namespace wps::bench
