// The 1–3 plain sentences an HTML (or Markdown) report opens with: what the report shows, before
// its chart and table. A pure function of the ReportResult, per report name (a report without an
// entry, or with nothing to say, gets none). Each number is printed as the table prints it; thin
// rows are never headlined as facts (headline-kit.ts).
import type { ReportResult } from "../../contract/report-result.js";
import { attributionHeadlines } from "./attribution-headlines.js";
import { costHeadlines } from "./cost-headlines.js";
import { coverageHeadlines } from "./coverage-headlines.js";
import { headlineInput, type HeadlineInput } from "./headline-kit.js";
import { ltvHeadlines, velocityHeadlines } from "./extremes-headlines.js";
import { funnelHeadlines } from "./funnel-headlines.js";
import { insightsHeadlines } from "./insights-headlines.js";
import { lossesHeadlines } from "./losses-headlines.js";
import { pipelineHeadlines, summaryHeadlines } from "./pipeline-headlines.js";
import { winrateHeadlines } from "./winrate-headlines.js";

const MAX_HEADLINES = 3;

const HEADLINES: Readonly<Record<string, (input: HeadlineInput) => string[]>> = {
  attribution: attributionHeadlines,
  winrate: winrateHeadlines,
  coverage: coverageHeadlines,
  cost: costHeadlines,
  insights: insightsHeadlines,
  summary: summaryHeadlines,
  pipeline: pipelineHeadlines,
  funnel: funnelHeadlines,
  leads: funnelHeadlines,
  losses: lossesHeadlines,
  velocity: velocityHeadlines,
  ltv: ltvHeadlines,
};

export function reportHeadlines(report: ReportResult): string[] {
  const build = Object.hasOwn(HEADLINES, report.report) ? HEADLINES[report.report] : undefined;
  return build ? build(headlineInput(report)).slice(0, MAX_HEADLINES) : [];
}
