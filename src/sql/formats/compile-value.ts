// Values and conditions of a table build (table-build.ts) as SQL over the joined objects. Every
// header name reaches SQL through quoteIdent and every text through quoteLiteral: headers and
// enum labels come from export files and configs, never trusted as SQL.
import { FALSE_WORDS, TRUE_WORDS } from "../coerce-sql.js";
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";
import type { Condition, Value } from "./table-build.js";

/** How the build reaches an object: its alias in the FROM clause, and whether it was reduced per key. */
export interface ObjectScope {
  readonly alias: string;
  readonly fields: Readonly<Record<string, string>>;
  /** Fields a reduced object (one row per key) exposes as columns named after them; null when not reduced. */
  readonly reduced: readonly string[] | null;
}

/** Objects of the build by key; an exported object the build does not join is a bug in the format. */
export interface ValueScope {
  readonly objects: ReadonlyMap<string, ObjectScope>;
  readonly exported: ReadonlySet<string>;
}

const NULL_TEXT = "CAST(NULL AS VARCHAR)";
const cell = (alias: string, header: string) => `NULLIF(trim(${alias}.${q(header)}), '')`;

function objectScope(scope: ValueScope, object: string): ObjectScope | null {
  const found = scope.objects.get(object);
  if (!found && scope.exported.has(object)) throw new Error(`a table build reads ${object} without joining it (a bug: please report it)`);
  return found ?? null;
}

function fieldSql(scope: ValueScope, object: string, name: string): string {
  const o = objectScope(scope, object);
  const header = o?.fields[name];
  if (!o || header === undefined) return NULL_TEXT;
  if (!o.reduced) return cell(o.alias, header);
  if (!o.reduced.includes(name))
    throw new Error(`a table build reads ${object}.${name}, which its join does not keep (a bug: please report it)`);
  return `${o.alias}.${q(name)}`;
}

function columnSql(scope: ValueScope, object: string, header: string): string {
  const o = objectScope(scope, object);
  return o ? cell(o.alias, header) : NULL_TEXT;
}

export function compileValue(value: Value, scope: ValueScope): string {
  const sql = (v: Value) => compileValue(v, scope);
  switch (value.kind) {
    case "field":
      return fieldSql(scope, value.object, value.field);
    case "column":
      return columnSql(scope, value.object, value.header);
    case "null":
      return NULL_TEXT;
    case "constant":
      return lit(value.value);
    case "first_non_null":
      return `COALESCE(${value.values.map(sql).join(", ")})`;
    case "concat":
      return `(${value.values.map(sql).join(" || ")})`;
    case "first_part":
      return `split_part(${sql(value.value)}, ${lit(value.separator)}, 1)`;
    case "blank_as_null":
      return `NULLIF(trim(${sql(value.value)}), '')`;
    case "enum_label":
      return enumLabel(sql(value.value), value.labels);
    case "deal_type":
      return dealType(sql(value.value));
    case "status_from_flags":
      return statusFromFlags(sql(value.won), sql(value.closed));
    case "percent":
      return percent(sql(value.value));
    case "has_token":
      return hasToken(sql(value.value), value.token);
  }
}

export function compileCondition(condition: Condition, scope: ValueScope): string {
  const value = compileValue(condition.value, scope);
  return condition.kind === "present" ? `${value} IS NOT NULL` : `lower(${value}) IN ${TRUE_WORDS}`;
}

function enumLabel(value: string, labels: Readonly<Record<string, string>>): string {
  const whens = Object.entries(labels).map(([code, label]) => `WHEN ${lit(code)} THEN ${lit(label)}`);
  return `CASE upper(replace(${value}, ' ', '_')) ${whens.join(" ")} ELSE ${value} END`;
}

/** Salesforce and HubSpot type picklists; first match wins (renewal before new). */
function dealType(value: string): string {
  return `CASE WHEN ${value} IS NULL THEN NULL
    WHEN regexp_matches(lower(${value}), 'renew') THEN 'renewal'
    WHEN regexp_matches(lower(${value}), 'new') THEN 'new_business'
    WHEN regexp_matches(lower(${value}), 'existing|upgrade|upsell|expan|cross|replacement|downgrade|add-on') THEN 'expansion'
    ELSE ${value} END`;
}

function statusFromFlags(won: string, closed: string): string {
  return `CASE WHEN lower(${won}) IN ${TRUE_WORDS} THEN 'won' WHEN lower(${closed}) IN ${TRUE_WORDS} THEN 'lost' WHEN lower(${closed}) IN ${FALSE_WORDS} THEN 'open' END`;
}

/** Canonical probability is 0–100; pipeline-stage tables hold fractions (0.2). */
function percent(value: string): string {
  const number = `TRY_CAST(${value} AS DOUBLE)`;
  return `CAST(${number} * CASE WHEN ${number} <= 1 THEN 100 ELSE 1 END AS VARCHAR)`;
}

function hasToken(value: string, token: string): string {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `CASE WHEN ${value} IS NULL THEN NULL WHEN regexp_matches(${value}, ${lit(`(^|[^A-Za-z])${escaped}([^A-Za-z]|$)`)}) THEN 'true' ELSE 'false' END`;
}
