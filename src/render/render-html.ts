// `--format html`: one self-contained page (inline CSS, script and data; no network) that a
// colleague can open offline: its headlines (1–3 plain sentences, src/render/headlines/), the
// report's chart (drawn by the same code as the dashboard), its table with thin rows marked, and
// its notes. The table and notes need no script; the page prints landscape (report.css).
import type { ReportResult } from "../contract/report-result.js";
import { escapeHtml, scriptJson, scriptText } from "./html/escape-html.js";
import { reportJson } from "./render-json.js";
import { headlinesHtml } from "./html/headlines-html.js";
import { reportTableHtml } from "./html/report-table-html.js";
import { unattributedCalloutHtml } from "./html/report-marks-html.js";
import { webAsset } from "./html/web-bundle.js";

const SHOWN_PARAMS = ["by", "period", "from", "to", "as_of", "evaluation_date", "mode", "model", "stage", "trend", "rolling", "min_sample"];

function paramItems(params: ReportResult["params"]): string {
  return SHOWN_PARAMS.filter(
    (k) => params[k] !== null && params[k] !== undefined && !(Array.isArray(params[k]) && (params[k] as unknown[]).length === 0),
  )
    .map(
      (k) =>
        `<li>${escapeHtml(k.replaceAll("_", " "))}: <b>${escapeHtml(Array.isArray(params[k]) ? (params[k] as unknown[]).join(", ") : String(params[k]))}</b></li>`,
    )
    .join("");
}

function title(report: ReportResult): string {
  const by = Array.isArray(report.params.by) && report.params.by.length ? ` by ${(report.params.by as unknown[]).join(" × ")}` : "";
  const period = typeof report.params.period === "string" ? `, ${report.params.period}` : "";
  return `${report.report}${by}${period}`;
}

export function renderHtml(report: ReportResult): string {
  const { report: name, params, rows, notes } = report;
  const notesHtml = notes.length
    ? `<section class="notes"><h2>Notes</h2><ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul></section>`
    : "";
  const thin = rows.some((r) => r.sample === "thin")
    ? `<p class="legend-note"><span class="badge thin">thin</span> fewer closed outcomes than min_sample: the rate is directional; see its 95% interval.</p>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pipeprism">
<title>pipeprism · ${escapeHtml(title(report))}</title>
<style>${webAsset("report.css")}</style>
</head>
<body>
<main class="report-page">
<header>
<h1>pipeprism report: ${escapeHtml(title(report))}</h1>
<ul class="params">${paramItems(params)}</ul>
</header>
${[headlinesHtml(report), unattributedCalloutHtml(report)]
  .filter(Boolean)
  .map((c) => `${c}\n`)
  .join("")}<figure class="chart" id="chart"><noscript>The chart needs JavaScript; every number is in the table below.</noscript></figure>
${thin}
${reportTableHtml(report)}
${notesHtml}
<footer>Made with <code>pipeprism report ${escapeHtml(name)} --format html</code>. Self-contained: opens offline. Data: <code>#pipeprism-data</code> holds the report's JSON.</footer>
</main>
<script type="application/json" id="pipeprism-data">${scriptJson(reportJson(report))}</script>
<script>${scriptText(webAsset("report.js"))}</script>
</body>
</html>
`;
}
