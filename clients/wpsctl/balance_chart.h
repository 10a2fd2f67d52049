// The SVG chart of `wpsctl balance trend --chart`: the women's share (0-100%) of each delegation
// across the rounds of a process, for people to look at rather than read.
//
// Rounds run left to right in the trend's order, each labelled with its display name (else its id)
// and start date. Each delegation is one coloured line with point markers (Okabe-Ito colours, which
// colour-blind readers tell apart; marker shapes differ too, and lines past the seventh are
// dashed); the overall share of the round is a thicker black line. A share that is unset (no
// members) or a round the delegation did not sit in leaves a gap: no marker, the line broken. A
// share of a delegation whose members' genders are all undisclosed gets a hollow marker and a note
// under the chart (it counts them as not women). The target is a dashed horizontal line labelled
// "target 30%" at whichever end leaves the label more room. Gridlines every 10% with percent
// ticks, axis titles, a title and a legend; every marker carries a tooltip (<title>) with its
// figures.
//
// Pure functions; thread-safe.
#ifndef WPS_CLIENTS_WPSCTL_BALANCE_CHART_H_
#define WPS_CLIENTS_WPSCTL_BALANCE_CHART_H_

#include <string>

#include "absl/strings/string_view.h"
#include "wps/balance/v1/resources.pb.h"

namespace wps::wpsctl {

struct TrendChartOptions {
  // Heads the chart: the process's display name; trend.process when empty.
  std::string title;
  // In pixels; the height grows when the legend needs more room.
  int width = 960;
  int height = 540;
};

// A standalone SVG 1.1 document (UTF-8, with an XML declaration). Its structure, which tests rely
// on: one <g class="series"> per delegation (in id order) then one <g class="series overall">, each
// holding a <path class="series-line"> (one subpath per unbroken run; left out when the series has
// no share at all) and one marker per share; one <line class="target">; one
// <line class="gridline"> and one <text class="tick"> per 10%; one <text class="legend-label"> per
// delegation, then the overall's and the target's. A trend without points gives the frame and the
// words "No rounds yet".
std::string RenderTrendSvg(const balance::v1::BalanceTrend& trend,
                           const TrendChartOptions& options = {});

// `text` for XML character data or a quoted attribute value: &, <, >, " and ' as entities; the
// control characters XML 1.0 forbids (all below U+0020 but tab, LF and CR) left out.
std::string XmlEscape(absl::string_view text);

}  // namespace wps::wpsctl

#endif  // WPS_CLIENTS_WPSCTL_BALANCE_CHART_H_
