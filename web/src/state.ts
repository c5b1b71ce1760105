// The dashboard's whole state lives in the URL query, so any view can be bookmarked or sent:
// /?view=channels&by=size&period=2026-Q2&model=markov&metric=win_rate&intervals=1&seg=size:Enterprise
// /?view=deals&by=size&period=2026-Q2&model=markov&seg=size:Enterprise&channel=Events (a heatmap cell's deals)
import { DATA_DRIVEN_MODEL_NAMES, type Meta } from "../../src/contract/index.js";

export interface State {
  readonly view: string;
  readonly by: readonly string[];
  /** "" is all time. */
  readonly period: string;
  readonly model: string;
  readonly stage: string;
  /** Channels view: pipeline | share_of_segment | win_rate | quality_index. */
  readonly metric: string;
  /** Trends view: pipeline_created | open_pipeline | win_rate. Cost view: spend | cac | … */
  readonly measure: string;
  /** Win rate view: snapshot (closed by the window's end, "") | cohort (created in the window, `--cohort`). */
  readonly mode: string;
  /** Channels view: bootstrap intervals asked for (`--intervals`); sent only while the model is data-driven. */
  readonly intervals: boolean;
  /** Segment filter: dimension → the one value shown. The deals view sends it as `where` (picking cells of the --by matrix). */
  readonly seg: Readonly<Record<string, string>>;
  /** Deals view: the channel whose credited deals are listed ("" every deal, with its credits). */
  readonly channel: string;
  /** Compare with another window: "" none | previous | year; sent only while a period is picked. */
  readonly compare: string;
  /** Channels to emphasise (a finding's channels). */
  readonly hl: readonly string[];
  /** The report shown by the generic view. */
  readonly report: string;
  /** The saved view (config `views:`) shown by the saved view page. */
  readonly saved: string;
}

function defaultState(meta: Meta): State {
  return {
    view: "overview",
    by: meta.dimensions.slice(0, 1),
    period: "",
    model: meta.default_model,
    stage: "pipeline",
    metric: "",
    measure: "",
    mode: "",
    intervals: false,
    seg: {},
    channel: "",
    compare: "",
    hl: [],
    report: "",
    saved: "",
  };
}

export function parseState(search: string, meta: Meta): State {
  const q = new URLSearchParams(search);
  const base = defaultState(meta);
  const by = q.get("by");
  const seg: Record<string, string> = {};
  for (const entry of q.getAll("seg")) {
    const at = entry.indexOf(":");
    if (at > 0) seg[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return {
    view: q.get("view") ?? base.view,
    by: by === null ? base.by : by.split(",").filter(Boolean),
    period: q.get("period") ?? base.period,
    model: q.get("model") ?? base.model,
    stage: q.get("stage") ?? base.stage,
    metric: q.get("metric") ?? "",
    measure: q.get("measure") ?? "",
    mode: q.get("mode") ?? "",
    intervals: isOn(q.get("intervals")),
    seg,
    channel: q.get("channel") ?? "",
    compare: q.get("compare") ?? "",
    hl: q.getAll("hl"),
    report: q.get("report") ?? "",
    saved: q.get("saved") ?? "",
  };
}

/** A switch in the URL: on when present, unless spelled off ("0", "false"), so a hand-edited link still reads as meant. */
const isOn = (value: string | null): boolean => value !== null && value !== "0" && value !== "false";

/** Only the fitted models have bootstrap intervals; the server refuses `intervals` with a position model. */
export const modelHasIntervals = (model: string): boolean => (DATA_DRIVEN_MODEL_NAMES as readonly string[]).includes(model);

/** Intervals are asked for and the model can give them: the one case the attribution request carries `intervals`. */
export const intervalsWanted = (state: State): boolean => state.intervals && modelHasIntervals(state.model);

/** The report parameters the state holds, as query keys; empty ones (all time, no dimension) left out. */
export function reportParams(state: State): Record<string, string> {
  const params = { by: state.by.join(","), period: state.period, model: state.model, stage: state.stage };
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ""));
}

export function stateQuery(state: State): string {
  const q = new URLSearchParams();
  q.set("view", state.view);
  if (state.report) q.set("report", state.report);
  if (state.saved) q.set("saved", state.saved);
  q.set("by", state.by.join(","));
  if (state.period) q.set("period", state.period);
  q.set("model", state.model);
  q.set("stage", state.stage);
  if (state.metric) q.set("metric", state.metric);
  if (state.measure) q.set("measure", state.measure);
  if (state.mode) q.set("mode", state.mode);
  if (state.intervals) q.set("intervals", "1");
  if (state.channel) q.set("channel", state.channel);
  if (state.compare) q.set("compare", state.compare);
  for (const [dim, value] of Object.entries(state.seg)) if (state.by.includes(dim)) q.append("seg", `${dim}:${value}`);
  for (const channel of state.hl) q.append("hl", channel);
  return `?${q.toString()}`;
}

/** The compare choice as the reports take it (`compare`), only with a period: the server needs a bounded window. */
export function compareParams(state: State): Record<string, string> {
  return state.compare && state.period ? { compare: state.compare } : {};
}

/** The deals view's cell: each segment filter on a --by dimension as a `where` (repeated key), so the server picks that cell of the matrix. */
export function whereParams(state: State): string[] {
  return Object.entries(state.seg)
    .filter(([dim]) => state.by.includes(dim))
    .map(([dim, value]) => `${dim}=${value}`);
}

/** A new state; changing the dimensions or the view drops filters and highlights that no longer apply (the compare choice stays). */
export function patchState(state: State, patch: Partial<State>): State {
  const next = { ...state, ...patch };
  const seg = Object.fromEntries(Object.entries(next.seg).filter(([dim]) => next.by.includes(dim)));
  const leaving = patch.view !== undefined && patch.view !== state.view;
  return {
    ...next,
    seg,
    hl: leaving && !patch.hl ? [] : next.hl,
    metric: leaving && !patch.metric ? "" : next.metric,
    measure: leaving && !patch.measure ? "" : next.measure,
    mode: leaving && !patch.mode ? "" : next.mode,
    intervals: leaving && patch.intervals === undefined ? false : next.intervals,
    channel: leaving && patch.channel === undefined ? "" : next.channel,
    saved: leaving && patch.saved === undefined ? "" : next.saved,
  };
}
