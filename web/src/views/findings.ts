// Findings (report insights): what the aggregate hides, ranked by pipeline at stake, each linked
// to the view that shows the numbers behind it and, when it names a channel, to the deals credited to
// that channel (in its segment); how much pipeline is Unattributed, and why, above them.
import type { Row } from "../../../src/contract/index.js";
import { h } from "../dom.js";
import { dealsPatch, drillLabel, type DrillTarget } from "../drill.js";
import { fmt, formatOf } from "../format.js";
import { modelHasIntervals, type State } from "../state.js";
import { emptyNote, notesList, unattributedCallout, type View } from "../view-kit.js";

const TYPE_LABELS: Readonly<Record<string, string>> = {
  segment_share: "Channel mix departs by segment",
  simpson_reversal: "Aggregate reverses by segment",
  win_rate_move: "Win rate moved",
  model_rank_change: "Depends on the model",
  channel_ranking: "How settled the ranking is",
};

/** The view (and its settings) that shows a finding's numbers. */
function findingTarget(row: Row, state: State): { patch: Partial<State>; label: string } {
  const dim = typeof row.dimension === "string" ? [row.dimension] : [];
  const channels = typeof row.channel === "string" ? row.channel.split(" vs ") : [];
  switch (row.type) {
    case "segment_share":
      return {
        patch: { view: "channels", by: dim, metric: "share_of_segment", hl: channels, seg: {} },
        label: "Show in channels × segments",
      };
    case "simpson_reversal":
      return {
        patch: { view: "channels", by: dim, metric: "win_rate", hl: channels, seg: {} },
        label: "Show win rates in channels × segments",
      };
    case "win_rate_move":
      return {
        patch: {
          view: "trends",
          by: dim,
          measure: "win_rate",
          seg: typeof row.segment === "string" && dim[0] ? { [dim[0]]: row.segment } : {},
        },
        label: "Show the trend",
      };
    case "model_rank_change":
      return { patch: { view: "models", by: [], hl: channels, seg: {} }, label: "Show in model comparison" };
    case "channel_ranking": {
      // Ranked under the insights model when it is fitted, else lift (report insights' note).
      const model = modelHasIntervals(state.model) ? state.model : "lift";
      return {
        patch: { view: "channels", by: dim, model, metric: "share_of_segment", intervals: true, hl: channels, seg: {} },
        label: "Show with intervals in channels × segments",
      };
    }
    default:
      return { patch: { view: "channels", by: dim, seg: {} }, label: "Show in channels × segments" };
  }
}

/** The cells a finding names: one per channel ("Events vs Email" names two), in its segment when it has one, under its target's model. */
function findingDeals(row: Row, target: Partial<State>): DrillTarget[] {
  if (typeof row.channel !== "string") return [];
  const by = typeof row.dimension === "string" ? [row.dimension] : [];
  const seg = typeof row.segment === "string" && by[0] ? { [by[0]]: row.segment } : {};
  return row.channel.split(" vs ").map((channel) => ({ by, seg, channel, ...(target.model ? { model: target.model } : {}) }));
}

export const findingsView: View = {
  id: "findings",
  title: "Findings",
  question: "What does the aggregate hide? Ranked by pipeline at stake; each links to its numbers.",
  controls: ["period", "by", "model", "stage"],
  loading: "Testing every channel in every segment and comparing all attribution models: this can take a while.",
  async render(ctx) {
    const report = await ctx.load("insights");
    const stake = formatOf(report.columns, "pipeline_at_stake");
    const item = (row: Row): HTMLElement => {
      const target = findingTarget(row, ctx.state);
      return h(
        "li",
        { class: "finding", "data-type": String(row.type) },
        h(
          "div",
          { class: "finding-head" },
          h("span", { class: "rank" }, `#${String(row.rank)}`),
          h("span", { class: `badge type-${String(row.type)}` }, TYPE_LABELS[String(row.type)] ?? String(row.type)),
          h(
            "span",
            { class: "stake", "data-key": "pipeline_at_stake", "data-value": JSON.stringify(row.pipeline_at_stake ?? null) },
            `${fmt(row.pipeline_at_stake, stake, report.currency)} at stake`,
          ),
        ),
        typeof row.headline === "string" && typeof row.evidence === "string"
          ? h(
              "p",
              {},
              h("strong", { class: "finding-headline" }, row.headline),
              " ",
              h("span", { class: "finding-evidence" }, row.evidence),
            )
          : h("p", {}, String(row.finding)),
        h(
          "p",
          { class: "finding-links" },
          h("a", { class: "finding-link", href: ctx.href(target.patch) }, `${target.label} →`),
          ...findingDeals(row, target.patch).map((cell) =>
            h(
              "a",
              { class: "finding-deals", href: ctx.href(dealsPatch(cell)), title: drillLabel(cell), "data-channel": cell.channel },
              `Deals: ${cell.channel} →`,
            ),
          ),
        ),
      );
    };
    // Tested findings, then descriptions under their own heading: never mixed (the report ranks them apart).
    const tested = report.rows.filter((r) => r.category !== "description").map(item);
    const described = report.rows.filter((r) => r.category === "description").map(item);
    return [
      unattributedCallout(report),
      tested.length ? h("ol", { class: "findings", id: "findings" }, ...tested) : emptyNote("No finding at this sample size."),
      described.length
        ? h(
            "section",
            { class: "descriptions", id: "descriptions" },
            h("h3", {}, "Descriptions (not tested)"),
            h(
              "p",
              { class: "muted" },
              "How a channel's rank moves between attribution models on this data: the choice of model matters here. No test stands behind these.",
            ),
            h("ol", { class: "findings", start: tested.length + 1 }, ...described),
          )
        : null,
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
