// Every view by id, in navigation order; the reports they cover, so the rest are listed as
// generic reports (new reports appear there without dashboard changes).
import type { View } from "../view-kit.js";
import { channelsView } from "./channels.js";
import { costView } from "./cost.js";
import { coverageView } from "./coverage.js";
import { findingsView } from "./findings.js";
import { funnelView } from "./funnel.js";
import { modelsView } from "./models.js";
import { overviewView } from "./overview.js";
import { reportView } from "./report-view.js";
import { trendsView } from "./trends.js";
import { winrateView } from "./winrate.js";

export const VIEWS: readonly View[] = [
  overviewView,
  channelsView,
  winrateView,
  modelsView,
  funnelView,
  coverageView,
  trendsView,
  costView,
  findingsView,
];

export const GENERIC_VIEW = reportView;

/** Reports a dedicated view already shows. */
export const COVERED_REPORTS = new Set(["summary", "attribution", "winrate", "models", "funnel", "coverage", "cost", "ltv", "insights"]);

export function viewById(id: string): View {
  return VIEWS.find((v) => v.id === id) ?? (id === GENERIC_VIEW.id ? GENERIC_VIEW : (VIEWS[0] as View));
}
