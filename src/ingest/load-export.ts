// `sources.format: salesforce | hubspot | marketo-measure`: read each exported object file as
// is, build the canonical tables from them with the format's table builds (compiled by
// src/sql/formats), then run the same checks, quarantine and keep steps as canonical files, with
// lines of the exported files.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { SqlEngine } from "../db/engine.js";
import type { LoadedConfig } from "../model/config.js";
import { TABLE_SPECS } from "../model/canonical-tables.js";
import type { CanonicalTable } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { coercionsFor } from "../sql/coerce-sql.js";
import { compileBuildTable, compileFilterSkips } from "../sql/formats/compile-table-build.js";
import { buildColumns, positionFields, type TableBuild } from "../sql/formats/table-build.js";
import type { ColumnBinding, ExtraColumn, StagePlan } from "../sql/ingest-sql.js";
import { sourceFile } from "../workspace/paths.js";
import { attributeName } from "./bind-columns.js";
import type { FieldAliases } from "./formats/aliases.js";
import { buildObject, keepQuarantinedTexts, readExportObject, releaseExportObject, type ExportObject } from "./formats/export-objects.js";
import type { ExportFormat } from "./formats/export-format.js";
import { EXPORT_FORMATS } from "./formats/registry.js";
import { coercionOptions, displayNameFor, loadTable, stageAndKeep, type TableIngestStats } from "./load-table.js";

export interface ExportLoad {
  readonly tables: TableIngestStats[];
  readonly built: Set<CanonicalTable>;
  /** Tables a format's filter left (nearly) empty, with why in the format's words. */
  readonly warnings: Map<CanonicalTable, string>;
  /** Per table, why the format can leave a required column empty (the likely fix of a refusal). */
  readonly missingHints: Map<CanonicalTable, Readonly<Record<string, string>>>;
}

export async function loadExport(engine: SqlEngine, loaded: LoadedConfig): Promise<ExportLoad> {
  const format = EXPORT_FORMATS[loaded.config.sources.format as keyof typeof EXPORT_FORMATS];
  if (!format) throw new UserError(`sources.format: "${loaded.config.sources.format}" has no importer`, "format_unsupported");
  const objects = new Map<string, ExportObject>();
  try {
    await readObjects(engine, loaded, format, objects);
    const load: ExportLoad = { tables: [], built: new Set(), warnings: new Map(), missingHints: new Map() };
    const beside = canonicalFilesBeside(loaded);
    for (const build of format.build(objects, loaded.config)) {
      if (beside.has(build.table)) continue;
      const ownsRejects = format.objects[build.primary]?.quarantineAs === build.table;
      const stats = await loadBuild(engine, loaded, build, objects, ownsRejects);
      load.tables.push(stats);
      load.built.add(build.table);
      if (build.missingHints) load.missingHints.set(build.table, build.missingHints);
      const skipped = await filterWarning(engine, loaded, build, objects);
      if (skipped) load.warnings.set(build.table, `${stats.file}: ${skipped}`);
    }
    for (const [table, relative] of beside) {
      const file = sourceFile(loaded, relative);
      load.tables.push(await loadTable({ engine, config: loaded.config, table, file, displayName: displayNameFor(loaded.baseDir, file) }));
      load.built.add(table);
    }
    for (const obj of objects.values()) await keepQuarantinedTexts(engine, obj);
    return load;
  } finally {
    for (const obj of objects.values()) await releaseExportObject(obj);
  }
}

/**
 * When a format's filter leaves out more records than `sources.min_kept_share` allows (all of
 * them, typically), a sentence saying how many, why, what they were, and what to change.
 */
async function filterWarning(
  engine: SqlEngine,
  loaded: LoadedConfig,
  build: TableBuild,
  objects: ReadonlyMap<string, ExportObject>,
): Promise<string | null> {
  const sql = build.where ? compileFilterSkips(build, [...objects.values()].map(buildObject)) : null;
  if (!sql || !build.where) return null;
  const rows = await engine.all(sql);
  const skipped = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const total = Number(rows[0]?.total ?? 0);
  if (skipped === 0 || total - skipped >= loaded.config.sources.min_kept_share * total) return null;
  const { records, skips, fix } = build.where;
  const tally = build.where.tally
    ? ` (${rows.map((r) => `${r.value === null ? "none" : String(r.value)}: ${Number(r.n)}`).join(", ")})`
    : "";
  const count = skipped === total ? `all ${total} ${records}` : `${skipped} of ${total} ${records}`;
  return `${build.table}: ${count}${tally} ${skips}${fix ? `; ${fix}` : ""}`;
}

/**
 * Tables a CRM export does not hold (targets, lead status history) or may lack (spend, when
 * campaigns carry no cost) can be given as canonical files beside it; such a file replaces what
 * the format would build. The core tables must come from the export: mixing a canonical
 * opportunities file with exported touches would join ids of two systems.
 */
const CANONICAL_BESIDE_EXPORT = ["spend", "targets", "lead_history"] as const satisfies readonly CanonicalTable[];

function canonicalFilesBeside(loaded: LoadedConfig): Map<CanonicalTable, string> {
  const sources = loaded.config.sources as Record<string, unknown>;
  const files = new Map<CanonicalTable, string>();
  for (const table of CANONICAL_BESIDE_EXPORT) {
    const relative = sources[table];
    if (typeof relative === "string") files.set(table, relative);
  }
  return files;
}

/** Reads the configured objects into `objects` (which holds those read so far if one fails). */
async function readObjects(
  engine: SqlEngine,
  loaded: LoadedConfig,
  format: ExportFormat,
  objects: Map<string, ExportObject>,
): Promise<void> {
  const sources = loaded.config.sources as Record<string, unknown>;
  const known = new Set([
    ...Object.keys(format.objects),
    ...CANONICAL_BESIDE_EXPORT,
    "format",
    "delimiter",
    "date_format",
    "decimal_separator",
    "encoding",
    "loss_reason_field",
    "responded_only",
    "min_kept_share",
  ]);
  const unknown = Object.keys(sources).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new UserError(
      `sources: ${unknown.map((u) => `"${u}"`).join(", ")} is not an object of format ${loaded.config.sources.format} (valid: ${Object.keys(format.objects).join(", ")}; canonical files beside the export: ${CANONICAL_BESIDE_EXPORT.join(", ")})`,
      "config_invalid",
    );
  }
  for (const [key, spec] of Object.entries(format.objects)) {
    const relative = sources[key];
    if (typeof relative !== "string") continue;
    const aliases = withUserColumns(spec.aliases, loaded.config.columns[spec.quarantineAs as CanonicalTable] ?? {});
    const file = resolveSource(loaded, key, relative);
    objects.set(
      key,
      await readExportObject({
        engine,
        key,
        file,
        displayName: displayNameFor(loaded.baseDir, file),
        delimiter: loaded.config.sources.delimiter,
        encoding: loaded.config.sources.encoding,
        aliases,
        quarantineAs: spec.quarantineAs,
      }),
    );
  }
}

/** Logical field of a format for each canonical column whose name differs. */
const LOGICAL_FIELD: Readonly<Record<string, string>> = {
  opportunity_id: "id",
  account_id: "account_id",
  opportunity_name: "name",
  account_name: "name",
};

/** `columns:` renames point a canonical column at the export's own column, ahead of the aliases. */
function withUserColumns(aliases: FieldAliases, renames: Readonly<Record<string, string>>): FieldAliases {
  const out: Record<string, readonly string[]> = { ...aliases };
  for (const [canonical, column] of Object.entries(renames)) {
    const field = canonical === "account_id" && !("account_id" in aliases) ? "id" : (LOGICAL_FIELD[canonical] ?? canonical);
    out[field] = [column];
  }
  return out;
}

/** A key may be a glob over file names (`exports/Opportunity*.csv`); it must match one file. */
function resolveSource(loaded: LoadedConfig, key: string, relative: string): string {
  if (!/[*?]/.test(relative)) return sourceFile(loaded, relative);
  const dir = path.dirname(sourceFile(loaded, relative));
  const pattern = new RegExp(
    `^${path
      .basename(relative)
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replaceAll("*", ".*")
      .replaceAll("?", ".")}$`,
  );
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => pattern.test(n))
      .sort();
  } catch {
    names = [];
  }
  if (names.length !== 1) {
    throw new UserError(
      `sources.${key}: "${relative}" matches ${names.length === 0 ? "no file" : `${names.length} files (${names.join(", ")}); name one`}`,
      "source_glob",
    );
  }
  return path.join(dir, names[0] ?? "");
}

async function loadBuild(
  engine: SqlEngine,
  loaded: LoadedConfig,
  build: TableBuild,
  objects: ReadonlyMap<string, ExportObject>,
  ownsRejects: boolean,
): Promise<TableIngestStats> {
  const primary = objects.get(build.primary);
  if (!primary) throw new Error(`format built ${build.table} without its primary object ${build.primary}`);
  const spec = TABLE_SPECS[build.table];
  const columns = buildColumns(build);
  const extras = build.keepExtras ? extraColumns(primary, columns) : [];
  const exported = [...objects.values()].map(buildObject);
  await engine.run(
    compileBuildTable(
      build,
      exported,
      extras.map((e) => ({ header: e.header, as: e.source })),
    ),
  );
  // A column cited at one field has that position; at several, its position is per row (`__positions`).
  const primaryObject = buildObject(primary);
  // A column not listed in `positions` that is one field of the primary object is cited at it.
  const direct = (name: string): string | undefined => {
    const value = build.columns[name];
    return value?.kind === "field" && value.object === build.primary ? value.field : undefined;
  };
  const position = (name: string) => {
    const fields = positionFields(primaryObject, build.positions[name] ?? direct(name));
    return fields.length === 1 ? (fields[0]?.at ?? null) : null;
  };
  const bindings: ColumnBinding[] = spec.columns.map((c) => ({
    spec: c,
    source: columns.includes(c.name) ? c.name : null,
    position: position(c.name),
  }));
  const plan: StagePlan = {
    table: build.table,
    file: primary.displayName,
    displayName: primary.displayName,
    delimiter: loaded.config.sources.delimiter,
    header: columns,
    bindings,
    extras: extras.map(({ name, source }) => ({ name, source })),
    ...(spec.key ? { key: spec.key } : {}),
    rowRules: [],
    coercions: coercionsFor(coercionOptions(loaded.config)),
    skipLines: 0,
    prebuilt: true,
    prebuiltRejected: ownsRejects ? primary.rejected : 0,
  };
  return stageAndKeep(engine, loaded.config, plan);
}

/** The primary file's other columns, as text attributes named in snake_case. */
function extraColumns(obj: ExportObject, canonical: readonly string[]): (ExtraColumn & { header: string })[] {
  const taken = new Set(canonical);
  const out: (ExtraColumn & { header: string })[] = [];
  obj.header.forEach((header, i) => {
    const name = attributeName(header);
    if (!name || taken.has(name)) return;
    taken.add(name);
    out.push({ name, source: `xsrc_${i}`, header });
  });
  return out;
}
