// Coverage against target (report coverage): is there enough open pipeline to make the number?
// Without a period in the URL the view shows the period the report itself picks (GET /api/meta's
// periods.coverage_default): the fiscal quarter containing as-of while any of it is left, else the
// next one, so a quarter that has just ended never opens the view at 0×. The picker names that
// default, and lists every quarter with data or a target, the next one included.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { emptyChart } from "../charts/chart-style.js";
import { coverageChart } from "../charts/coverage-chart.js";
import { h } from "../dom.js";
import { currencyOf, dimsOf, num, segmentLabel } from "../report-json.js";
import { compareParams } from "../state.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { chartBox, compareColumns, notesList, type View } from "../view-kit.js";

const COLUMNS = ["target", "won", "open_pipeline", "open_pipeline_count", "coverage", "remaining_coverage"];

/** The report's own note on why it picked its period (no --period), if it gave one. */
const periodNote = (report: ReportResult): string | undefined => report.notes.find((n) => n.startsWith("no --period:"));

function lead(report: ReportResult, picked: boolean): HTMLElement {
  const window = `Period ${String(report.params.period)} (${String(report.params.from)} to ${String(report.params.to)})`;
  const why = picked
    ? ""
    : ` — the default: ${(periodNote(report) ?? "")
        .replace(/^no --period: coverage is for [^,]+, /, "")
        .replace(/; pass --period.*$/, "")
        .replace(/\.$/, "")}.`;
  return h(
    "p",
    { class: "lead" },
    `${window}${why} Coverage is open pipeline over target; remaining coverage is open pipeline over what is left of the target after wins.`,
  );
}

/** Nothing to draw: no segment has a target, a win or open pipeline in the period. */
const nothing = (rows: readonly Row[]): boolean =>
  rows.every((r) => num(r.target) === null && !(num(r.won) ?? 0) && !(num(r.open_pipeline) ?? 0));

export const coverageView: View = {
  id: "coverage",
  title: "Coverage against target",
  question: "Is there enough open pipeline, expected to close in the period, to reach each segment's target?",
  controls: ["period", "by", "compare"],
  async render(ctx) {
    // The segments' coverage: without a model (with one, coverage splits each segment by channel).
    const report = await ctx.load("coverage", { ...compareParams(ctx.state), model: null });
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    // Without any target the report says so in a note; the empty chart repeats it where it is seen.
    const noTargets = report.notes.some((n) => n.startsWith("the targets table is empty"));
    const chart = nothing(rows)
      ? emptyChart(
          noTargets
            ? "No targets: the workspace has none, so there is no coverage to show. Add sources.targets (period, segment columns, amount) and ingest again."
            : "No open pipeline, win or target in this period.",
        )
      : coverageChart({
          rows,
          label: (r: Row) => segmentLabel(r, dims),
          columns: report.columns,
          ...currencyOf(report),
          width: ctx.width,
          ariaLabel: "won and open pipeline against target by segment",
        });
    return [
      lead(report, ctx.state.period !== ""),
      chartBox(
        chart,
        "Dark: won in the period; light: open pipeline expected to close in it; black tick: the target. Hover or Tab to a bar for its numbers.",
      ),
      dataTable(pickColumns(report.columns, [...dims, ...COLUMNS, ...compareColumns(report)]), rows, {
        id: "view-table",
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
