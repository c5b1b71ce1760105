// The checks a staged row must pass, in order: per column (required, convertible, in range) and
// per table (row rules). A row's first failing check decides its column, position, quarantine
// code and reason; the conditions are evaluated once per row, into `__check`, and the four
// helper columns are then picked by that number (cheap on millions of good rows).
import type { ColumnKind } from "../../model/canonical-tables.js";
import type { QuarantineCode } from "../../model/quarantine-codes.js";
import type { Coercion } from "../coerce-sql.js";
import { quoteLiteral as lit } from "../dialect.js";
import type { ColumnBinding } from "../ingest-sql.js";
import { t, v } from "./staging-names.js";

/** A table-level rule: the SQL condition marking a bad row, the column blamed, the reason as SQL. */
export interface RowRule {
  readonly when: string;
  readonly column: string;
  readonly code: QuarantineCode;
  readonly reason: string;
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

/** 1-based number of the row's first failing check, or NULL when it passes them all. */
export function compileFirstFailure(checks: readonly Check[]): string {
  if (checks.length === 0) return "CAST(NULL AS INTEGER)";
  return `CASE ${checks.map((c, i) => `WHEN ${c.when} THEN ${i + 1}`).join(" ")} END`;
}

/** The helper columns quarantine reads, picked by `__check`. */
export function compileFailureColumns(checks: readonly Check[]): string[] {
  const pick = (value: (c: Check) => string, type: string) =>
    checks.length ? `CASE __check ${checks.map((c, i) => `WHEN ${i + 1} THEN ${value(c)}`).join(" ")} END` : `CAST(NULL AS ${type})`;
  return [
    `${pick((c) => lit(c.column), "VARCHAR")} AS __bad_column`,
    `${pick((c) => String(c.position ?? "NULL"), "INTEGER")} AS __bad_position`,
    `${pick((c) => lit(c.code), "VARCHAR")} AS __code`,
    `${pick((c) => c.reason, "VARCHAR")} AS __reason`,
  ];
}
