// `--compare previous|year|<period>`: every compared value equals the same report run on the
// comparison window alone; Δ is the difference; a rate's significance is the two-proportion
// z-test computed here from the won/lost (or reached) counts, independently of src/stats. The
// comparison windows are worked out by hand (previous quarter, same quarter a year earlier, a
// custom window's preceding days, coverage's as-of moved with its window).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { runReport } from "../src/report/run-report.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";
import { run } from "./helpers/run-cli.js";

let demo: DemoWorkspace;
beforeAll(async () => {
  demo = await demoWorkspace({ seed: 3, scale: 0.1 });
}, 120_000);
afterAll(async () => demo?.close());

/** Two-sided p-value of the pooled two-proportion z-test, Φ by the Abramowitz–Stegun 7.1.26 erf. */
function pValue(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  const z = Math.abs(x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-(z * z) / 2); // = 1 − erf(z/√2) = 2·(1 − Φ(z))
}

const key = (r: Row, keys: readonly string[]) => JSON.stringify(keys.map((k) => r[k] ?? null));

interface Case {
  readonly report: string;
  readonly options: Record<string, unknown>;
  readonly compare: string;
  /** The comparison window's flags, worked out by hand. */
  readonly alone: Record<string, unknown>;
  readonly keys: readonly string[];
  readonly metrics: readonly string[];
  /** Successes and trials of the rate metric, when there is one. */
  readonly rate?: { readonly key: string; readonly x: string; readonly n: (r: Row) => number };
}

const closed = (r: Row) => Number(r.won) + Number(r.lost);
const CASES: readonly Case[] = [
  {
    report: "winrate",
    options: { by: ["size"], period: "2026-Q2" },
    compare: "previous",
    alone: { by: ["size"], period: "2026-Q1" },
    keys: ["size"],
    metrics: ["win_rate"],
    rate: { key: "win_rate", x: "won", n: closed },
  },
  {
    report: "pipeline",
    options: { by: ["region"], period: "2026" },
    compare: "year",
    alone: { by: ["region"], period: "2025" },
    keys: ["region"],
    metrics: ["pipeline_created", "open_pipeline"],
  },
  {
    report: "attribution",
    options: { by: ["size"], period: "2026-Q3", model: "linear" },
    compare: "2025-Q3",
    alone: { by: ["size"], period: "2025-Q3", model: "linear" },
    keys: ["size", "channel"],
    metrics: ["pipeline", "win_rate"],
    rate: { key: "win_rate", x: "won", n: closed },
  },
  {
    report: "funnel",
    options: { from: "2026-03-01", to: "2026-04-15" },
    compare: "previous",
    // 46 days ending the day before 2026-03-01.
    alone: { from: "2026-01-14", to: "2026-02-28" },
    keys: ["from_stage", "to_stage"],
    metrics: ["conversion"],
    rate: { key: "conversion", x: "reached_to", n: (r) => Number(r.reached_from) },
  },
  {
    report: "coverage",
    options: { by: ["size"], period: "2026-Q3", asOf: "2026-08-15" },
    compare: "previous",
    alone: { by: ["size"], period: "2026-Q2", asOf: "2026-05-15" },
    keys: ["size"],
    metrics: ["open_pipeline", "coverage"],
  },
];

describe("--compare equals the report run on the comparison window alone", () => {
  for (const c of CASES) {
    it(`${c.report} --compare ${c.compare}`, async () => {
      const compared = await runReport(demo.ws, c.report, { ...c.options, compare: c.compare });
      const alone = await runReport(demo.ws, c.report, c.alone);
      const now = await runReport(demo.ws, c.report, c.options);
      const then = new Map(alone.rows.map((r) => [key(r, c.keys), r]));
      expect(compared.rows.length).toBeGreaterThan(0);
      expect(compared.params.compare_from).toBe(c.alone.from ?? compared.params.compare_from);
      for (const row of compared.rows) {
        const before = then.get(key(row, c.keys));
        const current = now.rows.find((r) => key(r, c.keys) === key(row, c.keys));
        for (const m of c.metrics) {
          const want = before ? before[m] : m === c.rate?.key ? null : 0;
          expect(row[`${m}_compare`], `${key(row, c.keys)} ${m}`).toEqual(want ?? null);
          if (current) expect(row[m]).toEqual(current[m]);
          if (typeof row[m] === "number" && typeof want === "number") expect(row[`${m}_change`]).toBeCloseTo(row[m] - want, 9);
        }
        if (c.rate && before && current && c.rate.n(current) > 0 && c.rate.n(before) > 0) {
          const p = pValue(Number(current[c.rate.x]), c.rate.n(current), Number(before[c.rate.x]), c.rate.n(before));
          expect(Number(row[`${c.rate.key}_change_p_value`])).toBeCloseTo(p, 5);
          expect(row[`${c.rate.key}_change_significant`]).toBe(p < 0.05);
        }
      }
      // Every comparison row is listed: those missing now come after, with empty current values.
      const listed = new Set(compared.rows.map((r) => key(r, c.keys)));
      for (const r of alone.rows) expect(listed.has(key(r, c.keys)), key(r, c.keys)).toBe(true);
    });
  }

  it("names the comparison window and moves coverage's as-of with it", async () => {
    const cov = await runReport(demo.ws, "coverage", { by: ["size"], period: "2026-Q3", asOf: "2026-08-15", compare: "previous" });
    expect(cov.params).toMatchObject({
      compare: "previous",
      compare_period: "2026-Q2",
      compare_from: "2026-04-01",
      compare_to: "2026-06-30",
      compare_as_of: "2026-05-15",
    });
    const year = await runReport(demo.ws, "winrate", { period: "2026-02", compare: "year" });
    expect(year.params).toMatchObject({ compare_period: "2025-02", compare_from: "2025-02-01", compare_to: "2025-02-28" });
  });

  it("says when the comparison window has no data, rather than comparing with zeros silently", async () => {
    const r = await runReport(demo.ws, "winrate", { period: "2026-Q2", compare: "2019-Q1" });
    expect(r.rows[0]?.win_rate_compare).toBeNull();
    expect(r.notes.some((n) => n.startsWith("--compare: no opportunity was created or closed in the window 2019-Q1"))).toBe(true);
    const full = await runReport(demo.ws, "winrate", { period: "2026-Q2", compare: "previous" });
    expect(full.notes.some((n) => n.startsWith("--compare: no opportunity"))).toBe(false);
  });

  it("says when the current window is still in progress", async () => {
    const r = await runReport(demo.ws, "pipeline", { period: "2026", compare: "year" });
    expect(r.notes.some((n) => n.startsWith(`2026 runs to 2026-12-31, past as-of ${demo.ws.dataAsOf}`))).toBe(true);
  });

  it("--trend and --compare match a cell across periods even when its maturity or sample changed", async () => {
    const r = await runReport(demo.ws, "attribution", { by: ["size"], model: "linear", trend: "quarter", period: "2026" });
    const periods = r.params.periods as string[];
    let stateChanged = 0;
    for (const row of r.rows.filter((x) => x.period !== periods[0])) {
      const previous = periods[periods.indexOf(String(row.period)) - 1];
      const before = r.rows.find((x) => x.period === previous && x.size === row.size && x.channel === row.channel);
      if (!before) continue;
      if (before.maturity !== row.maturity || before.sample !== row.sample) stateChanged++;
      expect(row.pipeline_change, `${String(row.period)} ${String(row.size)} ${String(row.channel)}`).toBeCloseTo(
        Number(row.pipeline) - Number(before.pipeline),
        6,
      );
    }
    expect(stateChanged).toBeGreaterThan(0);
  });

  it("refuses an unbounded window, a report without comparison and --trend alongside", async () => {
    const none = await run(demo.dir, "report", "winrate", "--compare", "previous");
    expect(none.code).toBe(2);
    expect(none.err).toContain("--compare needs a bounded window");
    const losses = await run(demo.dir, "report", "losses", "--period", "2026-Q1", "--compare", "previous");
    expect(losses.code).toBe(2);
    const trend = await run(demo.dir, "report", "winrate", "--period", "2026", "--trend", "quarter", "--compare", "previous");
    expect(trend.code).toBe(2);
    expect(trend.err).toContain("--compare cannot be combined with --trend");
    const bad = await run(demo.dir, "report", "winrate", "--period", "2026", "--compare", "lastyear");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--compare: "lastyear" is not previous, year or a period');
  });
});
