// Entry point of the script inlined in `--format html` reports: draws the report's chart from the
// JSON embedded in the page. The table and notes are plain HTML and need no script.
import "../styles/report.css";
import "./marks.css";
import type { ReportResult } from "../../src/contract/index.js";
import { chartForReport } from "./charts/chart-for-report.js";

function draw(): void {
  const data = document.getElementById("pipeprism-data");
  const figure = document.getElementById("chart");
  if (!data || !figure) return;
  const report = JSON.parse(data.textContent ?? "null") as ReportResult;
  const width = Math.max(480, Math.min(1100, figure.clientWidth || 960));
  const chart = chartForReport(report, width);
  if (chart) figure.replaceChildren(chart);
  else figure.remove();
  document.body.setAttribute("data-ready", "true");
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
else draw();
