// SQL that turns one CSV file into one canonical table: read every column as text, convert each
// by its kind, send unusable rows to quarantine with line, column and reason, keep the rest.
// Record numbers follow DuckDB's reader: the header is line 1 and each record one line.
import type { ColumnSpec } from "../model/canonical-tables.js";
import type { Coercion } from "./coerce-sql.js";
import type { ColumnKind } from "../model/canonical-tables.js";
import { quoteIdentAnsi as q, quoteLiteral as lit } from "./dialect.js";

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

export interface StagePlan {
  readonly table: string;
  readonly file: string;
  readonly displayName: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly bindings: readonly ColumnBinding[];
  readonly extras: readonly ExtraColumn[];
  readonly key?: string;
  /** Extra quarantine rules beyond per-column checks: [sql condition, column, reason sql]. */
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
}

export interface RowRule {
  readonly when: string;
  readonly column: string;
  readonly reason: string;
}

const raw = (t: string) => q(`raw_${t}`);
const rejects = (t: string) => `rejects_${t}`;
export const v = (name: string) => q(`v_${name}`);
export const t = (name: string) => q(`t_${name}`);

export interface CsvRead {
  readonly name: string;
  readonly file: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly skipLines: number;
}

/** Every column as text, malformed records to a rejects table (never an abort). */
export function compileReadCsv(read: CsvRead): string {
  const columns = read.header.map((h) => `${lit(h)}: 'VARCHAR'`).join(", ");
  return `CREATE TEMP TABLE ${raw(read.name)} AS SELECT * FROM read_csv(${lit(read.file)}, auto_detect=false, header=true,
  delim=${lit(read.delimiter)}, quote='"', escape='"', columns={${columns}}, store_rejects=true, skip=${read.skipLines},
  rejects_table=${lit(rejects(read.name))}, rejects_scan=${lit(`${rejects(read.name)}_scan`)})`;
}

export function compileReadRaw(plan: StagePlan): string {
  return compileReadCsv({ name: plan.table, file: plan.file, delimiter: plan.delimiter, header: plan.header, skipLines: plan.skipLines });
}

/** Records read from the file: those DuckDB parsed plus the lines it rejected. */
export function compileCountRead(plan: StagePlan): string {
  const rejected = plan.prebuilt ? "0" : `(SELECT count(DISTINCT line) FROM ${q(rejects(plan.table))})`;
  return `SELECT (SELECT count(*) FROM ${raw(plan.table)}) AS parsed, ${rejected} AS rejected`;
}

/**
 * Line of the i-th kept record, skipping lines DuckDB rejected before it. DuckDB numbers
 * rejected lines from the start of the file, skipped title lines included.
 */
export function lineExpr(name: string, hasRejects: boolean, skipLines: number): string {
  if (!hasRejects) return `__record + ${1 + skipLines}`;
  return `__record + ${1 + skipLines} + (SELECT count(*) FROM (SELECT line - ${skipLines} - row_number() OVER (ORDER BY line) AS k
    FROM (SELECT DISTINCT line FROM ${q(rejects(name))})) r WHERE r.k <= __record)`;
}

/** Columns the kept table carries only while ingest checks it; dropped before anyone reads it. */
export const HELPER_COLUMNS = ["__record", "__bad_column", "__bad_position", "__reason"] as const;

/**
 * Converts and checks every row in one statement, straight into the canonical table: typed values
 * under their canonical names, plus the record number and the first problem of each row. Bad rows
 * are later copied to quarantine (their raw text fetched again by record) and deleted, so millions
 * of good rows are written once and never carry a copy of their text. `overrides` replaces a
 * column's expression (generated ids, status from stage, channel rules).
 */
export function compileStage(plan: StagePlan, hasRejects: boolean, overrides: Readonly<Record<string, string>>): string {
  const sources = plan.bindings.map((b) => `${b.source ? `NULLIF(trim(${q(b.source)}), '')` : "CAST(NULL AS VARCHAR)"} AS ${v(b.spec.name)}`);
  const extras = plan.extras.map((e) => `NULLIF(trim(${q(e.source)}), '') AS ${q(`x_${e.name}`)}`);
  const typed = plan.bindings.map((b) => `${plan.coercions[b.spec.kind].sql(v(b.spec.name))} AS ${t(b.spec.name)}`);
  const checks = [...plan.bindings.flatMap((b) => columnChecks(b, plan.coercions)), ...plan.rowRules.map((r) => ({ ...r, position: positionOf(plan, r.column) }))];
  const caseOf = (pick: (c: Check) => string) =>
    checks.length ? `CASE ${checks.map((c) => `WHEN ${c.when} THEN ${pick(c)}`).join(" ")} END` : "CAST(NULL AS VARCHAR)";
  const line = plan.prebuilt ? "" : `, ${lineExpr(plan.table, hasRejects, plan.skipLines)} AS __line`;
  const columns = plan.bindings.map((b) => `${overrides[b.spec.name] ?? t(b.spec.name)} AS ${q(b.spec.name)}`);
  const bound = new Set(plan.bindings.map((b) => b.spec.name));
  for (const [name, expr] of Object.entries(overrides)) if (!bound.has(name)) columns.push(`${expr} AS ${q(name)}`);
  const kept = plan.extras.map((e) => `${q(`x_${e.name}`)} AS ${q(e.name)}`);
  // No window here (duplicates are marked afterwards by compileMarkDuplicates): without one the
  // statement streams and rows stay in file order, so the table needs no sort.
  return `CREATE TABLE ${q(plan.table)} AS
WITH src AS (SELECT rowid + 1 AS __record, ${[...sources, ...extras, ...(plan.prebuilt ? ["__line"] : [])].join(", ")} FROM ${raw(plan.table)}),
lined AS (SELECT *${line} FROM src),
typed AS (SELECT *, ${typed.join(", ")} FROM lined)
SELECT __line AS source_line, ${[...columns, ...kept].join(", ")}, __record,
  ${caseOf((c) => lit(c.column))} AS __bad_column, ${caseOf((c) => String(c.position ?? "NULL"))} AS __bad_position,
  ${caseOf((c) => c.reason)} AS __reason
FROM typed`;
}

/**
 * Later rows repeating an id are quarantined; the first keeps its place. Found by grouping the
 * keys (a hash aggregate) and updating the few repeats, never by sorting every row.
 */
export function compileMarkDuplicates(plan: StagePlan): string | null {
  const binding = plan.key ? plan.bindings.find((b) => b.spec.name === plan.key) : undefined;
  if (!plan.key || !binding?.source) return null;
  const key = q(plan.key);
  const reason = `${lit(`${plan.key}: duplicate "`)} || s.${key} || '" (first on line ' || d.first_line || ')'`;
  return `UPDATE ${q(plan.table)} s SET __bad_column = ${lit(plan.key)}, __bad_position = ${binding.position ?? "NULL"}, __reason = ${reason}
FROM (SELECT ${key} AS k, min(__record) AS first_record, arg_min(source_line, __record) AS first_line
  FROM ${q(plan.table)} WHERE __reason IS NULL AND ${key} IS NOT NULL GROUP BY ${key} HAVING count(*) > 1) d
WHERE s.${key} = d.k AND s.__record > d.first_record AND s.__reason IS NULL`;
}

interface Check extends RowRule {
  readonly position: number | null;
}

function positionOf(plan: StagePlan, column: string): number | null {
  return plan.bindings.find((b) => b.spec.name === column)?.position ?? null;
}

function columnChecks(b: ColumnBinding, coercions: Readonly<Record<ColumnKind, Coercion>>): Check[] {
  const name = b.spec.name;
  const checks: Check[] = [];
  const at = { column: name, position: b.position };
  if (b.spec.presence === "required") {
    checks.push({ ...at, when: `${v(name)} IS NULL`, reason: lit(`${name}: missing required value`) });
  }
  const coercion = coercions[b.spec.kind];
  if (coercion.expected !== "text") {
    checks.push({
      ...at,
      when: `${v(name)} IS NOT NULL AND ${t(name)} IS NULL`,
      reason: `${lit(`${name}: "`)} || ${v(name)} || ${lit(`" is not ${coercion.expected}`)}`,
    });
  }
  if (b.spec.min !== undefined) {
    checks.push({ ...at, when: `${t(name)} < ${b.spec.min}`, reason: `${lit(`${name}: `)} || ${v(name)} || ${lit(` is below ${b.spec.min}`)}` });
  }
  if (b.spec.max !== undefined) {
    checks.push({ ...at, when: `${t(name)} > ${b.spec.max}`, reason: `${lit(`${name}: `)} || ${v(name)} || ${lit(` is above ${b.spec.max}`)}` });
  }
  return checks;
}

export function compileQuarantineInsert(plan: StagePlan): string[] {
  const rawRow = plan.prebuilt ? "r.__raw_row" : `concat_ws(${lit(plan.delimiter)}, ${plan.header.map((h) => `coalesce(r.${q(h)}, '')`).join(", ")})`;
  // A report's "Grand Totals" row parses like data and fails a check; name it for what it is.
  const footer = `regexp_matches(${rawRow}, ${lit(FOOTER_PATTERN)})`;
  return [
    `INSERT INTO quarantine SELECT ${lit(plan.table)}, ${lit(plan.displayName)}, s.source_line,
  CASE WHEN ${footer} THEN 1 ELSE s.__bad_position END,
  CASE WHEN ${footer} THEN ${lit(plan.bindings[0]?.spec.name ?? "")} ELSE s.__bad_column END,
  CASE WHEN ${footer} THEN 'report footer line (not data)' ELSE s.__reason END, ${rawRow}
  FROM ${q(plan.table)} s JOIN (SELECT rowid + 1 AS __record, * FROM ${raw(plan.table)}) r ON r.__record = s.__record
  WHERE s.__reason IS NOT NULL ORDER BY s.__record`,
    ...(plan.prebuilt ? [] : [compileRejectsQuarantine(plan.table, plan.table, plan.displayName)]),
  ];
}

/** Records DuckDB could not parse, with report footers (Salesforce's "Grand Totals", …) named as such. */
/** DuckDB's reject line numbers already count skipped title lines. */
export function compileRejectsQuarantine(name: string, table: string, displayName: string): string {
  return `INSERT INTO quarantine SELECT ${lit(table)}, ${lit(displayName)}, line, min(column_idx) + 1, min(column_name),
  CASE WHEN regexp_matches(min(csv_line), ${lit(FOOTER_PATTERN)}) THEN 'report footer line (not data)'
    WHEN regexp_full_match(min(csv_line), '[\\s",;]*') THEN 'empty line'
    ELSE 'malformed row: ' || min(error_message) END, min(csv_line)
  FROM ${q(rejects(name))} GROUP BY line`;
}

/** The kept rows only, without the columns the checks needed. */
export function compileKeep(plan: StagePlan): string[] {
  return [`DELETE FROM ${q(plan.table)} WHERE __reason IS NOT NULL`, ...HELPER_COLUMNS.map((c) => `ALTER TABLE ${q(plan.table)} DROP COLUMN ${c}`)];
}

export function compileDropStaging(plan: StagePlan): string[] {
  return [`DROP TABLE IF EXISTS ${raw(plan.table)}`];
}

/** Lines exports add after the data: totals, copyright, confidentiality, who generated it. */
export const FOOTER_PATTERN = '^\\W*(Grand Totals?\\b|Subtotal\\b|Totals?\\s*\\(|Copyright\\b|Confidential Information|Generated By\\b)';

export const CREATE_QUARANTINE = `CREATE TABLE quarantine (table_name VARCHAR, file VARCHAR, line BIGINT, column_number BIGINT,
  column_name VARCHAR, reason VARCHAR, raw_row VARCHAR)`;
