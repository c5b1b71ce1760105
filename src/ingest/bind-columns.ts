// Matches a file's header to a canonical table: config renames first, then the canonical name,
// case-insensitively. A missing required column stops the ingest with one message listing what
// the file has, since no row of it could be used.
import { requiredHeaderColumns, type TableSpec } from "../model/canonical-tables.js";
import { UserError } from "../model/diagnostic.js";
import type { ColumnBinding, ExtraColumn } from "../sql/ingest-sql.js";

export interface Bound {
  readonly bindings: ColumnBinding[];
  readonly extras: ExtraColumn[];
}

export function bindColumns(
  spec: TableSpec,
  header: readonly string[],
  renames: Readonly<Record<string, string>>,
  displayName: string,
): Bound {
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  checkRenames(spec, renames, displayName);
  const bindings = spec.columns.map((c) => {
    const wanted = (renames[c.name] ?? c.name).trim().toLowerCase();
    const i = index.get(wanted);
    return { spec: c, source: i === undefined ? null : (header[i] ?? null), position: i === undefined ? null : i + 1 };
  });
  checkRequired(spec, bindings, header, renames, displayName);
  const used = new Set(bindings.filter((b) => b.source).map((b) => (b.source ?? "").toLowerCase()));
  const canonical = new Set(spec.columns.map((c) => c.name));
  const extras = spec.keepExtraColumns ? extraColumns(header, used, canonical) : [];
  return { bindings, extras };
}

function checkRenames(spec: TableSpec, renames: Readonly<Record<string, string>>, displayName: string): void {
  const known = new Set(spec.columns.map((c) => c.name));
  const unknown = Object.keys(renames).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new UserError(
      `columns.${spec.table}: ${unknown.map((u) => `"${u}"`).join(", ")} is not a canonical column of ${spec.table} (valid: ${[...known].join(", ")}) — while reading ${displayName}`,
      "config_invalid",
    );
  }
}

function checkRequired(
  spec: TableSpec,
  bindings: readonly ColumnBinding[],
  header: readonly string[],
  renames: Readonly<Record<string, string>>,
  displayName: string,
): void {
  const missing = requiredHeaderColumns(spec).filter((name) => !bindings.find((b) => b.spec.name === name)?.source);
  missing.push(...alternativesMissing(spec, bindings));
  if (missing.length === 0) return;
  const described = missing.map((m) => (renames[m] ? `"${renames[m]}" (for ${m})` : `"${m}"`));
  throw new UserError(
    `${displayName}:1: missing required column${missing.length > 1 ? "s" : ""} ${described.join(", ")}; the header has ${header.map((h) => `"${h}"`).join(", ")} (map names under columns.${spec.table} in the config)`,
    "missing_column",
  );
}

/** Columns where one of several alternatives must be present. */
function alternativesMissing(spec: TableSpec, bindings: readonly ColumnBinding[]): string[] {
  const has = (name: string) => Boolean(bindings.find((b) => b.spec.name === name)?.source);
  if (spec.table === "touchpoints" && !has("account_id") && !has("opportunity_id")) return ["account_id or opportunity_id"];
  if (spec.table === "spend" && !has("month") && !(has("period_start") && has("period_end")))
    return ["month or period_start and period_end"];
  return [];
}

function extraColumns(header: readonly string[], used: ReadonlySet<string>, canonical: ReadonlySet<string>): ExtraColumn[] {
  const taken = new Set(canonical);
  const extras: ExtraColumn[] = [];
  for (const source of header) {
    if (used.has(source.toLowerCase())) continue;
    const name = attributeName(source);
    if (!name || taken.has(name)) continue;
    taken.add(name);
    extras.push({ name, source });
  }
  return extras;
}

/** Extra columns become snake_case text attributes usable as segment fields. */
export function attributeName(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
