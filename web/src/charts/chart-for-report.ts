// One chart per report name, for the HTML report and for reports without a dedicated view. A
// report with no entry here (or nothing to draw) gets its table only. Every value is printed in
// the format the report declares for its column. In the dashboard, given links, each bar of a
// segment (pipeline, LTV:CAC) opens the deals behind it.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { fmt, fmtInterval, fmtShort, formatOf, type ColumnFormat } from "../format.js";
import { currencyOf, dimsOf, distinct, isThin, num, segmentLabel } from "../report-json.js";
import { barsChart } from "./bars-chart.js";
import { closedOf, closedText } from "./chart-style.js";
import { coverageChart } from "./coverage-chart.js";
import { funnelChart } from "./funnel-chart.js";
import { heatmapChart } from "./heatmap.js";
import { intervalChart } from "./interval-chart.js";
import type { MarkLinks } from "./link-marks.js";
import { trendChart } from "./trend-chart.js";

type Chart = SVGSVGElement | HTMLElement;
/** links: one per row, for the charts that draw one shape per report row (bars); the HTML report has none. */
type ChartFor = (report: ReportResult, width: number, links?: MarkLinks) => Chart | null;

const segment = (report: ReportResult) => (r: Row) => segmentLabel(r, dimsOf(report));

/** The interval of `key` (its _low and _high columns) as text, in their declared format. */
const intervalOf = (report: ReportResult, key: string) => (r: Row) =>
  fmtInterval(r[`${key}_low`], r[`${key}_high`], formatOf(report.columns, `${key}_low`));

/** A cell's maturity with the share of its cohort still open, e.g. "immature (46% open)". */
const maturityTip = (r: Row): string => {
  const share = num(r.open_share);
  return `${String(r.maturity ?? "–")}${share === null ? "" : ` (${fmt(share, "rate")} open)`}`;
};

/** Whether the report carries the bootstrap's credit intervals (attribution with `intervals`, a fitted model). */
const hasCreditIntervals = (report: ReportResult): boolean => report.columns.some((c) => c.key === "share_of_segment_low");

/** "31.2% (95% interval 27.0%–35.1%)", money compact (976k); the value alone where a row has no interval, "–" where it has no value. */
const valueWithInterval = (key: string, format: ColumnFormat, currency?: string) => (r: Row) => {
  const [value, low, high] = [num(r[key]), num(r[`${key}_low`]), num(r[`${key}_high`])];
  if (value === null) return "–";
  const shown = fmtShort(value, format, currency);
  return low === null || high === null
    ? shown
    : `${shown} (95% interval ${fmtShort(low, format, currency)}–${fmtShort(high, format, currency)})`;
};

/** Tooltip lines of a channel x segment cell: the credit intervals when the report has them, the win rate interval, the sample, maturity. */
function channelTips(report: ReportResult, rows: readonly Row[]): Record<string, (row: Row) => string> {
  const credit: Record<string, (row: Row) => string> = hasCreditIntervals(report)
    ? {
        share: valueWithInterval("share_of_segment", formatOf(report.columns, "share_of_segment")),
        pipeline: valueWithInterval("pipeline", formatOf(report.columns, "pipeline"), report.currency),
      }
    : {};
  const closed = formatOf(report.columns, "won");
  const sample = (r: Row) => `${closedText(r, closed)}${isThin(r) ? " (thin)" : ""}`;
  return {
    ...credit,
    ...(report.columns.some((c) => c.key === "win_rate_low") ? { "win rate 95% interval": intervalOf(report, "win_rate") } : {}),
    ...(rows.some((r) => closedOf(r) !== null) ? { sample } : {}),
    ...(rows.some((r) => typeof r.maturity === "string") ? { maturity: maturityTip } : {}),
  };
}

/** Measures drawn from closed outcomes: a cell without any has no rate to colour (the shrunk one would look measured). */
const FROM_CLOSED = new Set(["win_rate", "win_rate_shrunk", "quality_index", "value_win_rate"]);
/** Measures over spend: a cell with no spend has no cost to colour. */
const FROM_SPEND = new Set(["cac", "cost_per_opportunity", "roi", "return_on_spend", "cac_fully_loaded"]);

/** Why a cell of `value` has no measurement, in words; null when it has one. */
function missingReason(value: string): (row: Row) => string | null {
  return (r) => {
    if (FROM_CLOSED.has(value) && !(closedOf(r) ?? 0)) return "no closed deals";
    if (FROM_SPEND.has(value) && !(num(r.spend) ?? 0)) return "no spend recorded";
    if (value === "cac" && num(r.cac) === null && !(num(r.won_new_business) ?? 0)) return "no new business won";
    return null;
  };
}

interface MatrixExtras {
  readonly highlight?: (row: Row) => boolean;
  /** Each cell a link to the deals behind it (the dashboard; the HTML report has nowhere to go). */
  readonly links?: MarkLinks;
  /** The value's name in the tooltip (the legend's label adds the model). */
  readonly valueName?: string;
}

export function channelMatrix(report: ReportResult, width: number, value: string, label: string, extras: MatrixExtras = {}): Chart | null {
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
    format: formatOf(report.columns, value),
    ...currencyOf(report),
    label,
    width,
    xName: "segment",
    yName: "channel",
    tips: channelTips(report, rows),
    missing: missingReason(value),
    ...(value === "quality_index" ? { pivot: 100 } : {}),
    ...(extras.highlight ? { highlight: extras.highlight } : {}),
    ...(extras.links ? { links: extras.links } : {}),
    ...(extras.valueName ? { valueName: extras.valueName } : {}),
    ariaLabel: `${label} by channel and segment${hasCreditIntervals(report) ? ", with 95% intervals" : ""}`,
  });
}

const winRates: ChartFor = (report, width) =>
  report.rows.some((r) => num(r.win_rate_low) !== null)
    ? intervalChart({
        rows: report.rows,
        label: segment(report),
        value: "win_rate",
        low: "win_rate_low",
        high: "win_rate_high",
        format: formatOf(report.columns, "win_rate"),
        reference: num(report.totals[0]?.win_rate),
        axisLabel: "win rate (95% interval)",
        width,
        valueName: "win rate",
        ...(report.columns.some((c) => c.key === "won") ? { closedFormat: formatOf(report.columns, "won") } : {}),
        ariaLabel: "win rate by segment with 95% intervals",
      })
    : null;

const bars =
  (value: string, axisLabel: string, inner?: { value: string; label: string }): ChartFor =>
  (report, width, links) =>
    report.rows.length
      ? barsChart({
          rows: report.rows,
          label: segment(report),
          value,
          format: formatOf(report.columns, value),
          ...currencyOf(report),
          axisLabel,
          width,
          ...(inner ? { inner } : {}),
          ...(links ? { links } : {}),
          ariaLabel: `${axisLabel} by segment`,
        })
      : null;

/** Each channel's share under every model: model × (segment ·) channel. */
export function modelsMatrix(report: ReportResult, width: number, links?: MarkLinks): Chart | null {
  const list = Array.isArray(report.params.models) ? report.params.models.map(String) : [];
  const dims = dimsOf(report);
  const long = report.rows.flatMap((r) => list.map((m) => ({ ...r, model: m, share: r[m] ?? null })));
  const y = (r: Row) => (dims.length ? `${segmentLabel(r, dims)} · ${String(r.channel)}` : String(r.channel));
  const format = formatOf(report.columns, list[0] ?? "");
  return heatmapChart({
    rows: long,
    xName: "model",
    yName: "channel",
    x: (r) => String(r.model),
    y,
    xDomain: list,
    yDomain: distinct(long.map(y)),
    value: "share",
    format,
    label: "share of credit",
    width,
    ...(links ? { links } : {}),
    ariaLabel: "channel share under every attribution model",
  });
}

/** Per trend report: the value drawn, its axis label and whether it has a 95% band. */
const TRENDS: Readonly<Record<string, readonly [string, string, boolean]>> = {
  pipeline: ["pipeline_created", "pipeline created", false],
  winrate: ["win_rate", "win rate", true],
  attribution: ["pipeline", "attributed pipeline", false],
  funnel: ["conversion", "step conversion", true],
};

function trend(report: ReportResult, width: number): Chart | null {
  const spec = Object.hasOwn(TRENDS, report.report) ? TRENDS[report.report] : undefined;
  if (!spec) return null;
  const [value, axisLabel, banded] = spec;
  const dims = dimsOf(report);
  const series = (r: Row) =>
    [
      segmentLabel(r, dims),
      ...(r.channel !== undefined ? [String(r.channel)] : []),
      ...(r.to_stage !== undefined ? [String(r.to_stage)] : []),
    ].join(" · ");
  const periods = Array.isArray(report.params.periods)
    ? report.params.periods.map(String)
    : distinct(report.rows.map((r) => String(r.period)));
  const band = banded ? { band: [`${value}_low`, `${value}_high`] as const } : {};
  return trendChart({
    rows: report.rows,
    periods,
    series,
    seriesDomain: distinct(report.rows.map(series)),
    value,
    format: formatOf(report.columns, value),
    ...currencyOf(report),
    axisLabel,
    width,
    ...band,
    significant: `${value}_change_significant`,
    ariaLabel: `${axisLabel} per period`,
  });
}

const attribution: ChartFor = (r, w) =>
  dimsOf(r).length
    ? channelMatrix(r, w, "share_of_segment", "share of segment pipeline")
    : channelMatrix(r, w, "pipeline", "attributed pipeline");

const losses: ChartFor = (r, w) => {
  const x = segment(r);
  const y = (row: Row) => String(row.loss_reason);
  if (!r.rows.length) return null;
  return heatmapChart({
    rows: r.rows,
    xName: "segment",
    yName: "loss reason",
    x,
    y,
    xDomain: distinct(r.rows.map(x)),
    yDomain: distinct(r.rows.map(y)),
    value: "share",
    format: formatOf(r.columns, "share"),
    label: "share of losses",
    width: w,
    tips: { "95% interval": intervalOf(r, "share") },
    ariaLabel: "loss reasons by segment",
  });
};

const CHARTS: Readonly<Record<string, ChartFor>> = {
  summary: winRates,
  winrate: winRates,
  velocity: winRates,
  pipeline: bars("pipeline_created", "pipeline created", { value: "open_pipeline", label: "open" }),
  attribution,
  cost: (r, w) => channelMatrix(r, w, "cac", "CAC"),
  models: (r, w) => modelsMatrix(r, w),
  funnel: (r, w) =>
    funnelChart({
      rows: r.rows,
      series: segment(r),
      seriesDomain: distinct(r.rows.map(segment(r))),
      stages: Array.isArray(r.params.stages) ? r.params.stages.map(String) : [],
      columns: r.columns,
      width: w,
      ariaLabel: "funnel by segment",
    }),
  coverage: (r, w) =>
    coverageChart({
      rows: r.rows,
      label: segment(r),
      columns: r.columns,
      ...currencyOf(r),
      width: w,
      ariaLabel: "coverage against target by segment",
    }),
  ltv: bars("ltv_to_cac", "LTV : CAC"),
  losses,
};

/** The report's chart; `links` (the dashboard's drill-down per row) makes each bar of a bar chart a link. */
export function chartForReport(report: ReportResult, width: number, links?: MarkLinks): Chart | null {
  if (report.params.trend) return trend(report, width);
  return Object.hasOwn(CHARTS, report.report) ? (CHARTS[report.report]?.(report, width, links) ?? null) : null;
}
