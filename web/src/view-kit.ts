// What every view gets (state, meta, a report loader that also records the CSV downloads) and the
// pieces views share: notes, legends, metric switches.
import type { Meta, ReportResult, Row } from "../../src/contract/index.js";
import { h } from "./dom.js";
import type { State } from "./state.js";

export type ControlName = "period" | "by" | "model" | "stage";

export interface ViewContext {
  readonly state: State;
  readonly meta: Meta;
  /** Width available to a chart, in CSS pixels. */
  readonly width: number;
  /** Runs a report with the state's parameters (plus extra ones) and offers it as CSV. */
  load(name: string, extra?: Readonly<Record<string, string>>): Promise<ReportResult>;
  href(patch: Partial<State>): string;
  navigate(patch: Partial<State>): void;
  /** Rows of the segments the segment filter keeps. */
  filter(rows: readonly Row[]): Row[];
}

export interface View {
  readonly id: string;
  readonly title: string;
  /** The question the view answers, shown under its title. */
  readonly question: string;
  readonly controls: readonly ControlName[];
  /** Shown while loading, for views that take a while. */
  readonly loading?: string;
  render(ctx: ViewContext): Promise<Node[]>;
}

export function notesList(report: ReportResult): HTMLElement | null {
  if (!report.notes.length) return null;
  return h(
    "details",
    { class: "notes", open: report.notes.length <= 3 },
    h("summary", {}, `Notes (${report.notes.length})`),
    h("ul", {}, ...report.notes.map((n) => h("li", {}, n))),
  );
}

export function thinLegend(minSample: number, rows: readonly Row[]): HTMLElement | null {
  if (!rows.some((r) => r.sample === "thin")) return null;
  return h(
    "p",
    { class: "legend-note" },
    h("span", { class: "swatch hatch" }),
    `Hatched cells and grey, hollow points are thin: fewer than ${minSample} closed outcomes, so the rate is directional. Hover a cell or point for its 95% interval.`,
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A row of toggle buttons (links, so each choice is shareable) for a view's own option. */
export function switcher(
  ctx: ViewContext,
  label: string,
  key: "metric" | "measure",
  choices: readonly Choice[],
  current: string,
): HTMLElement {
  return h(
    "div",
    { class: "switch", role: "group", "aria-label": label },
    h("span", { class: "switch-label" }, label),
    ...choices.map((c) =>
      h(
        "a",
        {
          href: ctx.href({ [key]: c.value }),
          class: c.value === current ? "on" : null,
          "aria-pressed": c.value === current ? "true" : "false",
          "data-choice": c.value,
        },
        c.label,
      ),
    ),
  );
}

export const chartBox = (chart: Node | null, caption?: string): HTMLElement | null =>
  chart ? h("figure", { class: "chart" }, chart, caption ? h("figcaption", {}, caption) : null) : null;

export const emptyNote = (text: string): HTMLElement => h("p", { class: "empty" }, text);
