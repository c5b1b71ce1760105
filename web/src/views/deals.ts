// The deals behind a number (report deals): the opportunities a heatmap cell, a table cell or a
// finding adds up, with each one's journey and the credit it gives the channel. The state's segment
// filters on the --by dimensions are sent as `where`, which picks that cell of the --by matrix
// without refitting, so the credited total is the cell's pipeline in `report attribution`. Reached
// by drill-down, not from the navigation; the list shows the server's default 500 largest, the
// CSV holds every deal (`limit=0`).
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { h } from "../dom.js";
import { csvLink } from "../downloads.js";
import { fmt, formatOf } from "../format.js";
import { dimsOf } from "../report-json.js";
import { whereParams, type State } from "../state.js";
import { dataTable, pickColumns } from "../table.js";
import { emptyNote, notesList, unattributedCallout, type View } from "../view-kit.js";

/** Every deal, for the downloads: the server's list stops at 500 by default. */
const WHOLE_LIST = { limit: "0" } as const;

/** The numbers and the journey first, where a narrow screen shows them without scrolling; dates and ids after. */
const before = ["opportunity_id"];
const after = [
  "status",
  "amount",
  "credit",
  "credited_amount",
  "journey",
  "credits",
  "touches",
  "stage",
  "created_date",
  "close_date",
  "account_id",
];

/** "Events · size Enterprise · w_shaped · 2026-Q2 — 2,100 deals, 101,965,341 credited". */
function heading(report: ReportResult, state: State): string {
  const total = report.totals[0] ?? {};
  const cells = (report.params.cells ?? {}) as Record<string, unknown>;
  const where = Object.entries(cells).map(([dim, values]) => `${dim} ${Array.isArray(values) ? values.join(" or ") : String(values)}`);
  const channel = typeof report.params.channel === "string" ? report.params.channel : "";
  const period = typeof report.params.period === "string" ? report.params.period : state.period || "all time";
  const stage = report.params.stage === "revenue" ? ["revenue"] : [];
  const parts = [channel || "All channels", ...where, String(report.params.model ?? state.model), ...stage, period];
  const deals = fmt(total.deals, "count");
  const amount = fmt(total.credited_amount, formatOf(report.columns, "credited_amount"), report.currency);
  return `${parts.join(" · ")} — ${deals} deals, ${amount} ${channel ? "credited" : "pipeline"}`;
}

export const dealsView: View = {
  id: "deals",
  title: "Deals behind a cell",
  question: "Which opportunities make up this number: their journeys, and the credit each gives the channel?",
  controls: ["period", "by", "model", "stage"],
  segmentsAsWhere: true,
  async render(ctx) {
    const extra = { where: whereParams(ctx.state), ...(ctx.state.channel ? { channel: ctx.state.channel } : {}) };
    const report = await ctx.load("deals", extra, WHOLE_LIST);
    const dims = dimsOf(report);
    const total: Row = report.totals[0] ?? {};
    const columns = pickColumns(report.columns, [...before, ...dims, ...after]).map((c) =>
      c.key === "journey" || c.key === "credits" ? { ...c, wrap: true } : c,
    );
    const back = ctx.state.channel
      ? h("a", { href: ctx.href({ channel: "" }), class: "drill-up" }, "Every channel's deals in this cell")
      : null;
    const channels = h(
      "a",
      { href: ctx.href({ view: "channels", hl: ctx.state.channel ? [ctx.state.channel] : [] }), class: "drill-up" },
      "Channels × segments",
    );
    return [
      h(
        "div",
        { class: "deals-head" },
        h("h3", { id: "deals-heading" }, heading(report, ctx.state)),
        csvLink("deals", ctx.query("deals", { ...extra, ...WHOLE_LIST }), "Download CSV", "deals-csv"),
      ),
      h("p", { class: "drill-links" }, back, channels),
      ctx.state.channel === "Unattributed" ? unattributedCallout(report) : null,
      report.rows.length
        ? dataTable(columns, report.rows, {
            id: "deals-table",
            fold: false,
            totals: { row: total, label: `All ${fmt(total.deals, "count")} deals` },
          })
        : emptyNote("No deal in this cell for these settings."),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
