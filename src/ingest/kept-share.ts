// An ingest must not succeed with nothing. A required table (accounts, opportunities) that keeps
// no row, or fewer than `sources.min_kept_share` of its records, fails the ingest — before the new
// workspace replaces the old one — with the commonest reasons, an example line and the likely fix.
// An optional table that was configured but kept nothing is a warning. --allow-partial overrides.
import type { Row } from "../contract/row.js";
import type { SqlEngine } from "../db/engine.js";
import type { Config } from "../model/config-schema.js";
import { UserError, type Diagnostic } from "../model/diagnostic.js";
import { compileNonRecordCounts, compileQuarantineSummary } from "../sql/ingest/quarantine-summary-sql.js";
import type { TableIngestStats } from "./load-table.js";

const REQUIRED = new Set(["accounts", "opportunities"]);

/** What an export format says about its tables: filters that left them empty, and why values go missing. */
export interface FormatExplanations {
  readonly warnings: ReadonlyMap<string, string>;
  readonly missingHints: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export async function checkKeptShares(
  engine: SqlEngine,
  config: Config,
  tables: readonly TableIngestStats[],
  allowPartial: boolean,
  format?: FormatExplanations,
): Promise<string[]> {
  const share = config.sources.min_kept_share;
  const problems: Diagnostic[] = [];
  const warnings: string[] = [];
  const nonRecords = new Map((await engine.all(compileNonRecordCounts())).map((r) => [String(r.table_name), r]));
  for (const t of tables) {
    const filtered = format?.warnings.get(t.table);
    if (filtered) {
      // The format's filter says why in its own words; the records it kept are checked as usual.
      warnings.push(filtered);
      if (t.rowsRead === 0) continue;
    }
    // Footers and empty lines are quarantined to lose nothing, but they were never records.
    const lines = nonRecords.get(t.table);
    const records = t.rowsRead - Number(lines?.n ?? 0);
    const tooFew = t.rowsKept === 0 || t.rowsKept < share * records;
    if (!tooFew) continue;
    const explanation =
      records === 0 ? noDataRows(t, lines) : await explain(engine, config, t, share, format?.missingHints.get(t.table) ?? {});
    if (REQUIRED.has(t.table) && !allowPartial) problems.push({ code: "ingest_incomplete", message: explanation, at: { file: t.file } });
    else warnings.push(`${t.file}: ${explanation}`);
  }
  if (problems.length) {
    const footer =
      "the previous workspace is unchanged; --allow-partial keeps what could be read, and `pipeprism audit` then lists every row";
    throw new UserError(problems.map((p, i) => (i === problems.length - 1 ? { ...p, hint: footer } : p)));
  }
  return warnings;
}

/** A file whose lines after the header are all empty or a report footer: where they are. */
function noDataRows(t: TableIngestStats, lines: Row | undefined): string {
  if (!lines) return `${t.table}: the file has no data rows`;
  const [first, last] = [Number(lines.first_line), Number(lines.last_line)];
  const where = first === last ? `line ${first} is` : `lines ${first}–${last} are`;
  return `${t.table}: the file has no data rows (${where} empty or a report footer)`;
}

async function explain(
  engine: SqlEngine,
  config: Config,
  t: TableIngestStats,
  share: number,
  missingHints: Readonly<Record<string, string>>,
): Promise<string> {
  const kept = `${t.table}: kept ${t.rowsKept} of ${t.rowsRead} records (${t.rowsKept === 0 ? "none" : `under ${Math.round(share * 100)}%`})`;
  const reasons = await engine.all(compileQuarantineSummary(t.table, 3));
  const lines = reasons.map(
    (r) =>
      `${Number(r.n)} × ${String(r.code)}${r.column_name ? ` ${String(r.column_name)}` : ""}, e.g. line ${String(r.example_line)}: ${String(r.example_reason)}`,
  );
  const top = reasons[0];
  const formatHint = top?.code === "missing_required" ? missingHints[String(top.column_name)] : undefined;
  const fix = formatHint ?? likelyFix(config, top);
  return [kept, ...lines.map((l) => `  ${l}`), ...(fix ? [`  likely fix: ${fix}`] : [])].join("\n");
}

/** The fix the commonest reason points at, from what its example looks like. */
export function likelyFix(config: Config, top: Row | undefined): string | null {
  const example = String(top?.example_row ?? "");
  switch (top?.code) {
    case "bad_date":
      if (!/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(example)) return "dates must be YYYY-MM-DD, or as `sources.date_format` says";
      if (config.sources.date_format === "YYYY-MM-DD")
        return "dates look like MM/DD/YYYY or DD/MM/YYYY: set `sources.date_format` (e.g. `date_format: MM/DD/YYYY`)";
      return `dates look like MM/DD/YYYY or DD/MM/YYYY and sources.date_format is ${config.sources.date_format}: check which comes first`;
    case "bad_number":
      if (config.sources.decimal_separator === "." && /\d\.\d{3},\d/.test(example))
        return 'numbers look like 1.200,50: set `sources.decimal_separator: ","`';
      return "amounts must be numbers (1200.50; currency symbols and thousands separators are accepted)";
    case "missing_required":
      return "a required value is empty: if the file names the column differently, map it under `columns:`";
    case "nul_byte":
      return "the file holds NUL bytes: binary data, or UTF-16 read as bytes; re-export it as UTF-8 CSV";
    case "unparseable_record":
      return "records do not split into the header's columns: check `sources.delimiter` and quoting";
    default:
      return null;
  }
}
