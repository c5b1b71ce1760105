// Any other report (pipeline, velocity, losses, and whatever is added later): its chart if one is
// registered, and its table with every column the report declares, labelled and formatted by it;
// the Unattributed callout and the immature legend when the report has them; the compare control
// for a report that takes `compare` (pipeline), its columns then among the rest. A bar of a segment
// (pipeline, ltv) opens the deals behind it.
import { accepts } from "../api.js";
import { chartForReport } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import { rowLinks } from "../drill.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { dimsOf, immatureThreshold } from "../report-json.js";
import { compareParams } from "../state.js";
import { chartBox, emptyNote, immatureLegend, notesList, unattributedCallout, type View } from "../view-kit.js";

export const reportView: View = {
  id: "report",
  title: "Report",
  question: "Every column of the report, as the CLI prints it.",
  controls: (state, meta) => (accepts(meta, state.report || "pipeline", "compare") ? ["period", "by", "compare"] : ["period", "by"]),
  async render(ctx) {
    const name = ctx.state.report || "pipeline";
    const report = await ctx.load(name, compareParams(ctx.state));
    const rows = ctx.filter(report.rows);
    const links = rowLinks(dimsOf(report), (p) => ctx.href(p));
    return [
      h("h3", {}, `pipeprism report ${name}`),
      unattributedCallout(report),
      chartBox(chartForReport({ ...report, rows }, ctx.width, links)),
      immatureLegend(report, rows, null),
      rows.length
        ? dataTable(
            pickColumns(
              report.columns,
              report.columns.map((c) => c.key),
            ),
            rows,
            {
              id: "view-table",
              immatureThreshold: immatureThreshold(report),
              totals: reportTotals(report, ctx.state.seg),
            },
          )
        : emptyNote("No rows for these settings."),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
