// SQL that turns one CSV file into one canonical table: read every column as text, convert each
// by its kind, mark unusable rows with line, column, code and reason, keep the rest. Lines are
// physical lines of the file (src/ingest/record-lines.ts finds them); DuckDB only numbers records.
import type { ColumnKind, ColumnSpec } from "../model/canonical-tables.js";
import type { QuarantineCode } from "../model/quarantine-codes.js";
import type { Coercion } from "./coerce-sql.js";
import { quoteIdent as q, quoteLiteral as lit } from "./dialect.js";
import { compileReadCsv, lineExpr } from "./ingest/read-csv-sql.js";
import { columnChecks, compileFailureColumns, compileFirstFailure, type Check, type RowRule } from "./ingest/row-checks-sql.js";
import { linesTable } from "./ingest/record-lines-sql.js";
import { rawTable, rejectsTable, t, v, x } from "./ingest/staging-names.js";

export interface ColumnBinding {
  readonly spec: ColumnSpec;
  /** Header name in the file, or null when the file lacks the column. */
  readonly source: string | null;
  /** 1-based position of the source column in the header. */
  readonly position: number | null;
}

export interface ExtraColumn {
  readonly name: string;
  readonly source: string;
}

/**
 * Where each parsed record's line comes from: a formula of its row number (every record one line,
 * no blank line, none rejected), `lines_<table>` joined by position, or, when the layout scan and
 * DuckDB disagreed, DuckDB's record numbers.
 */
export type RecordLines =
  { readonly kind: "formula"; readonly firstDataLine: number } | { readonly kind: "mapped" } | { readonly kind: "records" };

export interface StagePlan {
  readonly table: string;
  readonly file: string;
  readonly displayName: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly bindings: readonly ColumnBinding[];
  readonly extras: readonly ExtraColumn[];
  readonly key?: string;
  /** Quarantine rules beyond the per-column checks. */
  readonly rowRules: readonly RowRule[];
  readonly coercions: Readonly<Record<ColumnKind, Coercion>>;
  /** Lines before the header (report titles) that the reader skips. */
  readonly skipLines: number;
  /**
   * Set when an export format already built `raw_<table>` with canonical column names and each
   * row's `__line` in the exported file; the file is then not read here.
   */
  readonly prebuilt?: boolean;
  /** Prebuilt tables: records of the exported file that could not be parsed (already quarantined). */
  readonly prebuiltRejected?: number;
  /** Files read here: how records map to lines (absent: DuckDB's record numbers). */
  readonly lines?: RecordLines;
  /** Set once `raw_text_<table>` holds the exact text of the quarantined records. */
  readonly rawTexts?: boolean;
}

export function compileReadRaw(plan: StagePlan): string {
  return compileReadCsv({ name: plan.table, file: plan.file, delimiter: plan.delimiter, header: plan.header, skipLines: plan.skipLines });
}

/** Records read from the file: those DuckDB parsed plus the lines it rejected. */
export function compileCountRead(plan: StagePlan): string {
  const rejected = plan.prebuilt ? "0" : `(SELECT count(DISTINCT line) FROM ${rejectsTable(plan.table)})`;
  return `SELECT (SELECT count(*) FROM ${rawTable(plan.table)}) AS parsed, ${rejected} AS rejected`;
}

/** Columns the kept table carries only while ingest checks it; dropped before anyone reads it. */
const HELPER_COLUMNS = ["__record", "__bad_column", "__bad_position", "__code", "__reason"] as const;

/**
 * Converts and checks every row in one statement, straight into the canonical table: typed values
 * under their canonical names, plus the record number and the first problem of each row. Bad rows
 * are later copied to quarantine (their raw text fetched again by record) and deleted, so millions
 * of good rows are written once and never carry a copy of their text. `overrides` replaces a
 * column's expression (generated ids, status from stage, channel rules).
 */
export function compileStage(plan: StagePlan, hasRejects: boolean, overrides: Readonly<Record<string, string>>): string {
  const sources = plan.bindings.map(
    (b) => `${b.source ? `NULLIF(trim(${q(b.source)}), '')` : "CAST(NULL AS VARCHAR)"} AS ${v(b.spec.name)}`,
  );
  const extras = plan.extras.map((e) => `NULLIF(trim(${q(e.source)}), '') AS ${x(e.name)}`);
  const typed = plan.bindings.map((b) => `${plan.coercions[b.spec.kind].sql(v(b.spec.name))} AS ${t(b.spec.name)}`);
  const checks = planChecks(plan);
  const mapped = plan.lines?.kind === "mapped";
  // Mapped lines are joined by position: the n-th row of `lines_<table>` is the n-th record read.
  const from = mapped
    ? `(SELECT rowid + 1 AS __record, * FROM ${rawTable(plan.table)}) POSITIONAL JOIN ${linesTable(plan.table)}`
    : rawTable(plan.table);
  const record = mapped ? "__record" : "rowid + 1 AS __record";
  // Mapped lines carry each record's line count (`__span`), which quarantine's text copy needs.
  const located = mapped ? ["__phys_line AS __line", "__phys_span AS __span"] : plan.prebuilt ? ["__line"] : [];
  const line = mapped || plan.prebuilt ? "" : `, ${lineOf(plan, hasRejects)} AS __line`;
  const columns = plan.bindings.map((b) => `${overrides[b.spec.name] ?? t(b.spec.name)} AS ${q(b.spec.name)}`);
  const bound = new Set(plan.bindings.map((b) => b.spec.name));
  for (const [name, expr] of Object.entries(overrides)) if (!bound.has(name)) columns.push(`${expr} AS ${q(name)}`);
  const kept = plan.extras.map((e) => `${x(e.name)} AS ${q(e.name)}`);
  // No window here (duplicates are marked afterwards by compileMarkDuplicates): without one the
  // statement streams and rows stay in file order, so the table needs no sort.
  return `CREATE TABLE ${q(plan.table)} AS
WITH src AS (SELECT ${record}, ${[...sources, ...extras, ...located].join(", ")} FROM ${from}),
lined AS (SELECT *${line} FROM src),
typed AS (SELECT *, ${typed.join(", ")} FROM lined),
checked AS (SELECT *, ${compileFirstFailure(checks)} AS __check FROM typed)
SELECT __line AS source_line, ${[...columns, ...kept].join(", ")}, __record,${mapped ? " __span," : ""}
  ${compileFailureColumns(checks).join(",\n  ")}
FROM checked`;
}

function lineOf(plan: StagePlan, hasRejects: boolean): string {
  if (plan.lines?.kind === "formula") return `__record + ${plan.lines.firstDataLine - 1}`;
  return lineExpr(plan.table, hasRejects, plan.skipLines);
}

function planChecks(plan: StagePlan): Check[] {
  const positionOf = (column: string) => plan.bindings.find((b) => b.spec.name === column)?.position ?? null;
  return [
    ...plan.bindings.flatMap((b) => columnChecks(b, plan.coercions)),
    ...plan.rowRules.map((r) => ({ ...r, position: positionOf(r.column) })),
  ];
}

/**
 * Later rows repeating an id are quarantined; the first keeps its place. Found by grouping the
 * keys (a hash aggregate) and updating the few repeats, never by sorting every row.
 */
export function compileMarkDuplicates(plan: StagePlan): string | null {
  const binding = plan.key ? plan.bindings.find((b) => b.spec.name === plan.key) : undefined;
  if (!plan.key || !binding?.source) return null;
  const key = q(plan.key);
  const code: QuarantineCode = "duplicate_id";
  const reason = `${lit(`${plan.key}: duplicate "`)} || s.${key} || '" (first on line ' || d.first_line || ')'`;
  return `UPDATE ${q(plan.table)} s SET __bad_column = ${lit(plan.key)}, __bad_position = ${binding.position ?? "NULL"}, __code = ${lit(code)}, __reason = ${reason}
FROM (SELECT ${key} AS k, min(__record) AS first_record, arg_min(source_line, __record) AS first_line
  FROM ${q(plan.table)} WHERE __reason IS NULL AND ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1) d
WHERE s.${key} = d.k AND s.__record > d.first_record AND s.__reason IS NULL`;
}

/** The kept rows only, without the columns the checks needed. */
export function compileKeep(plan: StagePlan): string[] {
  return [
    `DELETE FROM ${q(plan.table)} WHERE __reason IS NOT NULL`,
    ...[...HELPER_COLUMNS, ...(plan.lines?.kind === "mapped" ? ["__span"] : [])].map(
      (c) => `ALTER TABLE ${q(plan.table)} DROP COLUMN ${c}`,
    ),
  ];
}

export function compileDropStaging(plan: StagePlan): string[] {
  return [`DROP TABLE IF EXISTS ${rawTable(plan.table)}`];
}
