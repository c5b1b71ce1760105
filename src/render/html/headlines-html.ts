// The report's headlines (src/render/headlines/) as the first thing on the page, before the chart
// and table; nothing when the report has nothing to say.
import type { ReportResult } from "../../contract/report-result.js";
import { reportHeadlines } from "../headlines/report-headlines.js";
import { escapeHtml } from "./escape-html.js";

export function headlinesHtml(report: ReportResult): string {
  const lines = reportHeadlines(report);
  if (lines.length === 0) return "";
  return `<section class="headlines" id="headlines" aria-label="Headlines">${lines.map((s) => `<p>${escapeHtml(s)}</p>`).join("")}</section>`;
}
