// Any other report (pipeline, velocity, losses, and whatever is added later): its chart if one is
// registered, and its table with every column the report declares, labelled and formatted by it.
import { chartForReport } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import { dataTable } from "../table.js";
import { chartBox, emptyNote, notesList, type View } from "../view-kit.js";

export const reportView: View = {
  id: "report",
  title: "Report",
  question: "Every column of the report, as the CLI prints it.",
  controls: ["period", "by"],
  async render(ctx) {
    const name = ctx.state.report || "pipeline";
    const report = await ctx.load(name);
    const rows = ctx.filter(report.rows);
    return [
      h("h3", {}, `pipeprism report ${name}`),
      chartBox(chartForReport({ ...report, rows }, ctx.width)),
      rows.length ? dataTable(report.columns, rows, { id: "view-table" }) : emptyNote("No rows for these settings."),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
