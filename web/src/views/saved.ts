// Saved views (config `views:`, listed in /api/meta): each runs its report with exactly its own
// query — the dashboard's period, dimensions and model are not added — and shows every column, as
// `pipeprism report --view NAME` prints it. A view the server cannot run shows why.
import type { Meta } from "../../../src/contract/index.js";
import type { Query } from "../api.js";
import { h } from "../dom.js";
import { immatureThreshold } from "../report-json.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { emptyNote, notesList, unattributedCallout, type View } from "../view-kit.js";

type SavedView = Meta["views"][number];

const viewsOf = (meta: Meta): readonly SavedView[] => meta.views ?? [];

/** A saved view's query string as query keys, repeated keys (where) as lists. */
function queryOf(view: SavedView): Query {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(view.query)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [...(typeof seen === "string" ? [seen] : seen), value];
  }
  return out;
}

export const savedView: View = {
  id: "saved",
  title: "Saved view",
  question: "A report saved under views: in pipeprism.yaml, with exactly its own flags.",
  controls: [],
  async render(ctx) {
    const view = viewsOf(ctx.meta).find((v) => v.name === ctx.state.saved);
    if (!view) return [emptyNote(`No saved view "${ctx.state.saved}" in the config.`)];
    const command = `pipeprism report --view ${view.name}`;
    if (view.error) return [h("h3", {}, command), h("p", { class: "error", role: "alert" }, view.error)];
    const report = await ctx.loadExact(view.report, queryOf(view));
    return [
      h("h3", {}, `${command}  (report ${view.report}${view.query ? `, ${decodeURIComponent(view.query.replaceAll("+", " "))}` : ""})`),
      unattributedCallout(report),
      report.rows.length
        ? dataTable(
            pickColumns(
              report.columns,
              report.columns.map((c) => c.key),
            ),
            report.rows,
            { id: "view-table", immatureThreshold: immatureThreshold(report), totals: reportTotals(report) },
          )
        : emptyNote("No rows for this view."),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};

/** Navigation links to the saved views, under their own heading (none when the config has none). */
export function savedLinks(meta: Meta, current: string | null, href: (name: string) => string): HTMLElement[] {
  const views = viewsOf(meta);
  if (views.length === 0) return [];
  return [
    h("div", { class: "nav-group" }, "Saved views"),
    ...views.map((v) =>
      h(
        "a",
        {
          href: href(v.name),
          class: v.name === current ? "on" : null,
          "aria-current": v.name === current ? "page" : null,
          "data-saved": v.name,
          title: v.error ?? `report ${v.report}`,
        },
        v.name,
      ),
    ),
  ];
}
