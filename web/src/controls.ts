// The control bar: period, dimensions, model, stage, compare and segment filters. Each change becomes
// a new URL. Controls a view does not use stay visible but disabled, saying so; compare, which needs a
// bounded window, also says so in words while no period is picked. Also the Channels view's
// intervals switch, which lives beside its chart because no other view has intervals to ask for.
import "./intervals-toggle.css";
import { DATA_DRIVEN_MODEL_NAMES, type Meta } from "../../src/contract/index.js";
import { h } from "./dom.js";
import { compareParams, intervalsWanted, modelHasIntervals, type State } from "./state.js";
import type { ControlName } from "./view-kit.js";

type Navigate = (patch: Partial<State>) => void;

function select(
  name: string,
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
  onChange: (v: string) => void,
  disabled: boolean,
  groups?: readonly (readonly [string, readonly (readonly [string, string])[]])[],
): HTMLElement {
  const opts = options.map(([v, text]) => h("option", { value: v, selected: v === value }, text));
  const grouped = (groups ?? []).map(([title, items]) =>
    h("optgroup", { label: title }, ...items.map(([v, text]) => h("option", { value: v, selected: v === value }, text))),
  );
  const el = h(
    "select",
    {
      id: `ctl-${name}`,
      name,
      disabled,
      title: disabled ? "not used by this view" : null,
      onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value),
    },
    ...opts,
    ...grouped,
  );
  return h("label", { class: disabled ? "ctl off" : "ctl" }, h("span", {}, label), el);
}

/** Points a control's select at the element that explains it (aria-describedby), when there is one. */
function describedBy(control: HTMLElement, id: string | null): HTMLElement {
  if (id !== null) control.querySelector("select")?.setAttribute("aria-describedby", id);
  return control;
}

function periodGroups(meta: Meta, current: string): (readonly [string, (readonly [string, string])[]])[] {
  const known = [...meta.periods.years, ...meta.periods.quarters];
  const custom: [string, string][] = current && !known.includes(current) ? [[current, current]] : [];
  return [
    ["Fiscal years", meta.periods.years.map((y) => [y, y] as const)],
    ["Quarters", meta.periods.quarters.map((q) => [q, q] as const)],
    ...(custom.length ? [["From the link", custom] as const] : []),
  ];
}

/**
 * What "no period" means in the current view: all time, except in coverage, where the report picks
 * a quarter itself (the one containing as-of, or the next once it has ended) and the picker says which.
 */
function allTimeLabel(state: State, meta: Meta): string {
  const coverage = state.view === "coverage" ? (meta.periods.coverage_default ?? null) : null;
  return coverage ? `Default: ${coverage}` : "All time";
}

const COMPARE_CHOICES: readonly (readonly [string, string])[] = [
  ["", "No comparison"],
  ["previous", "Previous period"],
  ["year", "Same period a year earlier"],
];

const COMPARE_NEEDS_PERIOD = "pick a period to compare";

/** Compare with: none, the window before, or the same window a year earlier (a period from a link is kept as its own choice). */
function compareControl(state: State, used: boolean, navigate: Navigate): HTMLElement {
  const needsPeriod = used && !state.period;
  const shown = compareParams(state).compare ?? "";
  const fromLink =
    state.compare && !COMPARE_CHOICES.some(([v]) => v === state.compare) ? [[state.compare, `with ${state.compare}`] as const] : [];
  const el = h(
    "select",
    {
      id: "ctl-compare",
      name: "compare",
      disabled: !used || needsPeriod,
      title: !used ? "not used by this view" : needsPeriod ? COMPARE_NEEDS_PERIOD : null,
      "aria-describedby": needsPeriod ? "ctl-compare-why" : null,
      onchange: (e: Event) => navigate({ compare: (e.target as HTMLSelectElement).value }),
    },
    ...[...COMPARE_CHOICES, ...fromLink].map(([v, text]) => h("option", { value: v, selected: v === shown }, text)),
  );
  return h(
    "label",
    { class: used ? "ctl" : "ctl off" },
    h("span", {}, "Compare"),
    el,
    needsPeriod ? h("span", { class: "ctl-why", id: "ctl-compare-why" }, COMPARE_NEEDS_PERIOD) : null,
  );
}

export function controlBar(state: State, meta: Meta, uses: readonly ControlName[], navigate: Navigate): HTMLElement {
  const off = (c: ControlName) => !uses.includes(c);
  const dims = meta.dimensions.map((d) => [d, d] as const);
  const [first = "", second = ""] = state.by;
  const filters = state.by.map((dim) =>
    select(
      `seg-${dim}`,
      `${dim} filter`,
      state.seg[dim] ?? "",
      [["", `all ${dim}`], ...(meta.segments[dim] ?? []).map((v) => [v, v] as const)],
      (v) => {
        const seg = { ...state.seg };
        if (v) seg[dim] = v;
        else delete seg[dim];
        navigate({ seg });
      },
      false,
    ),
  );
  return h(
    "form",
    { class: "controls", onsubmit: (e: Event) => e.preventDefault(), "aria-label": "report settings" },
    select(
      "period",
      "Period",
      state.period,
      [["", allTimeLabel(state, meta)]],
      (v) => navigate({ period: v }),
      off("period"),
      periodGroups(meta, state.period),
    ),
    select(
      "by",
      "Segment by",
      first,
      [["", "(whole population)"], ...dims],
      (v) => navigate({ by: v ? [v, ...(second && second !== v ? [second] : [])] : [] }),
      off("by"),
    ),
    select(
      "by2",
      "then by",
      second,
      [["", "—"], ...dims.filter(([d]) => d !== first)],
      (v) => navigate({ by: [first, ...(v ? [v] : [])].filter(Boolean) }),
      off("by") || !first,
    ),
    // the model's explanation (app.ts mounts #model-help under the bar when the view uses a model)
    describedBy(
      select(
        "model",
        "Model",
        state.model,
        meta.models.map((m) => [m, m.replaceAll("_", " ")] as const),
        (v) => navigate({ model: v }),
        off("model"),
      ),
      off("model") ? null : "model-help",
    ),
    select(
      "stage",
      "Stage",
      state.stage,
      meta.stages.map((s) => [s, s] as const),
      (v) => navigate({ stage: v }),
      off("stage"),
    ),
    compareControl(state, !off("compare"), navigate),
    ...filters,
  );
}

const INTERVAL_MODELS = DATA_DRIVEN_MODEL_NAMES.join(", ");

/** Why the switch is off, or what turning it on costs: the bootstrap refits the model once per resample. */
function intervalsTitle(model: string): string {
  if (!modelHasIntervals(model)) {
    return `Intervals need a fitted model (${INTERVAL_MODELS}): ${model.replaceAll("_", " ")} credits each journey by a fixed rule, so there is no fit whose sampling noise a bootstrap could show.`;
  }
  return "95 % bootstrap intervals over journeys on each cell's pipeline and share of segment. The model is refitted on every resample (200 by default, fewer for markov of order 3 or 4), so this takes longer.";
}

/** The Channels view's "Intervals (95 %)" checkbox: enabled for the fitted models only, its choice kept in the URL. */
export function intervalsToggle(state: State, navigate: Navigate): HTMLElement {
  const enabled = modelHasIntervals(state.model);
  const title = intervalsTitle(state.model);
  const box = h("input", {
    type: "checkbox",
    id: "ctl-intervals",
    name: "intervals",
    checked: intervalsWanted(state),
    disabled: !enabled,
    title,
    onchange: (e: Event) => navigate({ intervals: (e.target as HTMLInputElement).checked }),
  });
  return h("div", { class: "switch" }, h("label", { class: enabled ? "toggle" : "toggle off", title }, box, "Intervals (95 %)"));
}
