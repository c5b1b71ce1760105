// A table build (table-build.ts) as the statement that fills `raw_<table>`: canonical column
// names, each row's `__line` and `__raw_row` from the primary object's file, in line order, and
// `__positions`, the header positions of columns whose position differs by row. The canonical
// checks and quarantine then run on it as on a canonical CSV file.
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";
import { linedTable, rawTable } from "../ingest/staging-names.js";
import { compileCondition, compileValue, type ObjectScope, type ValueScope } from "./compile-value.js";
import {
  constant,
  field,
  type BuildExtra,
  type BuildObject,
  type Condition,
  type Join,
  type TableBuild,
  type Value,
  positionFields,
} from "./table-build.js";

export function compileBuildTable(build: TableBuild, objects: readonly BuildObject[], extras: readonly BuildExtra[]): string {
  const selects = compileSelects(build, objects, extras);
  return `CREATE TEMP TABLE ${rawTable(build.table)} AS SELECT * FROM (${selects.join("\nUNION ALL\n")}) ORDER BY __line`;
}

/**
 * Records of the primary object the build's filter leaves out, counted by the filter's tally value
 * (one row per value, commonest first), and every record of the primary object beside them.
 */
export function compileFilterSkips(build: TableBuild, objects: readonly BuildObject[]): string | null {
  const filter = build.where;
  if (!filter) return null;
  const from = compileFrom(build, objects);
  const tally = filter.tally ? compileValue(filter.tally, from.scope) : "CAST(NULL AS VARCHAR)";
  const kept = compileCondition(filter.condition, from.scope);
  return `SELECT v AS value, count(*) AS n, max(total) AS total FROM (
  SELECT p.__line, min(${tally}) AS v, (SELECT count(*) FROM ${linedTable(build.primary)}) AS total
  FROM ${from.sql}
  GROUP BY p.__line HAVING NOT bool_or(COALESCE(${kept}, false))
) skipped GROUP BY v ORDER BY n DESC, v`;
}

interface From {
  readonly sql: string;
  readonly scope: ValueScope;
  readonly primary: BuildObject;
}

function compileSelects(build: TableBuild, objects: readonly BuildObject[], extras: readonly BuildExtra[]): string[] {
  const from = compileFrom(build, objects);
  const primary = from.primary;
  const kept = extras.map((e) => `p.${q(e.header)} AS ${q(e.as)}`);
  const rowPositions = compileRowPositions(build, primary, from.scope);
  const select = (columns: Readonly<Record<string, Value>>, where: readonly Condition[], positions: readonly string[]) => {
    const values = Object.entries(columns).map(([name, value]) => `${compileValue(value, from.scope)} AS ${q(name)}`);
    const filter = where.length ? `\nWHERE ${where.map((c) => compileCondition(c, from.scope)).join(" AND ")}` : "";
    const map = positions.length ? `MAP {${positions.join(", ")}}` : "CAST(NULL AS MAP(VARCHAR, INTEGER))";
    return `SELECT p.__line, p.__raw_row, ${map} AS __positions, ${[...values, ...kept].join(", ")}\nFROM ${from.sql}${filter}`;
  };
  const base = build.where ? [build.where.condition] : [];
  const unpivot = build.unpivot;
  if (!unpivot) return [select(build.columns, base, rowPositions)];
  if (unpivot.entries.length === 0) throw new Error(`unpivot into ${build.table} lists no columns (a bug: please report it)`);
  return unpivot.entries.map((e) => {
    const value: Value = { kind: "column", object: build.primary, header: e.header };
    const columns = { ...build.columns, [unpivot.nameAs]: constant(e.name), [unpivot.valueAs]: value };
    // Each entry's name and value are cited at the entry's own column.
    const at = `CAST(${primary.header.indexOf(e.header) + 1} AS INTEGER)`;
    const entry = [unpivot.nameAs, unpivot.valueAs].map((column) => `${lit(column)}: ${at}`);
    return select(columns, [...base, { kind: "present", value }], [...rowPositions, ...entry]);
  });
}

/**
 * `key: position` entries of the `__positions` map for columns cited at one of several fields:
 * the first holding a value on the row, else the first exported. Columns cited at one field have
 * it on every row, and are left to the binding's position.
 */
function compileRowPositions(build: TableBuild, primary: BuildObject, scope: ValueScope): string[] {
  return Object.entries(build.positions).flatMap(([column, position]) => {
    const fields = positionFields(primary, position);
    const [first] = fields;
    if (!first || fields.length < 2) return [];
    const whens = fields.map((f) => `WHEN ${compileValue(field(primary.key, f.field), scope)} IS NOT NULL THEN ${f.at}`);
    return [`${lit(column)}: CAST(CASE ${whens.join(" ")} ELSE ${first.at} END AS INTEGER)`];
  });
}

/** The primary object as `p`, then each exported joined object as j1, j2, …; absent objects are skipped. */
function compileFrom(build: TableBuild, objects: readonly BuildObject[]): From {
  const byKey = new Map(objects.map((o) => [o.key, o]));
  const primary = byKey.get(build.primary);
  if (!primary) throw new Error(`a table build of ${build.table} without its primary object ${build.primary} (a bug: please report it)`);
  const scopes = new Map<string, ObjectScope>([[primary.key, { alias: "p", fields: primary.fields, reduced: null }]]);
  const scope: ValueScope = { objects: scopes, exported: new Set(byKey.keys()) };
  const parts = [`${linedTable(primary.key)} p`];
  build.joins.forEach((join, i) => {
    const object = byKey.get(join.object);
    if (!object) return;
    const alias = `j${i + 1}`;
    const equals = compileValue(join.equals, scope);
    const reduced = join.smallest ? [join.field, ...join.smallest] : null;
    const table = reduced ? compileOnePerKey(object, join, scope.exported) : linedTable(object.key);
    scopes.set(object.key, { alias, fields: object.fields, reduced });
    parts.push(`LEFT JOIN ${table} ${alias} ON ${compileValue(field(object.key, join.field), scope)} = ${equals}`);
  });
  return { sql: parts.join("\n  "), scope, primary };
}

/** One row per key of the object, with the smallest value of each listed field. */
function compileOnePerKey(object: BuildObject, join: Join, exported: ReadonlySet<string>): string {
  const inner: ValueScope = { objects: new Map([[object.key, { alias: "x", fields: object.fields, reduced: null }]]), exported };
  const ref = (name: string) => compileValue(field(object.key, name), inner);
  const smallest = (join.smallest ?? []).map((f) => `min(${ref(f)}) AS ${q(f)}`);
  return `(SELECT ${ref(join.field)} AS ${q(join.field)}, ${smallest.join(", ")}\n    FROM ${linedTable(object.key)} x GROUP BY 1)`;
}
