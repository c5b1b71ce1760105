// One chart per report name, for the HTML report and for reports without a dedicated view. A
// report with no entry here (or nothing to draw) gets its table only.
import type { ColumnFormat } from "../format.js";
import { fmtInterval } from "../format.js";
import { dimsOf, distinct, num, segmentLabel, type ReportJson, type Row } from "../report-json.js";
import { barsChart } from "./bars-chart.js";
import { coverageChart } from "./coverage-chart.js";
import { funnelChart } from "./funnel-chart.js";
import { heatmapChart } from "./heatmap.js";
import { intervalChart } from "./interval-chart.js";
import { trendChart } from "./trend-chart.js";

type Chart = SVGSVGElement | HTMLElement;
type ChartFor = (report: ReportJson, width: number) => Chart | null;

const segment = (report: ReportJson) => (r: Row) => segmentLabel(r, dimsOf(report));

export function channelMatrix(report: ReportJson, width: number, value: string, format: ColumnFormat, label: string, highlight?: (row: Row) => boolean): Chart | null {
  const dims = dimsOf(report);
  const rows = report.rows.filter((r) => r.channel !== undefined);
  if (!rows.length) return null;
  const x = dims.length ? segment(report) : () => "All";
  return heatmapChart({
    rows,
    x,
    y: (r) => String(r.channel),
    xDomain: distinct(rows.map(x)),
    yDomain: distinct(rows.map((r) => String(r.channel))),
    value,
    format,
    label,
    width,
    xName: "segment",
    yName: "channel",
    tips: { "win rate 95% interval": (r) => fmtInterval(r.win_rate_low, r.win_rate_high), sample: (r) => String(r.sample ?? "") },
    ...(value === "quality_index" ? { pivot: 100 } : {}),
    ...(highlight ? { highlight } : {}),
    ariaLabel: `${label} by channel and segment`,
  });
}

const winRates: ChartFor = (report, width) =>
  report.rows.some((r) => num(r.win_rate_low) !== null)
    ? intervalChart({ rows: report.rows, label: segment(report), value: "win_rate", low: "win_rate_low", high: "win_rate_high", reference: num(report.totals[0]?.win_rate), axisLabel: "win rate (95% interval)", width, sampleSize: (r) => `${Number(r.won ?? 0) + Number(r.lost ?? 0)}`, ariaLabel: "win rate by segment with 95% intervals" })
    : null;

const bars = (value: string, format: ColumnFormat, axisLabel: string, inner?: { value: string; label: string }): ChartFor => (report, width) =>
  report.rows.length ? barsChart({ rows: report.rows, label: segment(report), value, format, axisLabel, width, ...(inner ? { inner } : {}), ariaLabel: `${axisLabel} by segment` }) : null;

const models: ChartFor = (report, width) => {
  const list = Array.isArray(report.params.models) ? report.params.models.map(String) : [];
  const dims = dimsOf(report);
  const long = report.rows.flatMap((r) => list.map((m) => ({ ...r, model: m, share: r[m] ?? null })));
  const y = (r: Row) => (dims.length ? `${segmentLabel(r, dims)} · ${String(r.channel)}` : String(r.channel));
  return heatmapChart({ rows: long, xName: "model", yName: "channel", x: (r) => String(r.model), y, xDomain: list, yDomain: distinct(long.map(y)), value: "share", format: "rate", label: "share of credit", width, ariaLabel: "channel share under every attribution model" });
};

const TRENDS: Readonly<Record<string, [string, ColumnFormat, string, [string, string]?]>> = {
  pipeline: ["pipeline_created", "money", "pipeline created"],
  winrate: ["win_rate", "rate", "win rate", ["win_rate_low", "win_rate_high"]],
  attribution: ["pipeline", "money", "attributed pipeline"],
  funnel: ["conversion", "rate", "step conversion", ["conversion_low", "conversion_high"]],
};

function trend(report: ReportJson, width: number): Chart | null {
  const spec = TRENDS[report.report];
  if (!spec) return null;
  const [value, format, axisLabel, band] = spec;
  const dims = dimsOf(report);
  const series = (r: Row) => [segmentLabel(r, dims), ...(r.channel !== undefined ? [String(r.channel)] : []), ...(r.to_stage !== undefined ? [String(r.to_stage)] : [])].join(" · ");
  const periods = Array.isArray(report.params.periods) ? report.params.periods.map(String) : distinct(report.rows.map((r) => String(r.period)));
  return trendChart({ rows: report.rows, periods, series, seriesDomain: distinct(report.rows.map(series)), value, format, axisLabel, width, ...(band ? { band } : {}), significant: `${value}_change_significant`, ariaLabel: `${axisLabel} per period` });
}

export const CHARTS: Readonly<Record<string, ChartFor>> = {
  summary: winRates,
  winrate: winRates,
  velocity: winRates,
  pipeline: bars("pipeline_created", "money", "pipeline created", { value: "open_pipeline", label: "open" }),
  attribution: (r, w) => channelMatrix(r, w, dimsOf(r).length ? "share_of_segment" : "pipeline", dimsOf(r).length ? "rate" : "money", dimsOf(r).length ? "share of segment pipeline" : "attributed pipeline"),
  cost: (r, w) => channelMatrix(r, w, "cac", "money", "CAC"),
  models,
  funnel: (r, w) => funnelChart({ rows: r.rows, series: segment(r), seriesDomain: distinct(r.rows.map(segment(r))), stages: Array.isArray(r.params.stages) ? r.params.stages.map(String) : [], width: w, ariaLabel: "funnel by segment" }),
  coverage: (r, w) => coverageChart({ rows: r.rows, label: segment(r), width: w, ariaLabel: "coverage against target by segment" }),
  ltv: bars("ltv_to_cac", "number", "LTV : CAC"),
  losses: (r, w) => {
    const x = segment(r);
    return r.rows.length ? heatmapChart({ rows: r.rows, xName: "segment", yName: "loss reason", x, y: (row) => String(row.loss_reason), xDomain: distinct(r.rows.map(x)), yDomain: distinct(r.rows.map((row) => String(row.loss_reason))), value: "share", format: "rate", label: "share of losses", width: w, tips: { "95% interval": (row) => fmtInterval(row.share_low, row.share_high) }, ariaLabel: "loss reasons by segment" }) : null;
  },
};

export function chartForReport(report: ReportJson, width: number): Chart | null {
  if (report.params.trend) return trend(report, width);
  return CHARTS[report.report]?.(report, width) ?? null;
}
