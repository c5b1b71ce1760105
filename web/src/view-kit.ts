// What every view gets (state, meta, a report loader that also records the CSV downloads) and the
// pieces views share: notes, legends, the Unattributed callout, metric switches.
import type { Meta, ReportResult, Row } from "../../src/contract/index.js";
import type { Query, QueryPatch } from "./api.js";
import { h } from "./dom.js";
import { immatureThreshold, isImmature, UNATTRIBUTED_NOTE_START, unattributedNote } from "./report-json.js";
import type { State } from "./state.js";

export type ControlName = "period" | "by" | "model" | "stage" | "compare";

export interface ViewContext {
  readonly state: State;
  readonly meta: Meta;
  /** Width available to a chart, in CSS pixels. */
  readonly width: number;
  /**
   * Runs a report with the state's parameters (plus extra ones) and offers it as CSV and HTML; `download`
   * overrides keys in those files only (the deals view shows 500 deals and downloads every one).
   */
  load(name: string, extra?: QueryPatch, download?: QueryPatch): Promise<ReportResult>;
  /** Runs a report with exactly this query (a saved view), none of the state's parameters added; offered as CSV and HTML. */
  loadExact(name: string, query: Query): Promise<ReportResult>;
  /** The query `load` sends for the same arguments, for a view's own download button. */
  query(name: string, extra?: QueryPatch): Query;
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
  /** The controls the view uses (the others are shown disabled); a function when it depends on the report shown. */
  readonly controls: readonly ControlName[] | ((state: State, meta: Meta) => readonly ControlName[]);
  /** The segment filters go to the server as `where` (the deals view) instead of filtering the rows shown. */
  readonly segmentsAsWhere?: boolean;
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

/** How the view's chart marks immature rows: heatmap cells, interval-chart points, or not at all. */
export type ImmatureDrawn = "cells" | "points" | null;

const IMMATURE_DRAWN = {
  cells: { swatch: "swatch hatch immature", words: "Hatched cells in a dotted orange frame, and rows marked immature" },
  points: { swatch: "swatch ring immature", words: "Points ringed in dotted orange, and rows marked immature" },
} as const;

/** Explains the immature badge (and how the chart marks the same rows) when a shown row is immature. */
export function immatureLegend(report: ReportResult, rows: readonly Row[], drawn: ImmatureDrawn): HTMLElement | null {
  if (!rows.some(isImmature)) return null;
  const threshold = immatureThreshold(report);
  const open = threshold === null ? "much of the cohort" : `more than ${threshold} % of the cohort`;
  const chart = drawn === null ? null : IMMATURE_DRAWN[drawn];
  return h(
    "p",
    { class: "legend-note", id: "immature-legend" },
    chart ? h("span", { class: chart.swatch }) : null,
    h("span", { class: "badge immature" }, "immature"),
    `${chart?.words ?? "Rows marked immature"}: ${open} (the opportunities created in the window) is still open, so the rate is early and will move as those close.`,
  );
}

/** How much pipeline is Unattributed and why, as a box above the chart rather than only among the notes. */
export function unattributedCallout(report: ReportResult): HTMLElement | null {
  const note = unattributedNote(report);
  if (note === undefined) return null;
  return h(
    "aside",
    { class: "callout unattributed", role: "note", "data-report": report.report },
    h("strong", {}, UNATTRIBUTED_NOTE_START),
    ` ${note.slice(UNATTRIBUTED_NOTE_START.length).trim()}`,
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
  key: "metric" | "measure" | "mode",
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

/** The comparison columns the report declares (`compare`): each metric's `_compare`, `_change` and `_change_significant`, in its order. */
export function compareColumns(report: ReportResult): string[] {
  return report.params.compare ? report.columns.map((c) => c.key).filter((k) => /_(compare|change|change_significant)$/.test(k)) : [];
}

export const chartBox = (chart: Node | null, caption?: string): HTMLElement | null =>
  chart ? h("figure", { class: "chart" }, chart, caption ? h("figcaption", {}, caption) : null) : null;

export const emptyNote = (text: string): HTMLElement => h("p", { class: "empty" }, text);
