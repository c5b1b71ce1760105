// Coverage against target (report coverage): is there enough open pipeline to make the number?
import type { Row } from "../../../src/contract/index.js";
import { coverageChart } from "../charts/coverage-chart.js";
import { h } from "../dom.js";
import { dimsOf, segmentLabel } from "../report-json.js";
import { compareParams } from "../state.js";
import { dataTable, pickColumns } from "../table.js";
import { chartBox, compareColumns, notesList, type View } from "../view-kit.js";

const COLUMNS = ["target", "won", "open_pipeline", "open_pipeline_count", "coverage", "remaining_coverage"];

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
    const lead = h(
      "p",
      { class: "lead" },
      `Period ${String(report.params.period)} (${String(report.params.from)} to ${String(report.params.to)}); without a period, the quarter containing the as-of date. Coverage is open pipeline over target; remaining coverage is open pipeline over what is left of the target after wins.`,
    );
    const chart = rows.length
      ? coverageChart({
          rows,
          label: (r: Row) => segmentLabel(r, dims),
          columns: report.columns,
          width: ctx.width,
          ariaLabel: "won and open pipeline against target by segment",
        })
      : null;
    return [
      lead,
      chartBox(chart),
      dataTable(pickColumns(report.columns, [...dims, ...COLUMNS, ...compareColumns(report)]), rows, { id: "view-table" }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
