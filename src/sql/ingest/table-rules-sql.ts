// Per-table rules beyond single-column checks: which rows are unusable as a whole, and how kept
// rows are completed (status from stage, channel rules, generated ids, month → period). Every
// table quarantines a row with a NUL byte in a value it would keep, extra attributes included.
import type { CanonicalTable, Config } from "../../model/config-schema.js";
import { quoteLiteral as lit } from "../dialect.js";
import { compileChannelExpr } from "../channel-rules-sql.js";
import type { ColumnBinding, ExtraColumn } from "../ingest-sql.js";
import { nulByteRule, type RowRule, type TextField } from "./row-checks-sql.js";
import { t, v, x } from "./staging-names.js";

export interface TableRules {
  readonly rowRules: RowRule[];
  readonly overrides: Record<string, string>;
}

const inList = (values: readonly string[]) => `(${values.map((s) => lit(s.toLowerCase())).join(", ")})`;

export function compileTableRules(
  table: CanonicalTable,
  config: Config,
  bindings: readonly ColumnBinding[],
  extras: readonly ExtraColumn[],
): TableRules {
  const rules = tableRules(table, config, bindings, extras);
  const nul = nulByteRule(textFields(table, bindings, extras));
  return nul ? { ...rules, rowRules: [nul, ...rules.rowRules] } : rules;
}

/** Every value a row of the file is kept with: the bound columns' text and the extra attributes. */
function textFields(table: CanonicalTable, bindings: readonly ColumnBinding[], extras: readonly ExtraColumn[]): TextField[] {
  return [
    ...bindings.flatMap((b) => (b.source ? [{ name: b.spec.name, position: String(b.position ?? "NULL"), value: v(b.spec.name) }] : [])),
    ...extras.map((e) => ({ name: e.name, position: extraPosition(table, e), value: x(e.name) })),
  ];
}

/**
 * An extra column's 1-based place in the file's header, as SQL. Export formats stage the primary
 * file's i-th column (0-based) as `xsrc_<i>` under another name (src/ingest/load-export.ts); a file
 * read here is staged in `raw_<table>` with the header's columns in order, so DuckDB's catalog
 * has the place (looked up once per statement, for quarantined rows only).
 */
function extraPosition(table: CanonicalTable, extra: ExtraColumn): string {
  const exported = /^xsrc_(\d+)$/.exec(extra.source);
  if (exported && extra.name !== extra.source) return String(Number(exported[1]) + 1);
  return `(SELECT column_index FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = ${lit(`raw_${table}`)}
    AND column_name = ${lit(extra.source)})`;
}

function tableRules(table: CanonicalTable, config: Config, bindings: readonly ColumnBinding[], extras: readonly ExtraColumn[]): TableRules {
  const has = (name: string) => Boolean(bindings.find((b) => b.spec.name === name)?.source);
  switch (table) {
    case "opportunities":
      return {
        rowRules: has("currency") ? [currencyRule(config)] : [],
        overrides: {
          status: `COALESCE(${t("status")}, CASE WHEN lower(${t("stage")}) IN ${inList(config.stages.won)} THEN 'won'
            WHEN lower(${t("stage")}) IN ${inList(config.stages.lost)} THEN 'lost' ELSE 'open' END)`,
          ...(has("currency") && config.currencies ? { amount: convertedAmount(config.currencies) } : {}),
        },
      };
    case "touchpoints":
      return {
        rowRules: [
          {
            when: `${t("account_id")} IS NULL AND ${t("opportunity_id")} IS NULL`,
            column: has("account_id") ? "account_id" : "opportunity_id",
            code: "missing_required",
            reason: lit("account_id: missing (a touchpoint needs account_id or opportunity_id)"),
          },
        ],
        overrides: {
          touchpoint_id: `COALESCE(${t("touchpoint_id")}, 'line-' || CAST(__line AS VARCHAR))`,
          channel: compileChannelExpr(
            config.channels,
            fieldRef(bindings, extras),
            `COALESCE(${t("channel")}, ${lit(config.unknown_label)})`,
          ),
          raw_channel: t("channel"),
          is_lead_creation: `COALESCE(${t("is_lead_creation")}, false)`,
        },
      };
    case "spend":
      return {
        rowRules: [
          {
            when: `${t("month")} IS NULL AND (${t("period_start")} IS NULL OR ${t("period_end")} IS NULL)`,
            column: has("month") ? "month" : "period_start",
            code: "missing_required",
            reason: lit("month: missing (expected month YYYY-MM, or period_start and period_end)"),
          },
        ],
        overrides: {
          period_start: `COALESCE(${t("period_start")}, CAST(${t("month")} || '-01' AS DATE))`,
          period_end: `COALESCE(${t("period_end")}, CAST(last_day(CAST(${t("month")} || '-01' AS DATE)) AS DATE))`,
          channel: compileChannelExpr(config.channels, fieldRef(bindings, extras), t("channel")),
        },
      };
    default:
      return { rowRules: [], overrides: {} };
  }
}

/**
 * Amounts in several currencies need rates: with `currencies` configured, a currency without a
 * rate is quarantined; without it, rows in any currency but the file's most common one are.
 */
function currencyRule(config: Config): RowRule {
  const currency = `upper(${t("currency")})`;
  if (config.currencies) {
    const known = [config.currencies.reporting, ...Object.keys(config.currencies.rates)];
    return {
      when: `${t("currency")} IS NOT NULL AND ${currency} NOT IN ${inList(known).toUpperCase()}`,
      column: "currency",
      code: "unknown_currency",
      reason: `${lit("currency: ")} || ${currency} || ${lit(` has no rate under currencies.rates (reporting currency ${config.currencies.reporting})`)}`,
    };
  }
  const usual = `(SELECT mode(upper(${v("currency")})) FROM src)`;
  return {
    when: `${t("currency")} IS NOT NULL AND ${currency} <> ${usual}`,
    column: "currency",
    code: "mixed_currency",
    reason: `${lit("currency: ")} || ${currency} || ${lit(" differs from the file's main currency ")} || ${usual} || ${lit(" and no currencies.rates are configured")}`,
  };
}

function convertedAmount(currencies: NonNullable<Config["currencies"]>): string {
  const whens = Object.entries(currencies.rates).map(([code, rate]) => `WHEN ${lit(code)} THEN ${t("amount")} * ${rate}`);
  return `CAST(round(CASE upper(${t("currency")}) ${whens.join(" ")} ELSE ${t("amount")} END, 2) AS DECIMAL(18,2))`;
}

/** Channel rules name canonical columns or extra attributes; both are staged under a prefix. */
function fieldRef(bindings: readonly ColumnBinding[], extras: readonly ExtraColumn[]): (field: string) => string | null {
  return (field) => {
    if (bindings.some((b) => b.spec.name === field && b.source)) return t(field);
    const extra = extras.find((e) => e.name === field);
    return extra ? x(extra.name) : null;
  };
}
