// The checks a staged row must pass, in order: per column (required, convertible, in range) and
// per table (row rules). A row's first failing check decides its column, position, quarantine
// code and reason; the conditions are evaluated once per row, into `__check`, and the four
// helper columns are then picked by that number (cheap on millions of good rows). Rules marked
// `first` (a NUL byte) come before every column check, whose reasons would quote the value.
import type { ColumnKind } from "../../model/canonical-tables.js";
import type { QuarantineCode } from "../../model/quarantine-codes.js";
import type { Coercion } from "../coerce-sql.js";
import { quoteLiteral as lit } from "../dialect.js";
import type { ColumnBinding } from "../ingest-sql.js";
import { NUL_SHOWN } from "./quarantine-sql.js";
import { t, v } from "./staging-names.js";

/** A table-level rule: the SQL condition marking a bad row, the column blamed, the reason as SQL. */
export interface RowRule {
  readonly when: string;
  readonly column: string;
  readonly code: QuarantineCode;
  readonly reason: string;
  /** For a rule over several columns: SQL naming, row by row, the column blamed and its position. */
  readonly blame?: { readonly column: string; readonly position: string };
  /** Checked before every column check (a value no other check's reason may quote). */
  readonly first?: boolean;
}

export interface Check extends RowRule {
  readonly position: number | null;
}

export function columnChecks(b: ColumnBinding, coercions: Readonly<Record<ColumnKind, Coercion>>): Check[] {
  const name = b.spec.name;
  const at = { column: name, position: b.position };
  const checks: Check[] = [];
  if (b.spec.presence === "required") {
    checks.push({ ...at, when: `${v(name)} IS NULL`, code: "missing_required", reason: lit(`${name}: missing required value`) });
  }
  const coercion = coercions[b.spec.kind];
  if (coercion.invalid) {
    const reason = `${lit(`${name}: "`)} || ${v(name)} || ${lit(`" is not ${coercion.expected}`)}`;
    checks.push({ ...at, when: `${v(name)} IS NOT NULL AND ${t(name)} IS NULL`, code: coercion.invalid, reason });
  }
  if (b.spec.min !== undefined) {
    checks.push({
      ...at,
      when: `${t(name)} < ${b.spec.min}`,
      code: "out_of_range",
      reason: `${lit(`${name}: `)} || ${v(name)} || ${lit(` is below ${b.spec.min}`)}`,
    });
  }
  if (b.spec.max !== undefined) {
    checks.push({
      ...at,
      when: `${t(name)} > ${b.spec.max}`,
      code: "out_of_range",
      reason: `${lit(`${name}: `)} || ${v(name)} || ${lit(` is above ${b.spec.max}`)}`,
    });
  }
  return checks;
}

/** A text value a row is kept with: its column's name and 1-based position (SQL), its staged value. */
export interface TextField {
  readonly name: string;
  readonly position: string;
  readonly value: string;
}

const NUL = "chr(0)";
/** Sorts fields without a position after those with one. */
const NO_POSITION = 2147483647;

/**
 * A NUL byte (0x00) is no text: PostgreSQL refuses it, and every place showing the value would cut
 * or hide it. A row with one in any of `fields` is quarantined, blamed on the first such field by
 * position. Only failing rows build the list that finds it.
 */
export function nulByteRule(fields: readonly TextField[]): RowRule | null {
  const [head] = fields;
  if (!head) return null;
  const hit = (f: TextField) => `contains(${f.value}, ${NUL})`;
  const entries = fields.map(
    (f) =>
      `CASE WHEN ${hit(f)} THEN {'k': coalesce(${f.position}, ${NO_POSITION}), 'p': ${f.position}, 'c': ${lit(f.name)}, 'v': ${f.value}} END`,
  );
  const first = `list_min([${entries.join(", ")}])`;
  return {
    when: `(${fields.map(hit).join(" OR ")})`,
    column: head.name,
    code: "nul_byte",
    reason: `${first}.c || ${lit(': "')} || replace(${first}.v, ${NUL}, ${lit(NUL_SHOWN)}) || ${lit(`" contains a NUL byte (0x00, shown as ${NUL_SHOWN}), which text cannot hold (PostgreSQL refuses it)`)}`,
    blame: { column: `${first}.c`, position: `${first}.p` },
    first: true,
  };
}

/** Checks in the order they are tried: rules marked `first`, then the rest as given. */
const inOrder = (checks: readonly Check[]): Check[] => [...checks.filter((c) => c.first), ...checks.filter((c) => !c.first)];

/** 1-based number of the row's first failing check, or NULL when it passes them all. */
export function compileFirstFailure(checks: readonly Check[]): string {
  if (checks.length === 0) return "CAST(NULL AS INTEGER)";
  return `CASE ${inOrder(checks)
    .map((c, i) => `WHEN ${c.when} THEN ${i + 1}`)
    .join(" ")} END`;
}

/** The helper columns quarantine reads, picked by `__check` (numbered as compileFirstFailure does). */
export function compileFailureColumns(checks: readonly Check[]): string[] {
  const ordered = inOrder(checks);
  const pick = (value: (c: Check) => string, type: string) =>
    ordered.length ? `CASE __check ${ordered.map((c, i) => `WHEN ${i + 1} THEN ${value(c)}`).join(" ")} END` : `CAST(NULL AS ${type})`;
  return [
    `${pick((c) => c.blame?.column ?? lit(c.column), "VARCHAR")} AS __bad_column`,
    `${pick((c) => c.blame?.position ?? String(c.position ?? "NULL"), "INTEGER")} AS __bad_position`,
    `${pick((c) => lit(c.code), "VARCHAR")} AS __code`,
    `${pick((c) => c.reason, "VARCHAR")} AS __reason`,
  ];
}
