// Every view by id, in navigation order; the reports they cover, so the rest are listed as
// generic reports (new reports appear there without dashboard changes). The deals view is reached
// by drill-down (a cell, a finding), not from the navigation.
import type { View } from "../view-kit.js";
import { channelTrendsView } from "./channel-trends.js";
import { channelsView } from "./channels.js";
import { costView } from "./cost.js";
import { coverageView } from "./coverage.js";
import { dealsView } from "./deals.js";
import { findingsView } from "./findings.js";
import { funnelView } from "./funnel.js";
import { modelsView } from "./models.js";
import { overviewView } from "./overview.js";
import { reportView } from "./report-view.js";
import { savedView } from "./saved.js";
import { sourcedView } from "./sourced.js";
import { trendsView } from "./trends.js";
import { winrateView } from "./winrate.js";

export const VIEWS: readonly View[] = [
  overviewView,
  channelsView,
  sourcedView,
  channelTrendsView,
  winrateView,
  modelsView,
  funnelView,
  coverageView,
  trendsView,
  costView,
  findingsView,
];

export const GENERIC_VIEW = reportView;

export const SAVED_VIEW = savedView;

/** Views out of the navigation, opened by links from the others. */
const DRILL_VIEWS: readonly View[] = [dealsView, savedView];

/** Reports a dedicated view already shows. */
export const COVERED_REPORTS = new Set([
  "summary",
  "attribution",
  "winrate",
  "models",
  "funnel",
  "coverage",
  "cost",
  "ltv",
  "insights",
  "deals",
]);

export function viewById(id: string): View {
  return [...VIEWS, ...DRILL_VIEWS].find((v) => v.id === id) ?? (id === GENERIC_VIEW.id ? GENERIC_VIEW : (VIEWS[0] as View));
}
