// MediatorSearch over a real store and index: free text (folding, transliteration, prefixes, ranking,
// AND), each filter, request validation, and read-your-writes.
#include "services/search/mediator_search.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/field_mask.pb.h"
#include "gtest/gtest.h"
#include "tests/services/search/search_fixture.h"

namespace wps::search {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::wps::testing::StatusIs;

class MediatorSearchTextTest : public SearchFixture {
 protected:
  void SetUp() override {
    SearchFixture::SetUp();
    MustCreate("ingrid", Person("Ingrid", "Sigurðardóttir", "Facilitated ceasefire talks in Khartoum."));
    MustCreate("lan-nguyen", Person("Lan", "Nguyen", "Dialogue facilitation in the Mekong delta."));
    MustCreate("thi-nguen", Person("Тхи", "Нгуен", "Переговоры и посредничество."), "femwise-africa");
    MustCreate("amal", Person("Amal", "Mohammed", "Negotiation support in Yemen."), "arab-women-mediators");
    MustCreate("zzz-hope", Person("Hope", "Mwangi", "Community dialogue in Kenya."), "femwise-africa");
    MustCreate("aaa-zainab", Person("Zainab", "Osman", "Brings hope to displaced women."), "femwise-africa");
    MustCreate("elena", Person("Elena", "Ruiz", "Experta en negociación y mediación."));
    MustCreate("marta", Person("Marta", "Gil", "Formadora en negociacion comunitaria."));
  }
};

TEST_F(MediatorSearchTextTest, CaseAndAccentsDoNotMatter) {
  EXPECT_THAT(QueryIds("sigurdardottir"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("SIGURÐARDÓTTIR"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("Sigurðardóttir"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("SigurDarDottir"), ElementsAre("ingrid"));
}

TEST_F(MediatorSearchTextTest, EachWordIsAPrefix) {
  EXPECT_THAT(QueryIds("sigur"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("Sigurð"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("ing sig"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("khart"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("sigurdardottirs"), IsEmpty());
}

TEST_F(MediatorSearchTextTest, ScriptsMeetThroughTransliteration) {
  // Russian BGN spells Нгуен "nguyen": each spelling finds both, in name order.
  EXPECT_THAT(QueryIds("Нгуен"), ElementsAre("thi-nguen", "lan-nguyen"));
  EXPECT_THAT(QueryIds("nguyen"), ElementsAre("thi-nguen", "lan-nguyen"));
  EXPECT_THAT(QueryIds("NGUYEN"), ElementsAre("thi-nguen", "lan-nguyen"));
  EXPECT_THAT(QueryIds("нгу"), ElementsAre("thi-nguen", "lan-nguyen"));
  // Arabic script for a name written in Latin, and another Latin spelling: by skeleton.
  EXPECT_THAT(QueryIds("محمد"), ElementsAre("amal"));
  EXPECT_THAT(QueryIds("Muhammad"), ElementsAre("amal"));
}

TEST_F(MediatorSearchTextTest, NameMatchesRankAboveBioMatches) {
  // "aaa-zainab" sorts first by name, but only her bio says "hope".
  EXPECT_THAT(QueryIds("hope"), ElementsAre("zzz-hope", "aaa-zainab"));
  EXPECT_THAT(QueryIds("HOPE"), ElementsAre("zzz-hope", "aaa-zainab"));
  // A word in a name and another in the bio: below a record whose names hold both.
  MustCreate("aab-hope-dialogue", Person("Hope", "Dialogue"), "nordic");
  EXPECT_THAT(QueryIds("hope dialogue"), ElementsAre("aab-hope-dialogue", "zzz-hope"));
}

TEST_F(MediatorSearchTextTest, EveryWordMustMatch) {
  EXPECT_THAT(QueryIds("ingrid khartoum"), ElementsAre("ingrid"));
  EXPECT_THAT(QueryIds("ingrid nguyen"), IsEmpty());
  EXPECT_THAT(QueryIds("lan mekong"), ElementsAre("lan-nguyen"));
  EXPECT_THAT(QueryIds("lan kenya"), IsEmpty());
  EXPECT_THAT(QueryIds("dialogue"), ElementsAre("zzz-hope", "lan-nguyen"));  // both via the bio, by name
}

TEST_F(MediatorSearchTextTest, AccentsInTheBioDoNotMatter) {
  EXPECT_THAT(QueryIds("negociacion"), ElementsAre("elena", "marta"));
  EXPECT_THAT(QueryIds("negociación"), ElementsAre("elena", "marta"));
  EXPECT_THAT(QueryIds("NEGOCIACIÓN mediacion"), ElementsAre("elena"));
}

TEST_F(MediatorSearchTextTest, AnEmptyOrSeparatorOnlyQueryMatchesEveryone) {
  EXPECT_EQ(QueryIds("").size(), 8u);
  EXPECT_EQ(QueryIds(" - , ").size(), 8u);
}

class MediatorSearchFilterTest : public SearchFixture {
 protected:
  void SetUp() override {
    SearchFixture::SetUp();
    rv1::Mediator ingrid = Person("Ingrid", "Lund");
    AddLanguage(ingrid, "sv", type::LANGUAGE_LEVEL_NATIVE);
    AddLanguage(ingrid, "en", type::LANGUAGE_LEVEL_C1);
    AddLanguage(ingrid, "ar", type::LANGUAGE_LEVEL_B1);
    ingrid.add_regions("SD");
    ingrid.add_expertise("ceasefire-security-arrangements");
    ingrid.add_expertise("power-sharing");
    ingrid.add_roles("mediator");
    ingrid.set_availability(rv1::LIMITED);
    MustCreate("ingrid", ingrid, "nordic");

    rv1::Mediator amina = Person("Amina", "Bello");
    AddLanguage(amina, "ha", type::LANGUAGE_LEVEL_NATIVE);
    AddLanguage(amina, "en", type::LANGUAGE_LEVEL_B2);
    AddLanguage(amina, "fr", type::LANGUAGE_LEVEL_A2);
    amina.add_regions("015");
    amina.add_expertise("elections");
    amina.add_roles("adviser");
    amina.add_roles("trainer");
    amina.set_availability(rv1::AVAILABLE);
    MustCreate("amina", amina, "femwise-africa");

    rv1::Mediator layla = Person("Layla", "Haddad");
    AddLanguage(layla, "ar", type::LANGUAGE_LEVEL_NATIVE);
    AddLanguage(layla, "en", type::LANGUAGE_LEVEL_C2);
    AddLanguage(layla, "fr", type::LANGUAGE_LEVEL_C1);
    layla.add_regions("EG");
    layla.add_regions("SD");
    layla.add_expertise("power-sharing");
    layla.add_expertise("transitional-justice");
    layla.add_roles("mediator");
    layla.add_roles("gender-adviser");
    layla.set_availability(rv1::UNAVAILABLE);
    MustCreate("layla", layla, "arab-women-mediators");

    rv1::Mediator sofia = Person("Sofia", "Restrepo");
    AddLanguage(sofia, "es", type::LANGUAGE_LEVEL_NATIVE);
    sofia.add_regions("CO");
    sofia.add_expertise("land");
    sofia.add_roles("facilitator");
    MustCreate("sofia", sofia, "nordic");  // availability defaults to AVAILABLE
  }

  static void Require(rv1::SearchMediatorsRequest& request, const std::string& code, type::LanguageLevel level) {
    auto* requirement = request.add_languages();
    requirement->set_code(code);
    requirement->set_min_level(level);
  }

  std::vector<std::string> Languages(std::vector<std::pair<std::string, type::LanguageLevel>> requirements) {
    rv1::SearchMediatorsRequest request;
    for (const auto& [code, level] : requirements) Require(request, code, level);
    return SearchAllIds(request);
  }

  template <typename Field>
  std::vector<std::string> AnyOf(Field field, std::vector<std::string> values) {
    rv1::SearchMediatorsRequest request;
    for (const std::string& value : values) (request.*field)()->Add(std::string(value));
    return SearchAllIds(request);
  }

  std::vector<std::string> Available(std::vector<rv1::Availability> values) {
    rv1::SearchMediatorsRequest request;
    for (rv1::Availability value : values) request.add_availability(value);
    return SearchAllIds(request);
  }

  using Strings = google::protobuf::RepeatedPtrField<std::string>* (rv1::SearchMediatorsRequest::*)();
  static constexpr Strings kRegions = &rv1::SearchMediatorsRequest::mutable_countries_or_regions;
  static constexpr Strings kExpertise = &rv1::SearchMediatorsRequest::mutable_expertise;
  static constexpr Strings kRoles = &rv1::SearchMediatorsRequest::mutable_roles;
  static constexpr Strings kNetworks = &rv1::SearchMediatorsRequest::mutable_networks;
};

TEST_F(MediatorSearchFilterTest, EachLanguageRequirementMustHoldAtItsMinimumLevel) {
  EXPECT_THAT(Languages({{"en", type::LANGUAGE_LEVEL_B2}}), UnorderedElementsAre("amina", "ingrid", "layla"));
  EXPECT_THAT(Languages({{"en", type::LANGUAGE_LEVEL_C1}}), UnorderedElementsAre("ingrid", "layla"));
  EXPECT_THAT(Languages({{"en", type::LANGUAGE_LEVEL_NATIVE}}), IsEmpty());
  EXPECT_THAT(Languages({{"ar", type::LANGUAGE_LEVEL_UNSPECIFIED}}), UnorderedElementsAre("ingrid", "layla"));
  EXPECT_THAT(Languages({{"ar", type::LANGUAGE_LEVEL_B2}}), UnorderedElementsAre("layla"));
  EXPECT_THAT(Languages({{"en", type::LANGUAGE_LEVEL_C1}, {"fr", type::LANGUAGE_LEVEL_A1}}), UnorderedElementsAre("layla"));
  EXPECT_THAT(Languages({{"en", type::LANGUAGE_LEVEL_A1}, {"fr", type::LANGUAGE_LEVEL_A1}}),
              UnorderedElementsAre("amina", "layla"));
  EXPECT_THAT(Languages({{"es", type::LANGUAGE_LEVEL_A1}, {"en", type::LANGUAGE_LEVEL_A1}}), IsEmpty());
  EXPECT_THAT(Languages({{"zu", type::LANGUAGE_LEVEL_A1}}), IsEmpty());
}

TEST_F(MediatorSearchFilterTest, RegionsMatchPlacesInsideTheRequestedArea) {
  EXPECT_THAT(AnyOf(kRegions, {"015"}), UnorderedElementsAre("amina", "ingrid", "layla"));
  EXPECT_THAT(AnyOf(kRegions, {"SD"}), UnorderedElementsAre("ingrid", "layla"));  // not amina, listed on 015 only
  EXPECT_THAT(AnyOf(kRegions, {"002"}), UnorderedElementsAre("amina", "ingrid", "layla"));
  // Colombia's containment chain runs through South America (005) and the Americas (019).
  EXPECT_THAT(AnyOf(kRegions, {"005"}), UnorderedElementsAre("sofia"));
  EXPECT_THAT(AnyOf(kRegions, {"019"}), UnorderedElementsAre("sofia"));
  // Groupings off the chain count too: Latin America (419) holds Colombia.
  EXPECT_THAT(AnyOf(kRegions, {"419"}), UnorderedElementsAre("sofia"));
  EXPECT_THAT(AnyOf(kRegions, {"EG", "CO"}), UnorderedElementsAre("layla", "sofia"));
  EXPECT_THAT(AnyOf(kRegions, {"001"}), UnorderedElementsAre("amina", "ingrid", "layla", "sofia"));
  EXPECT_THAT(AnyOf(kRegions, {"KE"}), IsEmpty());
}

TEST_F(MediatorSearchFilterTest, TermFiltersMatchAnyOfTheirValues) {
  EXPECT_THAT(AnyOf(kExpertise, {"power-sharing"}), UnorderedElementsAre("ingrid", "layla"));
  EXPECT_THAT(AnyOf(kExpertise, {"land", "elections"}), UnorderedElementsAre("amina", "sofia"));
  EXPECT_THAT(AnyOf(kExpertise, {"crsv"}), IsEmpty());
  EXPECT_THAT(AnyOf(kRoles, {"mediator"}), UnorderedElementsAre("ingrid", "layla"));
  EXPECT_THAT(AnyOf(kRoles, {"trainer", "facilitator"}), UnorderedElementsAre("amina", "sofia"));
  EXPECT_THAT(Available({rv1::AVAILABLE}), UnorderedElementsAre("amina", "sofia"));
  EXPECT_THAT(Available({rv1::LIMITED, rv1::UNAVAILABLE}), UnorderedElementsAre("ingrid", "layla"));
}

TEST_F(MediatorSearchFilterTest, NetworksAreGivenByIdOrName) {
  EXPECT_THAT(AnyOf(kNetworks, {"nordic"}), UnorderedElementsAre("ingrid", "sofia"));
  EXPECT_THAT(AnyOf(kNetworks, {"networks/nordic"}), UnorderedElementsAre("ingrid", "sofia"));
  EXPECT_THAT(AnyOf(kNetworks, {"femwise-africa", "networks/arab-women-mediators"}),
              UnorderedElementsAre("amina", "layla"));
  EXPECT_THAT(AnyOf(kNetworks, {"no-such-network"}), IsEmpty());
}

TEST_F(MediatorSearchFilterTest, FiltersCombineWithEachOtherAndTheQuery) {
  rv1::SearchMediatorsRequest request;
  Require(request, "en", type::LANGUAGE_LEVEL_B2);
  request.add_countries_or_regions("SD");
  request.add_roles("mediator");
  request.add_availability(rv1::AVAILABLE);
  request.add_availability(rv1::LIMITED);
  EXPECT_THAT(SearchAllIds(request), ElementsAre("ingrid"));
  request.set_query("layla");
  EXPECT_THAT(SearchAllIds(request), IsEmpty());
  request.set_query("ingrid");
  EXPECT_THAT(SearchAllIds(request), ElementsAre("ingrid"));
}

TEST_F(MediatorSearchFilterTest, UnknownValuesAreFieldViolations) {
  rv1::SearchMediatorsRequest request;
  Require(request, "english", type::LANGUAGE_LEVEL_B2);
  Require(request, "fr", static_cast<type::LanguageLevel>(42));
  request.add_countries_or_regions("SD");
  request.add_countries_or_regions("XX");
  request.add_countries_or_regions("999");
  request.add_expertise("cooking");
  request.add_roles("king");
  request.add_networks("Nordic!");
  request.add_availability(rv1::AVAILABILITY_UNSPECIFIED);
  request.add_availability(static_cast<rv1::Availability>(42));
  request.add_facets("languages");
  request.add_facets("colour");

  absl::StatusOr<rv1::SearchMediatorsResponse> response = Search(request);
  EXPECT_THAT(response, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(response.status()),
              UnorderedElementsAre("languages[0].code", "languages[1].min_level", "countries_or_regions[1]",
                                   "countries_or_regions[2]", "expertise[0]", "roles[0]", "networks[0]",
                                   "availability[0]", "availability[1]", "facets[1]"));
}

TEST_F(MediatorSearchFilterTest, EachBadFieldAloneIsRejected) {
  const std::vector<std::pair<std::string, std::function<void(rv1::SearchMediatorsRequest&)>>> cases = {
      {"languages[0].code", [](auto& r) { Require(r, "EN", type::LANGUAGE_LEVEL_A1); }},
      {"countries_or_regions[0]", [](auto& r) { r.add_countries_or_regions("sd"); }},
      {"expertise[0]", [](auto& r) { r.add_expertise("Power-Sharing"); }},
      {"roles[0]", [](auto& r) { r.add_roles("queen"); }},
      {"facets[0]", [](auto& r) { r.add_facets("years"); }},
      {"availability[0]", [](auto& r) { r.add_availability(rv1::AVAILABILITY_UNSPECIFIED); }},
      {"networks[0]", [](auto& r) { r.add_networks("networks/"); }},
  };
  for (const auto& [field, fill] : cases) {
    rv1::SearchMediatorsRequest request;
    fill(request);
    absl::StatusOr<rv1::SearchMediatorsResponse> response = Search(request);
    EXPECT_THAT(response, StatusIs(absl::StatusCode::kInvalidArgument)) << field;
    EXPECT_THAT(ViolatedFields(response.status()), ElementsAre(field));
  }
  rv1::SearchMediatorsRequest negative;
  negative.set_page_size(-1);
  EXPECT_THAT(Search(negative), StatusIs(absl::StatusCode::kInvalidArgument));
  rv1::SearchMediatorsRequest garbage;
  garbage.set_page_token("not-a-token");
  EXPECT_THAT(Search(garbage), StatusIs(absl::StatusCode::kInvalidArgument));
  rv1::SearchMediatorsRequest long_query;
  long_query.set_query(std::string(kMaxQueryLength + 1, 'a'));
  EXPECT_THAT(Search(long_query), StatusIs(absl::StatusCode::kInvalidArgument));
}

class MediatorSearchReadYourWritesTest : public SearchFixture {
 protected:
  absl::StatusOr<rv1::Mediator> UpdateBio(const std::string& name, const std::string& bio) {
    rv1::UpdateMediatorRequest request;
    request.mutable_mediator()->set_name(name);
    request.mutable_mediator()->set_bio(bio);
    request.mutable_update_mask()->add_paths("bio");
    return roster_->UpdateMediator(caller_, request);
  }
};

TEST_F(MediatorSearchReadYourWritesTest, ACreatedRecordIsFoundAtOnce) {
  for (int i = 0; i < 20; ++i) {
    const std::string id = absl::StrCat("astrid-", i);
    MustCreate(id, Person("Astrid", absl::StrCat("Quennerstedt", i)));
    EXPECT_THAT(QueryIds(absl::StrCat("quennerstedt", i)), ElementsAre(id));
  }
}

TEST_F(MediatorSearchReadYourWritesTest, UpdatesDeletesAndUndeletesAreFoundAtOnce) {
  MustCreate("astrid", Person("Astrid", "Lind", "Works on fisheries."));
  const std::string name = "networks/nordic/mediators/astrid";
  for (int i = 0; i < 10; ++i) {
    const std::string word = absl::StrCat("topic", i, "x");
    ASSERT_OK(UpdateBio(name, absl::StrCat("Works on ", word, ".")).status());
    EXPECT_THAT(QueryIds(word), ElementsAre("astrid")) << word;
    EXPECT_THAT(QueryIds("fisheries"), IsEmpty());
  }

  rv1::UpdateMediatorRequest update;
  update.mutable_mediator()->set_name(name);
  update.mutable_mediator()->add_expertise("land");
  update.mutable_update_mask()->add_paths("expertise");
  ASSERT_OK(roster_->UpdateMediator(caller_, update).status());
  rv1::SearchMediatorsRequest by_expertise;
  by_expertise.add_expertise("land");
  EXPECT_THAT(SearchAllIds(by_expertise), ElementsAre("astrid"));

  rv1::DeleteMediatorRequest remove;
  remove.set_name(name);
  ASSERT_OK(roster_->DeleteMediator(caller_, remove).status());
  EXPECT_THAT(QueryIds("astrid"), IsEmpty());
  EXPECT_THAT(SearchAllIds(by_expertise), IsEmpty());

  rv1::UndeleteMediatorRequest restore;
  restore.set_name(name);
  ASSERT_OK(roster_->UndeleteMediator(caller_, restore).status());
  EXPECT_THAT(QueryIds("astrid"), ElementsAre("astrid"));
  EXPECT_THAT(SearchAllIds(by_expertise), ElementsAre("astrid"));
}

}  // namespace
}  // namespace wps::search
