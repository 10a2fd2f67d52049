// A MediatorSearch over a real RocksDB store in a temp dir, its IndexFollower, and a Roster to write
// records through the same validation the service applies; with three networks and helpers to write
// records and to page through results.
#ifndef WPS_TESTS_SERVICES_SEARCH_SEARCH_FIXTURE_H_
#define WPS_TESTS_SERVICES_SEARCH_SEARCH_FIXTURE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/caller.h"
#include "services/common/field_violations.h"
#include "services/roster/roster.h"
#include "services/search/index_follower.h"
#include "services/search/mediator_search.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace wps::search {

namespace rv1 = ::wps::roster::v1;

// The id of a mediator (the last segment of its name).
inline std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

inline std::vector<std::string> IdsOf(const rv1::SearchMediatorsResponse& response) {
  std::vector<std::string> ids;
  for (const rv1::Mediator& m : response.mediators()) ids.push_back(IdOf(m.name()));
  return ids;
}

// The fields of the violations `status` carries.
inline std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

inline rv1::Mediator Person(const std::string& given_name, const std::string& family_name,
                            const std::string& bio = "") {
  rv1::Mediator m;
  m.set_given_name(given_name);
  m.set_family_name(family_name);
  m.set_bio(bio);
  return m;
}

inline void AddLanguage(rv1::Mediator& m, const std::string& code, type::LanguageLevel level) {
  auto* skill = m.add_languages();
  skill->set_code(code);
  skill->set_level(level);
}

class SearchFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.data_dir = dir_.Join("db");
    absl::StatusOr<std::unique_ptr<storage::Store>> store = storage::Store::Open(options);
    ASSERT_OK(store.status());
    store_ = *std::move(store);
    roster_ = std::make_unique<roster::Roster>(*store_, roster::RosterOptions{});
    for (const char* network : {"nordic", "femwise-africa", "arab-women-mediators"}) {
      rv1::CreateNetworkRequest request;
      request.set_network_id(network);
      request.mutable_network()->set_display_name(network);
      ASSERT_OK(roster_->CreateNetwork(caller_, request).status());
    }
    absl::StatusOr<std::unique_ptr<IndexFollower>> follower = IndexFollower::Start(*store_);
    ASSERT_OK(follower.status());
    follower_ = *std::move(follower);
    search_ = std::make_unique<MediatorSearch>(*store_, *follower_);
  }

  absl::StatusOr<rv1::Mediator> Create(const std::string& id, const rv1::Mediator& m,
                                       const std::string& network = "nordic") {
    rv1::CreateMediatorRequest request;
    request.set_parent(absl::StrCat("networks/", network));
    request.set_mediator_id(id);
    *request.mutable_mediator() = m;
    return roster_->CreateMediator(caller_, request);
  }

  // Creates `m` and fails the test when that fails.
  void MustCreate(const std::string& id, const rv1::Mediator& m, const std::string& network = "nordic") {
    absl::StatusOr<rv1::Mediator> created = Create(id, m, network);
    ASSERT_OK(created.status()) << id;
  }

  absl::StatusOr<rv1::SearchMediatorsResponse> Search(const rv1::SearchMediatorsRequest& request) const {
    return search_->Search(caller_, request);
  }

  // The ids of every result of `request`, paging by `page_size`; fails the test on an error.
  std::vector<std::string> SearchAllIds(rv1::SearchMediatorsRequest request, int page_size = 1000) const {
    std::vector<std::string> ids;
    request.set_page_size(page_size);
    for (int pages = 0; pages < 10000; ++pages) {
      absl::StatusOr<rv1::SearchMediatorsResponse> page = Search(request);
      EXPECT_OK(page.status());
      if (!page.ok()) break;
      for (const std::string& id : IdsOf(*page)) ids.push_back(id);
      if (page->next_page_token().empty()) break;
      request.set_page_token(page->next_page_token());
    }
    return ids;
  }

  std::vector<std::string> QueryIds(const std::string& query) const {
    rv1::SearchMediatorsRequest request;
    request.set_query(query);
    return SearchAllIds(request);
  }

  common::Caller caller_{"local", common::Role::kAdmin, "", "test"};
  wps::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<roster::Roster> roster_;
  std::unique_ptr<IndexFollower> follower_;
  std::unique_ptr<MediatorSearch> search_;
};

}  // namespace wps::search

#endif  // WPS_TESTS_SERVICES_SEARCH_SEARCH_FIXTURE_H_
