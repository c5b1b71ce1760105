// Segment columns for accounts on their own, for journeys that have no opportunity (the null
// journeys of §6). A dimension whose field only opportunities carry gets NULL here: such a
// journey belongs to no single segment.
import type { BaseContext } from "./opportunity-base-sql.js";
import { columnText, segColumn } from "./opportunity-base-sql.js";
import { regionJoin, segmentExpr } from "./segments-sql.js";

export function compileAccountBase(ctx: BaseContext, dimensions: readonly string[]): string {
  const q = ctx.dialect.quoteIdent;
  const selects = ["a.account_id"];
  const joins: string[] = [];
  for (const dim of dimensions) {
    const seg = ctx.config.segments[dim];
    if (!seg) throw new Error(`unknown dimension ${dim}`);
    if (seg.field === undefined || !ctx.columns.get("accounts")?.has(seg.field)) {
      selects.push(`CAST(NULL AS VARCHAR) AS ${q(segColumn(dim))}`);
      continue;
    }
    const value = columnText(ctx, "accounts", "a", seg.field);
    const alias = q(`rr_${dim}`);
    if (seg.preset === "regions") joins.push(regionJoin(seg, `SELECT ${value} AS v FROM accounts a`, value, alias, ctx.dialect));
    selects.push(
      `${segmentExpr(seg, value, { dialect: ctx.dialect, unknownLabel: ctx.config.unknown_label, regionAlias: alias })} AS ${q(segColumn(dim))}`,
    );
  }
  return `SELECT ${selects.join(", ")} FROM accounts a ${joins.join(" ")}`;
}
