// The dashboard shell: header, navigation, control bar and the current view, re-rendered from the
// URL on every change. Reports are fetched once per query and kept, so switching back is instant.
import type { Meta, ReportResult, Row } from "../../src/contract/index.js";
import { ApiError, fetchReport, reportQuery, reportUrl, type Query } from "./api.js";
import { controlBar } from "./controls.js";
import { h, replaceChildren } from "./dom.js";
import { chartDownloads, downloadLinks } from "./downloads.js";
import { modelHelp } from "./model-help.js";
import { parseState, patchState, stateQuery, type State } from "./state.js";
import type { View, ViewContext } from "./view-kit.js";
import { COVERED_REPORTS, GENERIC_VIEW, SAVED_VIEW, VIEWS, viewById } from "./views/index.js";
import { savedLinks } from "./views/saved.js";

interface Loaded {
  readonly name: string;
  /** The query the downloads carry. */
  readonly query: Query;
}

export class App {
  private state: State;
  private readonly cache = new Map<string, Promise<ReportResult>>();
  private readonly nav = h("nav", { class: "views", id: "views-nav", "aria-label": "views" });
  /** Below 900 px the navigation folds behind this button, which names the current view. */
  private readonly navToggle = h("button", {
    type: "button",
    class: "nav-toggle",
    "aria-controls": "views-nav",
    "aria-expanded": "false",
    onclick: () => this.toggleNav(),
  });
  private readonly controls = h("div", { class: "controls-slot" });
  private readonly view = h("section", { class: "view", id: "view", "aria-live": "polite" });
  private renderToken = 0;

  constructor(private readonly meta: Meta) {
    this.state = parseState(location.search, meta);
  }

  mount(root: HTMLElement): void {
    const copy = h("button", { type: "button", class: "copy", onclick: () => void this.copyLink(copy) }, "Copy link");
    const header = h(
      "header",
      { class: "top" },
      h("h1", {}, "pipeprism"),
      h("span", { class: "asof" }, `data as of ${this.meta.as_of}`),
      copy,
    );
    replaceChildren(
      root,
      header,
      h("div", { class: "layout" }, h("div", { class: "nav-slot" }, this.navToggle, this.nav), h("main", {}, this.controls, this.view)),
    );
    root.addEventListener("click", (e) => this.interceptLink(e));
    window.addEventListener("popstate", () => {
      this.state = parseState(location.search, this.meta);
      void this.render();
    });
    let width = window.innerWidth;
    window.addEventListener("resize", () => {
      if (Math.abs(window.innerWidth - width) < 40) return;
      width = window.innerWidth;
      void this.render();
    });
    void this.render();
  }

  navigate(patch: Partial<State>): void {
    this.state = patchState(this.state, patch);
    history.pushState(null, "", stateQuery(this.state));
    void this.render();
  }

  private interceptLink(e: MouseEvent): void {
    const a = (e.target as Element).closest("a");
    if (!a || a.hasAttribute("download") || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const href = a.getAttribute("href") ?? "";
    if (!href.startsWith("?")) return;
    e.preventDefault();
    this.state = parseState(href, this.meta);
    history.pushState(null, "", href);
    void this.render();
  }

  private toggleNav(open = this.navToggle.getAttribute("aria-expanded") !== "true"): void {
    this.navToggle.setAttribute("aria-expanded", String(open));
    this.nav.classList.toggle("open", open);
  }

  private async copyLink(button: HTMLButtonElement): Promise<void> {
    await navigator.clipboard?.writeText(location.href).catch(() => undefined);
    button.textContent = "Link copied";
    setTimeout(() => (button.textContent = "Copy link"), 1500);
  }

  private href = (patch: Partial<State>): string => stateQuery(patchState(this.state, patch));

  private renderNav(active: View): void {
    const link = (id: string, title: string, extra: Partial<State> = {}) => {
      const current = id === active.id && (extra.report === undefined || extra.report === this.state.report);
      return h(
        "a",
        {
          href: this.href({ view: id, ...extra }),
          class: current ? "on" : null,
          "aria-current": current ? "page" : null,
          "data-view": extra.report ?? id,
        },
        title,
      );
    };
    const more = this.meta.reports.filter((r) => !COVERED_REPORTS.has(r));
    replaceChildren(
      this.nav,
      ...VIEWS.map((v) => link(v.id, v.title)),
      more.length ? h("div", { class: "nav-group" }, "More reports") : null,
      ...more.map((r) => link(GENERIC_VIEW.id, r, { report: r })),
      ...savedLinks(this.meta, active.id === SAVED_VIEW.id ? this.state.saved : null, (name) =>
        this.href({ view: SAVED_VIEW.id, saved: name }),
      ),
    );
  }

  async render(): Promise<void> {
    const token = ++this.renderToken;
    const view = viewById(this.state.view);
    const state = this.state;
    this.renderNav(view);
    const uses = typeof view.controls === "function" ? view.controls(state, this.meta) : view.controls;
    replaceChildren(
      this.controls,
      controlBar(state, this.meta, uses, (p) => this.navigate(p)),
      uses.includes("model") ? modelHelp(state.model) : null,
    );
    const loaded: Loaded[] = [];
    const downloads = h("div", { class: "downloads" });
    const body = h(
      "div",
      { class: "view-body" },
      h("p", { class: "loading", role: "status" }, h("span", { class: "spinner" }), view.loading ?? "Computing…"),
    );
    const title =
      view.id === GENERIC_VIEW.id
        ? `Report: ${state.report || "pipeline"}`
        : view.id === SAVED_VIEW.id
          ? `Saved view: ${state.saved}`
          : view.title;
    replaceChildren(
      this.view,
      h("div", { class: "view-head" }, h("div", {}, h("h2", {}, title), h("p", { class: "question" }, view.question)), downloads),
      body,
    );
    document.title = `${title} · pipeprism`;
    replaceChildren(this.navToggle, h("span", { class: "nav-toggle-label" }, "Views"), ` ${title}`);
    this.toggleNav(false);
    const ctx: ViewContext = {
      state,
      meta: this.meta,
      width: Math.max(320, Math.min(1200, this.view.clientWidth - 8)),
      load: (name, extra, download) => {
        const query = reportQuery(name, state, this.meta, extra);
        loaded.push({ name, query: download ? reportQuery(name, state, this.meta, { ...extra, ...download }) : query });
        return this.fetchCached(name, query);
      },
      loadExact: (name, query) => {
        loaded.push({ name, query });
        return this.fetchCached(name, query);
      },
      query: (name, extra) => reportQuery(name, state, this.meta, extra),
      href: this.href,
      navigate: (p) => this.navigate(p),
      filter: (rows) => filterRows(rows, state.seg),
    };
    try {
      const nodes = await view.render(ctx);
      if (token !== this.renderToken) return;
      replaceChildren(body, ...(view.segmentsAsWhere ? [] : filterNote(state)), ...nodes);
      replaceChildren(
        downloads,
        ...loaded.flatMap((l) => downloadLinks(l.name, l.query)),
        ...chartDownloads(body, title, fileStem(view.id, state)),
      );
      body.setAttribute("data-ready", "true");
    } catch (error) {
      if (token !== this.renderToken) return;
      replaceChildren(body, problem(error, state));
      body.setAttribute("data-ready", "error");
    }
  }

  private fetchCached(name: string, query: Query): Promise<ReportResult> {
    const key = reportUrl(name, query);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = fetchReport(name, query);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }
}

/** "pipeprism-channels-size-2026-Q2", as the server names a report's downloads. */
const fileStem = (view: string, state: State): string =>
  ["pipeprism", view, state.by.join("-"), state.period]
    .filter(Boolean)
    .join("-")
    .replace(/[^\w.-]+/g, "_");

function filterRows(rows: readonly Row[], seg: Readonly<Record<string, string>>): Row[] {
  const entries = Object.entries(seg);
  return rows.filter((r) => entries.every(([dim, value]) => !(dim in r) || r[dim] === value));
}

function filterNote(state: State): HTMLElement[] {
  const entries = Object.entries(state.seg);
  if (!entries.length) return [];
  return [
    h(
      "p",
      { class: "filter-note" },
      `Showing ${entries.map(([d, v]) => `${d} = ${v}`).join(", ")} only. CSV and HTML downloads hold every segment.`,
    ),
  ];
}

function problem(error: unknown, state: State): HTMLElement {
  const status = error instanceof ApiError ? error.status : -1;
  const message = error instanceof Error ? error.message : String(error);
  const missing = status === 404 || /unknown report/.test(message);
  const heading = missing
    ? "This report is not available in this version of pipeprism."
    : status === 400
      ? "This view cannot be computed with these settings."
      : "Something went wrong while computing this view.";
  return h(
    "div",
    { class: "problem", role: "alert" },
    h("h3", {}, heading),
    h("p", {}, message),
    h("p", {}, h("a", { href: `?view=${encodeURIComponent(state.view === "report" ? "overview" : state.view)}` }, "Reset the settings")),
  );
}
