// The segmented opportunity set every report starts from: opportunities joined to their
// account, with one `seg_<dimension>` column per requested dimension (a rule segment's value
// computed from the fields and segments its rules read).
import { TABLE_SPECS, type ColumnKind } from "../model/canonical-tables.js";
import type { CanonicalTable, Config, SegmentConfig } from "../model/config-schema.js";
import { conditionNames, conditionTests, dependencyOrder, isNumericTest } from "../segments/rule-segments.js";
import type { SegmentFilter } from "../model/segment-filter.js";
import { quoteLiteral, type Dialect } from "./dialect.js";
import { regionJoin, ruleSegmentExpr, segmentExpr, type ConditionInput } from "./segments-sql.js";

export interface BaseContext {
  readonly dialect: Dialect;
  readonly config: Config;
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
  /** --where: only opportunities (and null journeys' accounts) whose segments take these values. */
  readonly where?: readonly SegmentFilter[];
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

/**
 * What a report should say about its segments' inputs: a segment whose field no table carries
 * (every value is the unknown label), and for rule segments a name that is neither a segment nor
 * a carried field, or a numeric condition on a column that never holds numbers (those conditions
 * never match). Fields are known only once data is ingested, so this is said per report, not by
 * config validation. Segments a rule segment reads are checked too, once each.
 */
export function missingFieldNotes(ctx: Pick<BaseContext, "config" | "columns">, dimensions: readonly string[]): string[] {
  const segments = ctx.config.segments;
  const dims = dependencyOrder(
    segments,
    dimensions.filter((d) => Object.hasOwn(segments, d)),
  );
  return [...new Set(dims.flatMap((dim) => segmentInputNotes(ctx, dim)))];
}

const carries = (ctx: Pick<BaseContext, "columns">, field: string): boolean =>
  ["opportunities", "accounts"].some((t) => ctx.columns.get(t)?.has(field));

function segmentInputNotes(ctx: Pick<BaseContext, "config" | "columns">, dim: string): string[] {
  const seg = ctx.config.segments[dim];
  if (!seg?.rules) {
    return seg && !carries(ctx, seg.field ?? "")
      ? [`segment ${dim}: field "${seg.field}" is in neither opportunities nor accounts; every value is ${ctx.config.unknown_label}`]
      : [];
  }
  const fields = conditionNames(seg).filter((name) => !Object.hasOwn(ctx.config.segments, name));
  const missing = fields
    .filter((name) => !carries(ctx, name))
    .map((name) => `segment ${dim}: "${name}" is neither a segment nor a field of opportunities or accounts; conditions on it never match`);
  const numeric = fields.filter((name) => carries(ctx, name) && numericallyTested(seg, name) && neverNumeric(ctx, name));
  return [
    ...missing,
    ...numeric.map(
      (name) => `segment ${dim}: field "${name}" never holds a number; numeric conditions on it (min, max, a number) never match`,
    ),
  ];
}

const numericallyTested = (seg: SegmentConfig, name: string): boolean =>
  (seg.rules ?? []).some((rule) => {
    const condition = rule.when?.[name];
    return condition !== undefined && isNumericTest(conditionTests(condition));
  });

/** Column kinds whose values never read as numbers (extra columns are text, which may). */
const NEVER_NUMERIC: ReadonlySet<string> = new Set(["date", "timestamp", "status", "bool", "month", "period"]);

function neverNumeric(ctx: Pick<BaseContext, "columns">, field: string): boolean {
  return (["opportunities", "accounts"] as const)
    .filter((t) => ctx.columns.get(t)?.has(field))
    .every((t) => NEVER_NUMERIC.has(TABLE_SPECS[t].columns.find((c) => c.name === field)?.kind ?? "text"));
}

/**
 * `rows` is what stands in for the opportunities table (default: it); anything with the
 * opportunities' columns and an account_id works (compileLeadBase).
 */
export function compileOpportunityBase(ctx: BaseContext, dimensions: readonly string[], rows = "opportunities"): CompiledBase {
  const q = ctx.dialect.quoteIdent;
  const notes = missingFieldNotes(ctx, dimensions);
  const selects: string[] = ["o.*", "(a.account_id IS NOT NULL) AS account_found"];
  const segments = segmentValues(ctx);
  for (const dim of dimensions) selects.push(`${segments.value(dim)} AS ${q(segColumn(dim))}`);
  const filters = (ctx.where ?? []).map((f) => segmentFilterSql(segments.value(f.dimension), f));
  const where = filters.length ? ` WHERE ${filters.join(" AND ")}` : "";
  const sql = `SELECT ${selects.join(", ")} FROM ${rows} o LEFT JOIN accounts a ON a.account_id = o.account_id ${segments.joins.join(" ")}${where}`;
  return { sql, notes };
}

/** Types both engines spell alike, for the NULL opportunity columns of compileAccountRowsBase (text otherwise). */
const NULL_TYPE: Partial<Record<ColumnKind, string>> = {
  number: "NUMERIC",
  money: "NUMERIC",
  date: "DATE",
  timestamp: "TIMESTAMP",
  bool: "BOOLEAN",
};

/**
 * Rows that are not deals (leads) in the opportunity base's shape: each stands in for an
 * opportunity whose only field is its account_id (every other opportunity column typed NULL), so
 * segments — rules included — read its account's fields exactly as they read a deal's, and a
 * dimension on opportunity fields alone is Unknown for all of them. `rowsSql` has an account_id.
 */
export function compileAccountRowsBase(ctx: BaseContext, dimensions: readonly string[], rowsSql: string): CompiledBase {
  const q = ctx.dialect.quoteIdent;
  const kinds = new Map(TABLE_SPECS.opportunities.columns.map((c) => [c.name, c.kind]));
  const nulls = [...(ctx.columns.get("opportunities") ?? [])]
    .filter((c) => c !== "account_id")
    .map((c) => `CAST(NULL AS ${NULL_TYPE[kinds.get(c) ?? "text"] ?? "VARCHAR"}) AS ${q(c)}`);
  return compileOpportunityBase(ctx, dimensions, `(SELECT ${["r.*", ...nulls].join(", ")} FROM (${rowsSql}) r)`);
}

/** One row per value segment `dimension` takes on some opportunity (`value`), sorted; or on `accountRows` (compileAccountRowsBase). */
export function compileSegmentValues(ctx: BaseContext, dimension: string, accountRows?: string): string {
  const unfiltered = { ...ctx, where: [] };
  const base = accountRows ? compileAccountRowsBase(unfiltered, [dimension], accountRows) : compileOpportunityBase(unfiltered, [dimension]);
  const seg = ctx.dialect.quoteIdent(segColumn(dimension));
  return `SELECT DISTINCT ${seg} AS value FROM (${base.sql}) b WHERE ${seg} IS NOT NULL ORDER BY 1`;
}

/** `value IN (…)`: one --where filter over a segment's value expression. */
export function segmentFilterSql(value: string, filter: SegmentFilter): string {
  return `(${value}) IN (${filter.values.map(quoteLiteral).join(", ")})`;
}

/**
 * Each segment's value as an expression over `o` and `a`, compiled once: a rule segment inlines
 * the segments it reads, and a regions lookup is joined once for the dimension it belongs to.
 */
function segmentValues(ctx: BaseContext): { value: (dim: string) => string; joins: string[] } {
  const joins: string[] = [];
  const compiled = new Map<string, string | null>();
  const value = (dim: string): string => {
    const known = compiled.get(dim);
    if (known) return known;
    if (known === null) throw new Error(`segment ${dim} reads itself`); // config validation refuses cycles
    const seg = ctx.config.segments[dim];
    if (!seg) throw new Error(`unknown dimension ${dim}`);
    compiled.set(dim, null);
    const expr = seg.rules ? ruleValue(ctx, seg, value) : fieldSegmentValue(ctx, dim, seg, joins);
    compiled.set(dim, expr);
    return expr;
  };
  return { value, joins };
}

function fieldSegmentValue(ctx: BaseContext, dim: string, seg: SegmentConfig, joins: string[]): string {
  if (seg.field === undefined) throw new Error(`segment ${dim} has neither field nor rules`);
  const field = fieldExpr(ctx, seg.field);
  const value = field ?? "CAST(NULL AS VARCHAR)";
  const alias = ctx.dialect.quoteIdent(`rr_${dim}`);
  if (seg.preset === "regions") joins.push(regionJoin(seg, fieldValuesSql(ctx, seg.field), value, alias, ctx.dialect));
  const numericValue = seg.bands ? numericFieldExpr(ctx, seg.field) : null;
  return segmentExpr(seg, value, { dialect: ctx.dialect, unknownLabel: ctx.config.unknown_label, regionAlias: alias, numericValue });
}

/** A name is another segment's value when a segment has that name, else the field (opportunity, else account). */
function ruleValue(ctx: BaseContext, seg: SegmentConfig, segmentValue: (dim: string) => string): string {
  const d = ctx.dialect;
  const input = (name: string): ConditionInput => {
    if (Object.hasOwn(ctx.config.segments, name)) {
      const text = segmentValue(name);
      return { text, number: d.tryNumber(text) };
    }
    const text = fieldExpr(ctx, name);
    if (text === null) return { text: "CAST(NULL AS VARCHAR)", number: d.castDouble("NULL") };
    return { text: `NULLIF(trim(${text}), '')`, number: numericFieldExpr(ctx, name) ?? d.tryNumber(text) };
  };
  return ruleSegmentExpr(seg, input, { dialect: d, unknownLabel: ctx.config.unknown_label });
}
