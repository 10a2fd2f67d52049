#include "clients/wpsctl/balance_chart.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/wpsctl/balance_format.h"

namespace wps::wpsctl {
namespace {

using balance::v1::Balance;
using balance::v1::BalanceTrend;
using balance::v1::DelegationBalance;

// Room around the plot: title above, round labels and axis title below, legend on the right.
constexpr double kMarginLeft = 76;
constexpr double kMarginRight = 250;
constexpr double kMarginTop = 76;
constexpr double kMarginBottom = 96;
constexpr double kLegendRowHeight = 22;
// The narrowest room a round label (a date, "2026-05-04") needs; closer rounds skip labels.
constexpr double kMinLabelWidth = 72;
// Average advance of a 12px sans-serif character, to fit labels.
constexpr double kCharWidth = 6.8;

// Okabe & Ito (2008), without black (the overall line's) and with yellow, the faintest on white,
// last.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                    "#CC79A7", "#56B4E9", "#F0E442"};
constexpr int kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);
// Lines past the palette's first round are dashed, so that no two series look alike.
constexpr const char* kDashes[] = {"", "8 3", "2 3", "12 3 2 3"};
constexpr const char kOverallColor[] = "#000000";

enum class Marker { kCircle, kSquare, kDiamond, kTriangle };

std::string Num(double value) { return absl::StrFormat("%.1f", value); }

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` cut to `max` (> 0) code points, ending in "…" when cut.
std::string Truncate(absl::string_view text, size_t max) {
  const size_t points = static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsContinuationByte(c); }));
  if (points <= max) return std::string(text);
  size_t kept = 0;
  size_t end = 0;
  while (end < text.size() && (kept < max - 1 || IsContinuationByte(text[end]))) {
    if (!IsContinuationByte(text[end])) ++kept;
    ++end;
  }
  return absl::StrCat(text.substr(0, end), "\xE2\x80\xA6");
}

// The geometry of the plot area.
struct Frame {
  double left, right, top, bottom;
  int rounds;

  double X(int round) const { return left + (right - left) * (round + 0.5) / std::max(rounds, 1); }
  double Y(double share) const { return bottom - std::clamp(share, 0.0, 1.0) * (bottom - top); }
  double BandWidth() const { return (right - left) / std::max(rounds, 1); }
};

// One line of the chart.
struct Series {
  std::string title;
  std::string css_class;  // "series" or "series overall"
  std::string color;
  std::string dash;
  double width = 2;
  Marker marker = Marker::kCircle;
  double marker_size = 4;
  // One per point of the trend; null where there is no share.
  std::vector<const DelegationBalance*> figures;
};

// A marker of the series' shape at (x, y) with `tooltip`; hollow (white inside) for a share that
// counts no woman only because no gender was disclosed.
std::string MarkerSvg(const Series& s, double x, double y, absl::string_view tooltip,
                      bool hollow = false) {
  const double r = s.marker_size;
  const std::string close = absl::StrCat(hollow ? " fill=\"#ffffff\" stroke-width=\"2\"" : "",
                                         "><title>", XmlEscape(tooltip), "</title>");
  switch (s.marker) {
    case Marker::kSquare:
      return absl::StrCat("<rect x=\"", Num(x - r), "\" y=\"", Num(y - r), "\" width=\"",
                          Num(2 * r), "\" height=\"", Num(2 * r), "\"", close, "</rect>");
    case Marker::kDiamond:
      return absl::StrCat("<polygon points=\"", Num(x), ",", Num(y - r - 1), " ", Num(x + r + 1),
                          ",", Num(y), " ", Num(x), ",", Num(y + r + 1), " ", Num(x - r - 1), ",",
                          Num(y), "\"", close, "</polygon>");
    case Marker::kTriangle:
      return absl::StrCat("<polygon points=\"", Num(x), ",", Num(y - r - 1), " ", Num(x + r + 1),
                          ",", Num(y + r), " ", Num(x - r - 1), ",", Num(y + r), "\"", close,
                          "</polygon>");
    case Marker::kCircle:
      break;
  }
  return absl::StrCat("<circle cx=\"", Num(x), "\" cy=\"", Num(y), "\" r=\"", Num(r), "\"", close,
                      "</circle>");
}

bool AllUndisclosed(const DelegationBalance& d) {
  return std::find(d.flags().begin(), d.flags().end(), balance::v1::ALL_UNDISCLOSED) !=
         d.flags().end();
}

// "Government, Round 3 (2026-05-04): 16.7% (2 of 12 women)".
std::string Tooltip(const Series& s, const Balance& point, const DelegationBalance& d) {
  return absl::StrCat(s.title, ", ", RoundTitle(point), " (", point.start_date(),
                      "): ", PercentText(d.women_share()), " (", d.women(), " of ", d.members(),
                      " women)", AllUndisclosed(d) ? "; every member's gender undisclosed" : "");
}

// The series' line: one subpath per run of consecutive shares; empty when there is no share.
std::string PathData(const Series& s, const Frame& frame) {
  std::string d;
  bool pen_down = false;
  for (size_t p = 0; p < s.figures.size(); ++p) {
    if (s.figures[p] == nullptr) {
      pen_down = false;
      continue;
    }
    absl::StrAppend(&d, d.empty() ? "" : " ", pen_down ? "L" : "M",
                    Num(frame.X(static_cast<int>(p))), " ",
                    Num(frame.Y(s.figures[p]->women_share())));
    pen_down = true;
  }
  return d;
}

std::string SeriesSvg(const Series& s, const BalanceTrend& trend, const Frame& frame) {
  std::string out = absl::StrCat("<g class=\"", s.css_class, "\" stroke=\"", s.color, "\" fill=\"",
                                 s.color, "\"><title>", XmlEscape(s.title), "</title>\n");
  if (const std::string d = PathData(s, frame); !d.empty()) {
    absl::StrAppend(&out, "<path class=\"series-line\" d=\"", d, "\" fill=\"none\" stroke-width=\"",
                    Num(s.width), "\" stroke-linejoin=\"round\"",
                    s.dash.empty() ? "" : absl::StrCat(" stroke-dasharray=\"", s.dash, "\""),
                    "/>\n");
  }
  for (size_t p = 0; p < s.figures.size(); ++p) {
    if (s.figures[p] == nullptr) continue;
    absl::StrAppend(&out,
                    MarkerSvg(s, frame.X(static_cast<int>(p)), frame.Y(s.figures[p]->women_share()),
                              Tooltip(s, trend.points(static_cast<int>(p)), *s.figures[p]),
                              AllUndisclosed(*s.figures[p])),
                    "\n");
  }
  return out + "</g>\n";
}

std::vector<Series> BuildSeries(const BalanceTrend& trend) {
  std::vector<Series> series;
  const auto figure = [](const DelegationBalance& d) { return d.has_women_share() ? &d : nullptr; };
  const std::vector<TrendDelegation> delegations = TrendDelegations(trend);
  for (size_t i = 0; i < delegations.size(); ++i) {
    Series& s = series.emplace_back();
    s.title = delegations[i].title;
    s.css_class = "series";
    s.color = kPalette[i % kPaletteSize];
    s.dash = kDashes[(i / kPaletteSize) % (sizeof(kDashes) / sizeof(kDashes[0]))];
    s.marker = static_cast<Marker>(i % 4);
    for (int p = 0; p < trend.points_size(); ++p) {
      const int index = delegations[i].index_in_point[p];
      s.figures.push_back(index < 0 ? nullptr : figure(trend.points(p).delegations(index)));
    }
  }
  Series& overall = series.emplace_back();
  overall.title = "All delegations (overall)";
  overall.css_class = "series overall";
  overall.color = kOverallColor;
  overall.width = 4;
  overall.marker_size = 5.5;
  for (const Balance& point : trend.points()) overall.figures.push_back(figure(point.overall()));
  return series;
}

std::string GridSvg(const Frame& frame) {
  std::string out = "<g class=\"grid\" font-size=\"12\" fill=\"#444444\">\n";
  for (int percent = 0; percent <= 100; percent += 10) {
    const double y = frame.Y(percent / 100.0);
    absl::StrAppend(&out, "<line class=\"gridline\" x1=\"", Num(frame.left), "\" x2=\"",
                    Num(frame.right), "\" y1=\"", Num(y), "\" y2=\"", Num(y),
                    "\" stroke=\"#dddddd\" stroke-width=\"1\"/>\n", "<text class=\"tick\" x=\"",
                    Num(frame.left - 8), "\" y=\"", Num(y + 4), "\" text-anchor=\"end\">", percent,
                    "%</text>\n");
  }
  return out + "</g>\n";
}

std::string RoundLabelsSvg(const BalanceTrend& trend, const Frame& frame) {
  std::string out = "<g class=\"rounds\" font-size=\"12\" fill=\"#222222\">\n";
  const double band = frame.BandWidth();
  const int every = static_cast<int>(std::ceil(kMinLabelWidth / band));
  const size_t max_chars = static_cast<size_t>(std::max(6.0, band * every / kCharWidth));
  for (int p = 0; p < trend.points_size(); ++p) {
    const double x = frame.X(p);
    absl::StrAppend(&out, "<line class=\"round-gridline\" x1=\"", Num(x), "\" x2=\"", Num(x),
                    "\" y1=\"", Num(frame.top), "\" y2=\"", Num(frame.bottom),
                    "\" stroke=\"#eeeeee\" stroke-width=\"1\"/>\n");
    if (p % every != 0) continue;
    const Balance& point = trend.points(p);
    absl::StrAppend(
        &out, "<text class=\"round-label\" x=\"", Num(x), "\" y=\"", Num(frame.bottom + 20),
        "\" text-anchor=\"middle\"><title>", XmlEscape(RoundTitle(point)), "</title>",
        XmlEscape(Truncate(RoundTitle(point), max_chars)), "<tspan x=\"", Num(x),
        "\" dy=\"15\" fill=\"#666666\">", XmlEscape(point.start_date()), "</tspan></text>\n");
  }
  return out + "</g>\n";
}

std::string AxesSvg(const Frame& frame) {
  const double middle_y = (frame.top + frame.bottom) / 2;
  return absl::StrCat(
      "<g class=\"axes\" stroke=\"#444444\" stroke-width=\"1.5\">\n", "<line x1=\"",
      Num(frame.left), "\" x2=\"", Num(frame.left), "\" y1=\"", Num(frame.top), "\" y2=\"",
      Num(frame.bottom), "\"/>\n", "<line x1=\"", Num(frame.left), "\" x2=\"", Num(frame.right),
      "\" y1=\"", Num(frame.bottom), "\" y2=\"", Num(frame.bottom), "\"/>\n</g>\n",
      "<text class=\"axis-title\" x=\"", Num(frame.left - 52), "\" y=\"", Num(middle_y),
      "\" transform=\"rotate(-90 ", Num(frame.left - 52), " ", Num(middle_y),
      ")\" text-anchor=\"middle\" font-size=\"13\">Women's share of members</text>\n",
      "<text class=\"axis-title\" x=\"", Num((frame.left + frame.right) / 2), "\" y=\"",
      Num(frame.bottom + 68),
      "\" text-anchor=\"middle\" font-size=\"13\">Round (start date)</text>\n");
}

// How far the shares of the round at `point` keep from `target`: the room for the target's label
// at that end of the line.
double RoomAt(const std::vector<Series>& series, size_t point, double target) {
  double room = 1;
  for (const Series& s : series) {
    if (point < s.figures.size() && s.figures[point] != nullptr) {
      room = std::min(room, std::abs(s.figures[point]->women_share() - target));
    }
  }
  return room;
}

// The dashed target line, labelled at whichever end the first or last round's points leave more
// room; the label has a white halo to stay readable over lines.
std::string TargetSvg(double target, const Frame& frame, const std::vector<Series>& series) {
  const double y = frame.Y(target);
  const size_t last = frame.rounds > 0 ? static_cast<size_t>(frame.rounds - 1) : 0;
  const bool at_left = RoomAt(series, 0, target) > RoomAt(series, last, target);
  return absl::StrCat("<line class=\"target\" x1=\"", Num(frame.left), "\" x2=\"", Num(frame.right),
                      "\" y1=\"", Num(y), "\" y2=\"", Num(y),
                      "\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                      "<text class=\"target-label\" x=\"",
                      Num(at_left ? frame.left + 4 : frame.right - 4), "\" y=\"", Num(y - 6),
                      "\" text-anchor=\"", at_left ? "start" : "end",
                      "\" font-size=\"12\" fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" "
                      "paint-order=\"stroke\">target ",
                      TargetText(target), "</text>\n");
}

bool AnyAllUndisclosed(const std::vector<Series>& series) {
  for (const Series& s : series) {
    for (const DelegationBalance* d : s.figures) {
      if (d != nullptr && AllUndisclosed(*d)) return true;
    }
  }
  return false;
}

std::string LegendSvg(const std::vector<Series>& series, double target, double left, double top) {
  std::string out = "<g class=\"legend\" font-size=\"12\">\n";
  double y = top;
  for (const Series& s : series) {
    absl::StrAppend(&out, "<g class=\"legend-entry\" stroke=\"", s.color, "\" fill=\"", s.color,
                    "\"><line x1=\"", Num(left), "\" x2=\"", Num(left + 28), "\" y1=\"", Num(y),
                    "\" y2=\"", Num(y), "\" stroke-width=\"", Num(s.width), "\"",
                    s.dash.empty() ? "" : absl::StrCat(" stroke-dasharray=\"", s.dash, "\""), "/>",
                    MarkerSvg(s, left + 14, y, s.title), "<text class=\"legend-label\" x=\"",
                    Num(left + 36), "\" y=\"", Num(y + 4), "\" stroke=\"none\" fill=\"#222222\">",
                    XmlEscape(Truncate(s.title, 30)), "</text></g>\n");
    y += kLegendRowHeight;
  }
  absl::StrAppend(&out, "<g class=\"legend-entry\"><line x1=\"", Num(left), "\" x2=\"",
                  Num(left + 28), "\" y1=\"", Num(y), "\" y2=\"", Num(y),
                  "\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                  "<text class=\"legend-label\" x=\"", Num(left + 36), "\" y=\"", Num(y + 4),
                  "\" fill=\"#222222\">target ", TargetText(target), "</text></g>\n");
  return out + "</g>\n";
}

}  // namespace

std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

std::string RenderTrendSvg(const BalanceTrend& trend, const TrendChartOptions& options) {
  const std::vector<Series> series = BuildSeries(trend);
  const double width = std::max(options.width, 640);
  const double legend_height = kLegendRowHeight * (series.size() + 1);
  const double height =
      std::max<double>(options.height, kMarginTop + legend_height + kMarginBottom);
  const Frame frame{kMarginLeft, width - kMarginRight, kMarginTop, height - kMarginBottom,
                    trend.points_size()};
  const std::string title = options.title.empty() ? trend.process() : options.title;

  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"", Num(width),
      "\" height=\"", Num(height), "\" viewBox=\"0 0 ", Num(width), " ", Num(height),
      "\" font-family=\"sans-serif\">\n", "<title>", XmlEscape(title),
      ": women's share by delegation and round</title>\n",
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", "<text class=\"title\" x=\"",
      Num(frame.left), "\" y=\"30\" font-size=\"20\" font-weight=\"bold\" fill=\"#111111\">",
      XmlEscape(title), "</text>\n", "<text class=\"subtitle\" x=\"", Num(frame.left),
      "\" y=\"52\" font-size=\"13\" fill=\"#555555\">Women's share of each delegation's members, "
      "by round (",
      XmlEscape(trend.process()), "); target ", TargetText(trend.target()), "</text>\n",
      GridSvg(frame), AxesSvg(frame));
  if (trend.points().empty()) {
    absl::StrAppend(&out, "<text class=\"empty\" x=\"", Num((frame.left + frame.right) / 2),
                    "\" y=\"", Num((frame.top + frame.bottom) / 2),
                    "\" text-anchor=\"middle\" font-size=\"16\" fill=\"#666666\">No rounds "
                    "yet</text>\n");
  }
  absl::StrAppend(&out, RoundLabelsSvg(trend, frame), TargetSvg(trend.target(), frame, series));
  for (const Series& s : series) out += SeriesSvg(s, trend, frame);
  if (AnyAllUndisclosed(series)) {
    absl::StrAppend(&out, "<text class=\"note\" x=\"", Num(frame.left), "\" y=\"", Num(height - 10),
                    "\" font-size=\"11\" fill=\"#555555\">Hollow marker: no member's gender "
                    "disclosed, so no one counts as a woman.</text>\n");
  }
  absl::StrAppend(&out, LegendSvg(series, trend.target(), frame.right + 28, frame.top + 6),
                  "</svg>\n");
  return out;
}

}  // namespace wps::wpsctl
