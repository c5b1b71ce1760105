// Report name → implementation. The CLI and library both resolve names here; an unknown name
// fails listing these keys.
import type { Workspace } from "../workspace/workspace.js";
import type { ReportOptions } from "./params.js";
import { attribution } from "./attribution.js";
import { models } from "./models.js";
import { cost } from "./cost.js";
import { ltv } from "./ltv.js";
import { insights } from "./insights.js";
import { funnel } from "./funnel.js";
import { losses } from "./losses.js";
import { coverage } from "./coverage.js";
import { velocity } from "./velocity.js";
import { pipeline } from "./pipeline.js";
import type { ReportResult } from "../contract/report-result.js";
import { summary } from "./summary.js";
import { winrate } from "./winrate.js";

export const REPORTS = {
  summary,
  pipeline,
  winrate,
  funnel,
  velocity,
  coverage,
  losses,
  attribution,
  models,
  cost,
  ltv,
  insights,
} as const satisfies Record<string, (ws: Workspace, options: ReportOptions) => Promise<ReportResult>>;

export type ReportName = keyof typeof REPORTS;
