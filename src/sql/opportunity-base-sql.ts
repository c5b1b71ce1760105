// The segmented opportunity set every report starts from: opportunities joined to their
// account, with one `seg_<dimension>` column per requested dimension.
import { TABLE_SPECS } from "../model/canonical-tables.js";
import type { CanonicalTable, Config } from "../model/config-schema.js";
import type { Dialect } from "./dialect.js";
import { regionJoin, segmentExpr } from "./segments-sql.js";

export interface BaseContext {
  readonly dialect: Dialect;
  readonly config: Config;
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface CompiledBase {
  /** A SELECT usable as a CTE body. */
  readonly sql: string;
  readonly notes: string[];
}

export const segColumn = (dimension: string) => `seg_${dimension}`;

/** A column of a canonical table as text; numbers read as DuckDB writes them (50 → "50.0"). */
export function columnText(ctx: BaseContext, table: CanonicalTable, alias: string, field: string): string {
  const ref = `${alias}.${ctx.dialect.quoteIdent(field)}`;
  const kind = TABLE_SPECS[table].columns.find((c) => c.name === field)?.kind;
  return kind === "number" ? ctx.dialect.numberText(ref) : `CAST(${ref} AS VARCHAR)`;
}

/** The opportunity's field, else its account's (SPEC §3), as text. */
function fieldExpr(ctx: BaseContext, field: string): string | null {
  const refs: string[] = [];
  if (ctx.columns.get("opportunities")?.has(field)) refs.push(columnText(ctx, "opportunities", "o", field));
  if (ctx.columns.get("accounts")?.has(field)) refs.push(columnText(ctx, "accounts", "a", field));
  if (refs.length === 0) return null;
  return refs.length === 1 ? (refs[0] ?? null) : `COALESCE(${refs.join(", ")})`;
}

/** The field as a DOUBLE when every column carrying it is numeric, else null. */
function numericFieldExpr(ctx: BaseContext, field: string): string | null {
  const refs: string[] = [];
  for (const [table, alias] of [
    ["opportunities", "o"],
    ["accounts", "a"],
  ] as const) {
    if (!ctx.columns.get(table)?.has(field)) continue;
    if (TABLE_SPECS[table].columns.find((c) => c.name === field)?.kind !== "number") return null;
    refs.push(ctx.dialect.castDouble(`${alias}.${ctx.dialect.quoteIdent(field)}`));
  }
  if (refs.length === 0) return null;
  return refs.length === 1 ? (refs[0] ?? null) : `COALESCE(${refs.join(", ")})`;
}

/** Every text value the field takes in opportunities or accounts, as column `v`. */
function fieldValuesSql(ctx: BaseContext, field: string): string {
  const parts: string[] = [];
  if (ctx.columns.get("opportunities")?.has(field))
    parts.push(`SELECT ${columnText(ctx, "opportunities", "o", field)} AS v FROM opportunities o`);
  if (ctx.columns.get("accounts")?.has(field)) parts.push(`SELECT ${columnText(ctx, "accounts", "a", field)} AS v FROM accounts a`);
  return parts.length ? parts.join(" UNION ALL ") : "SELECT CAST(NULL AS VARCHAR) AS v";
}

export function compileOpportunityBase(ctx: BaseContext, dimensions: readonly string[]): CompiledBase {
  const q = ctx.dialect.quoteIdent;
  const notes: string[] = [];
  const selects: string[] = ["o.*", "(a.account_id IS NOT NULL) AS account_found"];
  const joins: string[] = [];
  for (const dim of dimensions) {
    const seg = ctx.config.segments[dim];
    if (!seg) throw new Error(`unknown dimension ${dim}`);
    const field = fieldExpr(ctx, seg.field);
    if (!field)
      notes.push(
        `segment ${dim}: field "${seg.field}" is in neither opportunities nor accounts; every value is ${ctx.config.unknown_label}`,
      );
    const value = field ?? "CAST(NULL AS VARCHAR)";
    const alias = q(`rr_${dim}`);
    if (seg.preset === "regions") joins.push(regionJoin(seg, fieldValuesSql(ctx, seg.field), value, alias, ctx.dialect));
    const numericValue = seg.bands ? numericFieldExpr(ctx, seg.field) : null;
    const expr = segmentExpr(seg, value, {
      dialect: ctx.dialect,
      unknownLabel: ctx.config.unknown_label,
      regionAlias: alias,
      numericValue,
    });
    selects.push(`${expr} AS ${q(segColumn(dim))}`);
  }
  const sql = `SELECT ${selects.join(", ")} FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id ${joins.join(" ")}`;
  return { sql, notes };
}
