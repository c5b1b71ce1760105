// The rows a report looks at, resolved from its flags against the workspace: the segment
// dimensions (checked against config), the window, "today" (--as-of, else the data's as-of date,
// so reports are reproducible) and the date at which open and closed are judged.
import { UserError } from "../../model/diagnostic.js";
import { resolveWindow, type Window } from "../../model/period.js";
import type { SegmentFilter } from "../../model/segment-filter.js";
import type { Workspace } from "../../workspace/workspace.js";
import type { ReportFlags } from "../request/flags.js";

export interface Scope {
  readonly by: readonly string[];
  readonly window: Window | null;
  readonly asOf: string;
  /**
   * The date at which "open" and "closed" are judged: min(as-of, window end), except in cohort
   * mode, where a cohort's outcomes are followed up to as-of.
   */
  readonly evaluationDate: string;
  readonly cohort: boolean;
  /** --where: only opportunities (and null journeys) in these segments; every query's base applies it. */
  readonly where: readonly SegmentFilter[];
}

export type ScopeFlags = Pick<Partial<ReportFlags>, "by" | "period" | "from" | "to" | "asOf" | "where">;

export function checkDimensions(ws: Workspace, by: readonly string[], flag = "--by"): readonly string[] {
  const valid = Object.keys(ws.config.segments);
  const unknown = by.filter((d) => !valid.includes(d));
  if (unknown.length) {
    throw new UserError(
      `${flag}: unknown dimension ${unknown.map((u) => `"${u}"`).join(", ")} (valid: ${valid.join(", ") || "none configured under segments"})`,
      "bad_dimension",
    );
  }
  return by;
}

export function resolveScope(ws: Workspace, flags: ScopeFlags, cohort: boolean): Scope {
  const by = checkDimensions(ws, flags.by ?? []);
  const where = flags.where ?? [];
  checkDimensions(
    ws,
    where.map((f) => f.dimension),
    "--where",
  );
  const window = resolveWindow(flags, ws.config.fiscal_year_start_month);
  const asOf = flags.asOf ?? ws.dataAsOf;
  const evaluationDate = window && window.to < asOf && !cohort ? window.to : asOf;
  return { by, window, asOf, evaluationDate, cohort, where };
}

/** The scope's part of a report's `params` (SPEC §8). */
export function scopeParams(s: Scope, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    by: s.by,
    period: s.window?.label ?? null,
    from: s.window?.from ?? null,
    to: s.window?.to ?? null,
    as_of: s.asOf,
    evaluation_date: s.evaluationDate,
    ...(s.where.length ? { where: Object.fromEntries(s.where.map((f) => [f.dimension, f.values])) } : {}),
    ...extra,
  };
}
