// RenderTrendSvg checked as a document: parsed by a small well-formedness checker (tags balanced
// and properly nested, attributes quoted and unique, entities valid, one root), then the series,
// target line, gridlines and legend read from the parsed elements.
#include "clients/wpsctl/balance_chart.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace wps::wpsctl {
namespace {

using balance::v1::BalanceTrend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// ---- A minimal XML well-formedness checker ----

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;  // values with entities decoded
  std::string text;                               // its own character data, decoded
  int parent = -1;
};

class XmlChecker {
 public:
  explicit XmlChecker(absl::string_view xml) : xml_(xml) {}

  // Every element in document order. INVALID_ARGUMENT at the first flaw, naming its offset.
  absl::StatusOr<std::vector<Element>> Parse() {
    if (absl::StartsWith(xml_, "<?xml")) {
      const size_t end = xml_.find("?>");
      if (end == absl::string_view::npos) return Error("unclosed XML declaration");
      pos_ = end + 2;
    }
    while (pos_ < xml_.size()) {
      if (xml_[pos_] != '<') {
        if (absl::Status s = Text(); !s.ok()) return s;
      } else if (xml_.substr(pos_, 4) == "<!--") {
        const size_t end = xml_.find("-->", pos_);
        if (end == absl::string_view::npos) return Error("unclosed comment");
        pos_ = end + 3;
      } else if (xml_.substr(pos_, 2) == "</") {
        if (absl::Status s = EndTag(); !s.ok()) return s;
      } else if (absl::Status s = StartTag(); !s.ok()) {
        return s;
      }
    }
    if (!open_.empty())
      return Error(absl::StrCat("<", elements_[open_.back()].name, "> not closed"));
    if (roots_ != 1) return Error(absl::StrCat(roots_, " root elements"));
    return elements_;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(what, " at offset ", pos_));
  }

  static bool IsNameChar(char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
           c == '.';
  }

  std::string Name() {
    const size_t start = pos_;
    while (pos_ < xml_.size() && IsNameChar(xml_[pos_])) ++pos_;
    return std::string(xml_.substr(start, pos_ - start));
  }

  void SkipSpace() {
    while (pos_ < xml_.size() && absl::ascii_isspace(static_cast<unsigned char>(xml_[pos_]))) {
      ++pos_;
    }
  }

  // Decodes `raw` (text or an attribute value): no '<', every '&' a known or numeric entity.
  absl::StatusOr<std::string> Decode(absl::string_view raw) const {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '<') return Error("'<' in character data");
      if (static_cast<unsigned char>(raw[i]) < 0x20 && raw[i] != '\t' && raw[i] != '\n' &&
          raw[i] != '\r') {
        return Error("control character");
      }
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const size_t semi = raw.find(';', i);
      if (semi == absl::string_view::npos) return Error("'&' without ';'");
      const absl::string_view entity = raw.substr(i + 1, semi - i - 1);
      static const std::map<std::string, std::string> kEntities = {
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
      uint32_t code = 0;
      if (kEntities.count(std::string(entity)) > 0) {
        out += kEntities.at(std::string(entity));
      } else if (absl::StartsWith(entity, "#x") && absl::SimpleHexAtoi(entity.substr(2), &code)) {
        out += '?';
      } else if (absl::StartsWith(entity, "#") && absl::SimpleAtoi(entity.substr(1), &code)) {
        out += '?';
      } else {
        return Error(absl::StrCat("unknown entity &", entity, ";"));
      }
      i = semi;
    }
    return out;
  }

  absl::Status Text() {
    const size_t end = std::min(xml_.find('<', pos_), xml_.size());
    const absl::string_view raw = xml_.substr(pos_, end - pos_);
    absl::StatusOr<std::string> text = Decode(raw);
    if (!text.ok()) return text.status();
    if (open_.empty()) {
      if (!absl::StripAsciiWhitespace(raw).empty()) return Error("text outside the root");
    } else {
      elements_[open_.back()].text += *text;
    }
    pos_ = end;
    return absl::OkStatus();
  }

  absl::Status StartTag() {
    ++pos_;
    Element element;
    element.name = Name();
    if (element.name.empty()) return Error("'<' without a tag name");
    while (true) {
      const size_t before = pos_;
      SkipSpace();
      if (pos_ >= xml_.size()) return Error("unclosed start tag");
      if (xml_[pos_] == '>' || xml_.substr(pos_, 2) == "/>") break;
      if (pos_ == before) return Error("attributes not separated by space");
      const std::string name = Name();
      if (name.empty()) return Error("bad attribute name");
      SkipSpace();
      if (pos_ >= xml_.size() || xml_[pos_] != '=') return Error("attribute without '='");
      ++pos_;
      SkipSpace();
      const char quote = pos_ < xml_.size() ? xml_[pos_] : '\0';
      if (quote != '"' && quote != '\'') return Error("unquoted attribute value");
      const size_t close = xml_.find(quote, pos_ + 1);
      if (close == absl::string_view::npos) return Error("unclosed attribute value");
      absl::StatusOr<std::string> value = Decode(xml_.substr(pos_ + 1, close - pos_ - 1));
      if (!value.ok()) return value.status();
      if (!element.attributes.emplace(name, *value).second) return Error("repeated attribute");
      pos_ = close + 1;
    }
    const bool empty = xml_[pos_] == '/';
    pos_ += empty ? 2 : 1;
    if (open_.empty()) {
      if (++roots_ > 1) return Error("a second root element");
    } else {
      element.parent = open_.back();
    }
    elements_.push_back(std::move(element));
    if (!empty) open_.push_back(static_cast<int>(elements_.size()) - 1);
    return absl::OkStatus();
  }

  absl::Status EndTag() {
    pos_ += 2;
    const std::string name = Name();
    SkipSpace();
    if (pos_ >= xml_.size() || xml_[pos_] != '>') return Error("bad end tag");
    ++pos_;
    if (open_.empty() || elements_[open_.back()].name != name) {
      return Error(absl::StrCat("</", name, "> does not close the open element"));
    }
    open_.pop_back();
    return absl::OkStatus();
  }

  absl::string_view xml_;
  size_t pos_ = 0;
  std::vector<Element> elements_;
  std::vector<int> open_;
  int roots_ = 0;
};

TEST(XmlCheckerTest, RejectsWhatIsNotWellFormed) {
  for (const char* bad : {"<a><b></a></b>", "<a>", "<a x=1/>", "<a x='1' x='2'/>", "<a>&nbsp;</a>",
                          "<a>x & y</a>", "<a/><b/>", "<a>1 < 2</a>", "text<a/>"}) {
    EXPECT_FALSE(XmlChecker(bad).Parse().ok()) << bad;
  }
  ASSERT_OK_AND_ASSIGN(
      const std::vector<Element> elements,
      XmlChecker("<?xml version=\"1.0\"?>\n<a k=\"A &amp; B\"><b>x &lt; y</b></a>").Parse());
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[0].attributes.at("k"), "A & B");
  EXPECT_EQ(elements[1].text, "x < y");
  EXPECT_EQ(elements[1].parent, 0);
}

// ---- The chart ----

template <typename M>
M ParseText(const std::string& text) {
  M message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

// Three rounds. "a-and-b" ("A & B") sits in all three but has no members at r2 (a gap); "gov"
// sits only at r1 and r3 (a gap too); the overall share is 0.5 at r2.
BalanceTrend ThreeRounds() {
  return ParseText<BalanceTrend>(R"pb(
    process: "processes/sudan"
    target: 0.3
    points {
      round: "processes/sudan/rounds/r1"
      round_display_name: "Jeddah <I>"
      start_date: "2025-05-06"
      delegations {
        delegation: "processes/sudan/rounds/r1/delegations/a-and-b"
        display_name: "A & B"
        members: 4
        women: 1
        women_share: 0.25
      }
      delegations {
        delegation: "processes/sudan/rounds/r1/delegations/gov"
        display_name: "Government"
        members: 10
        women: 1
        women_share: 0.1
      }
      overall { members: 14 women: 2 women_share: 0.1428571 }
    }
    points {
      round: "processes/sudan/rounds/r2"
      start_date: "2025-08-12"
      delegations {
        delegation: "processes/sudan/rounds/r2/delegations/a-and-b"
        display_name: "A & B"
        flags: NO_MEMBERS
      }
      delegations {
        delegation: "processes/sudan/rounds/r2/delegations/bloc"
        display_name: "Bloc"
        members: 2
        women: 1
        women_share: 0.5
      }
      overall { members: 2 women: 1 women_share: 0.5 }
    }
    points {
      round: "processes/sudan/rounds/r3"
      round_display_name: "Geneva"
      start_date: "2025-11-18"
      delegations {
        delegation: "processes/sudan/rounds/r3/delegations/a-and-b"
        display_name: "A & B"
        members: 4
        women: 2
        women_share: 0.5
      }
      delegations {
        delegation: "processes/sudan/rounds/r3/delegations/gov"
        display_name: "Government"
        members: 10
        women: 0
        women_share: 0
      }
      overall { members: 14 women: 2 women_share: 0.1428571 }
    }
  )pb");
}

bool HasClass(const Element& e, absl::string_view css_class) {
  const auto it = e.attributes.find("class");
  if (it == e.attributes.end()) return false;
  for (absl::string_view word : absl::StrSplit(it->second, ' ')) {
    if (word == css_class) return true;
  }
  return false;
}

std::vector<const Element*> WithClass(const std::vector<Element>& elements,
                                      absl::string_view css_class) {
  std::vector<const Element*> found;
  for (const Element& e : elements) {
    if (HasClass(e, css_class)) found.push_back(&e);
  }
  return found;
}

// The children of elements[parent] named `name`.
std::vector<const Element*> ChildrenNamed(const std::vector<Element>& elements, int parent,
                                          absl::string_view name) {
  std::vector<const Element*> found;
  for (const Element& e : elements) {
    if (e.parent == parent && e.name == name) found.push_back(&e);
  }
  return found;
}

double Number(const Element& e, const std::string& attribute) {
  double value = 0;
  EXPECT_TRUE(absl::SimpleAtod(e.attributes.at(attribute), &value)) << attribute;
  return value;
}

// The y of the gridline whose tick reads `percent` ("30%"): each tick follows its gridline.
double GridlineY(const std::vector<Element>& elements, absl::string_view percent) {
  for (size_t i = 1; i < elements.size(); ++i) {
    if (HasClass(elements[i], "tick") && elements[i].text == percent) {
      EXPECT_TRUE(HasClass(elements[i - 1], "gridline"));
      return Number(elements[i - 1], "y1");
    }
  }
  ADD_FAILURE() << "no tick " << percent;
  return -1;
}

int IndexOf(const std::vector<Element>& elements, const Element* e) {
  return static_cast<int>(e - elements.data());
}

class TrendSvgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TrendChartOptions options;
    options.title = "Sudan talks";
    svg_ = RenderTrendSvg(ThreeRounds(), options);
    absl::StatusOr<std::vector<Element>> parsed = XmlChecker(svg_).Parse();
    ASSERT_OK(parsed.status()) << svg_;
    elements_ = *std::move(parsed);
  }

  std::string svg_;
  std::vector<Element> elements_;
};

TEST_F(TrendSvgTest, IsAStandaloneSvgDocument) {
  EXPECT_THAT(svg_, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  EXPECT_EQ(elements_[0].name, "svg");
  EXPECT_EQ(elements_[0].attributes.at("xmlns"), "http://www.w3.org/2000/svg");
  EXPECT_EQ(WithClass(elements_, "title").at(0)->text, "Sudan talks");
}

TEST_F(TrendSvgTest, OneSeriesPerDelegationThenOverall) {
  const std::vector<const Element*> series = WithClass(elements_, "series");
  ASSERT_EQ(series.size(), 4u);  // a-and-b, bloc, gov, overall
  EXPECT_FALSE(HasClass(*series[0], "overall"));
  EXPECT_TRUE(HasClass(*series[3], "overall"));
  std::vector<std::string> titles;
  std::vector<std::string> colors;
  for (const Element* s : series) {
    const int index = IndexOf(elements_, s);
    titles.push_back(ChildrenNamed(elements_, index, "title").at(0)->text);
    colors.push_back(s->attributes.at("stroke"));
    EXPECT_EQ(ChildrenNamed(elements_, index, "path").size(), 1u) << titles.back();
  }
  EXPECT_THAT(titles, ElementsAre("A & B", "Bloc", "Government", "All delegations (overall)"));
  EXPECT_EQ(colors[3], "#000000");
  EXPECT_NE(colors[0], colors[1]);
  EXPECT_NE(colors[1], colors[2]);
  // The overall line is the thickest.
  const Element* overall_path = ChildrenNamed(elements_, IndexOf(elements_, series[3]), "path")[0];
  const Element* first_path = ChildrenNamed(elements_, IndexOf(elements_, series[0]), "path")[0];
  EXPECT_GT(Number(*overall_path, "stroke-width"), Number(*first_path, "stroke-width"));
}

TEST_F(TrendSvgTest, UnsetSharesAndAbsentRoundsBreakTheLine) {
  const std::vector<const Element*> series = WithClass(elements_, "series");
  const auto path_of = [&](int i) {
    return ChildrenNamed(elements_, IndexOf(elements_, series[i]), "path")[0]->attributes.at("d");
  };
  const auto moves = [](const std::string& d) { return std::count(d.begin(), d.end(), 'M'); };
  const auto lines = [](const std::string& d) { return std::count(d.begin(), d.end(), 'L'); };
  // A & B: r1, gap (no members), r3: two subpaths, no segment.
  EXPECT_EQ(moves(path_of(0)), 2);
  EXPECT_EQ(lines(path_of(0)), 0);
  // Government: r1, absent, r3.
  EXPECT_EQ(moves(path_of(2)), 2);
  // Overall: one unbroken line through three rounds.
  EXPECT_EQ(moves(path_of(3)), 1);
  EXPECT_EQ(lines(path_of(3)), 2);
  // A marker only where there is a share: A & B has two, Bloc one, overall three.
  const auto markers = [&](int i) {
    const int index = IndexOf(elements_, series[i]);
    return ChildrenNamed(elements_, index, "circle").size() +
           ChildrenNamed(elements_, index, "rect").size() +
           ChildrenNamed(elements_, index, "polygon").size();
  };
  EXPECT_EQ(markers(0), 2u);
  EXPECT_EQ(markers(1), 1u);
  EXPECT_EQ(markers(3), 3u);
}

TEST_F(TrendSvgTest, PointsAndTargetSitOnTheirGridlines) {
  const std::vector<const Element*> target = WithClass(elements_, "target");
  ASSERT_EQ(target.size(), 1u);
  EXPECT_DOUBLE_EQ(Number(*target[0], "y1"), GridlineY(elements_, "30%"));
  EXPECT_DOUBLE_EQ(Number(*target[0], "y2"), GridlineY(elements_, "30%"));
  EXPECT_EQ(WithClass(elements_, "target-label").at(0)->text, "target 30%");
  EXPECT_EQ(target[0]->attributes.at("stroke-dasharray"), "6 4");
  // The overall marker of r2 (50%) on the 50% gridline, below 100% and above 0%.
  const int overall = IndexOf(elements_, WithClass(elements_, "overall").at(0));
  const std::vector<const Element*> circles = ChildrenNamed(elements_, overall, "circle");
  ASSERT_EQ(circles.size(), 3u);
  EXPECT_DOUBLE_EQ(Number(*circles[1], "cy"), GridlineY(elements_, "50%"));
  EXPECT_LT(GridlineY(elements_, "100%"), GridlineY(elements_, "0%"));
  EXPECT_EQ(WithClass(elements_, "gridline").size(), 11u);
  // Rounds left to right, in order.
  EXPECT_LT(Number(*circles[0], "cx"), Number(*circles[1], "cx"));
  EXPECT_LT(Number(*circles[1], "cx"), Number(*circles[2], "cx"));
  // Each marker's tooltip gives its figures.
  EXPECT_EQ(ChildrenNamed(elements_, IndexOf(elements_, circles[1]), "title").at(0)->text,
            "All delegations (overall), r2 (2025-08-12): 50.0% (1 of 2 women)");
}

TEST_F(TrendSvgTest, LegendNamesEverySeriesAndTheTargetEscaped) {
  std::vector<std::string> labels;
  for (const Element* label : WithClass(elements_, "legend-label")) labels.push_back(label->text);
  EXPECT_THAT(labels, ElementsAre("A & B", "Bloc", "Government", "All delegations (overall)",
                                  "target 30%"));
  EXPECT_THAT(svg_, HasSubstr(">A &amp; B</text>"));
  EXPECT_THAT(svg_, Not(HasSubstr("A & B")));
}

TEST_F(TrendSvgTest, RoundsLabelledByNameOrIdAndDate) {
  std::vector<std::string> labels;
  for (const Element* label : WithClass(elements_, "round-label")) labels.push_back(label->text);
  EXPECT_THAT(labels, ElementsAre("Jeddah <I>", "r2", "Geneva"));
  EXPECT_THAT(svg_, HasSubstr("Jeddah &lt;I&gt;"));
  EXPECT_THAT(svg_, HasSubstr(">2025-08-12</tspan>"));
  EXPECT_EQ(WithClass(elements_, "axis-title").size(), 2u);
}

TEST(TrendSvgEdgeTest, NoRoundsGivesTheFrameAndSaysSo) {
  BalanceTrend empty;
  empty.set_process("processes/quiet");
  empty.set_target(0.5);
  const std::string svg = RenderTrendSvg(empty);
  ASSERT_OK_AND_ASSIGN(const std::vector<Element> elements, XmlChecker(svg).Parse());
  EXPECT_EQ(WithClass(elements, "empty").at(0)->text, "No rounds yet");
  EXPECT_THAT(WithClass(elements, "series-line"), IsEmpty());
  EXPECT_EQ(WithClass(elements, "series").size(), 1u);  // the overall, without a line
  EXPECT_EQ(WithClass(elements, "title").at(0)->text, "processes/quiet");
  EXPECT_EQ(WithClass(elements, "target-label").at(0)->text, "target 50%");
}

TEST(TrendSvgEdgeTest, ManyDelegationsStayDistinctAndLongNamesAreCut) {
  BalanceTrend trend;
  trend.set_process("processes/big");
  trend.set_target(0.3);
  for (int p = 0; p < 12; ++p) {
    balance::v1::Balance* point = trend.add_points();
    point->set_round(absl::StrCat("processes/big/rounds/r", p));
    point->set_round_display_name("A very long round name that cannot fit its band");
    point->set_start_date("2026-01-01");
    point->mutable_overall()->set_members(90);
    point->mutable_overall()->set_women(36);
    point->mutable_overall()->set_women_share(0.4);
    for (int d = 0; d < 9; ++d) {
      balance::v1::DelegationBalance* delegation = point->add_delegations();
      delegation->set_delegation(absl::StrCat(point->round(), "/delegations/d", d));
      delegation->set_display_name(absl::StrCat("Delegation ", d, " \x01with a control char"));
      delegation->set_members(10);
      delegation->set_women(d);
      delegation->set_women_share(d / 10.0);
    }
  }
  const std::string svg = RenderTrendSvg(trend);
  ASSERT_OK_AND_ASSIGN(const std::vector<Element> elements, XmlChecker(svg).Parse());
  const std::vector<const Element*> paths = WithClass(elements, "series-line");
  ASSERT_EQ(paths.size(), 10u);
  // Past the seven colours, lines are dashed.
  EXPECT_EQ(paths[6]->attributes.count("stroke-dasharray"), 0u);
  EXPECT_EQ(paths[7]->attributes.count("stroke-dasharray"), 1u);
  // Twelve rounds in 634 px: labels every other round, cut with an ellipsis.
  const std::vector<const Element*> labels = WithClass(elements, "round-label");
  EXPECT_EQ(labels.size(), 6u);
  EXPECT_THAT(labels[0]->text, HasSubstr("\xE2\x80\xA6"));
  // Ten legend rows and the target's fit the default height.
  EXPECT_EQ(Number(elements[0], "height"), 540);
}

TEST(TrendSvgEdgeTest, AllUndisclosedIsHollowAndExplained) {
  BalanceTrend trend = ThreeRounds();
  EXPECT_THAT(RenderTrendSvg(trend), Not(HasSubstr("Hollow marker")));
  balance::v1::DelegationBalance* bloc = trend.mutable_points(1)->mutable_delegations(1);
  bloc->set_women(0);
  bloc->set_women_share(0);
  bloc->set_undisclosed(2);
  bloc->add_flags(balance::v1::ALL_UNDISCLOSED);
  const std::string svg = RenderTrendSvg(trend);
  ASSERT_OK_AND_ASSIGN(const std::vector<Element> elements, XmlChecker(svg).Parse());
  const int series = IndexOf(elements, WithClass(elements, "series").at(1));
  const std::vector<const Element*> markers = ChildrenNamed(elements, series, "rect");
  ASSERT_EQ(markers.size(), 1u);
  EXPECT_EQ(markers[0]->attributes.at("fill"), "#ffffff");
  EXPECT_THAT(ChildrenNamed(elements, IndexOf(elements, markers[0]), "title").at(0)->text,
              HasSubstr("every member's gender undisclosed"));
  EXPECT_THAT(WithClass(elements, "note").at(0)->text, HasSubstr("Hollow marker"));
}

TEST(XmlEscapeTest, EntitiesAndControlCharacters) {
  EXPECT_EQ(XmlEscape("A & B <c> \"d\" 'e'"), "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
  EXPECT_EQ(XmlEscape("tab\there\x01\x1f"), "tab\there");
  EXPECT_EQ(XmlEscape("Bogotá"), "Bogotá");
}

}  // namespace
}  // namespace wps::wpsctl
