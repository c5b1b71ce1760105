// Report flags → validated parameters. Unknown dimensions fail listing the valid ones; "today" is
// --as-of, else the data's as-of date, so reports are reproducible.
import { UserError } from "../model/diagnostic.js";
import { parseIsoDate, resolveWindow, type Window } from "../model/period.js";
import type { Workspace } from "../workspace/workspace.js";

export interface ReportOptions {
  readonly by?: readonly string[] | string;
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly asOf?: string;
  readonly cohort?: boolean;
}

export interface ResolvedParams {
  readonly by: readonly string[];
  readonly window: Window | null;
  readonly asOf: string;
  /**
   * The date at which "open" and "closed" are judged: min(as-of, window end), except in cohort
   * mode, where a cohort's outcomes are followed up to as-of.
   */
  readonly evaluationDate: string;
  readonly cohort: boolean;
}

export function parseDimensions(by: ReportOptions["by"]): string[] {
  if (!by) return [];
  const list = typeof by === "string" ? by.split(",") : [...by];
  return list.map((d) => d.trim()).filter((d) => d.length > 0);
}

export function resolveParams(ws: Workspace, options: ReportOptions): ResolvedParams {
  const by = parseDimensions(options.by);
  const valid = Object.keys(ws.config.segments);
  const unknown = by.filter((d) => !valid.includes(d));
  if (unknown.length) {
    throw new UserError(`--by: unknown dimension ${unknown.map((u) => `"${u}"`).join(", ")} (valid: ${valid.join(", ") || "none configured under segments"})`, "bad_dimension");
  }
  if (new Set(by).size !== by.length) throw new UserError(`--by: a dimension is repeated in "${by.join(",")}"`, "bad_dimension");
  const window = resolveWindow(options, ws.config.fiscal_year_start_month);
  const asOf = options.asOf ? parseIsoDate(options.asOf, "--as-of") : ws.dataAsOf;
  const cohort = Boolean(options.cohort);
  const evaluationDate = window && window.to < asOf && !cohort ? window.to : asOf;
  return { by, window, asOf, evaluationDate, cohort };
}

export function paramsRecord(p: ResolvedParams, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    by: p.by,
    period: p.window?.label ?? null,
    from: p.window?.from ?? null,
    to: p.window?.to ?? null,
    as_of: p.asOf,
    evaluation_date: p.evaluationDate,
    ...extra,
  };
}
