// Text and JSON forms of the audit; quarantined rows are listed as `file:line:column reason` so a
// user can jump straight to the offending cell.
import type { Row } from "../contract/row.js";
import type { AuditResult } from "../contract/audit-result.js";
import { column, type ColumnDef } from "../contract/report-result.js";
import { renderTable, type TableOptions } from "./render-table.js";
import { visibleText } from "./visible-text.js";

const MAX_LISTED = 200;

/** Where a channel's touches went, in the order a touch is tested. */
const FATES = ["in_journey", "after_end", "before_lookback", "between_windows", "no_opportunity", "unreachable"] as const;
const INDENT = "  ";

/** `options` fit the touches table (the one wide part) to a terminal, as report tables are. */
export function renderAuditText(a: AuditResult, options: TableOptions = {}): string {
  const out: string[] = [`Workspace data as of ${a.params.data_as_of}`, "", "Files"];
  for (const f of a.files)
    out.push(`  ${f.file} → ${f.table_name}: ${f.rows_read} read, ${f.rows_kept} kept, ${f.rows_quarantined} quarantined`);
  out.push("", "Tables");
  for (const t of a.tables) out.push(`  ${String(t.table).padEnd(14)} ${t.rows}`);
  out.push("", `Quarantined rows: ${a.quarantine.length}`);
  for (const q of a.quarantine.slice(0, MAX_LISTED))
    out.push(`  ${location(q)} ${q.code ? `[${q.code}] ` : ""}${visibleText(String(q.reason))}`);
  if (a.quarantine.length > MAX_LISTED) out.push(`  … ${a.quarantine.length - MAX_LISTED} more (use --format json for all)`);
  out.push("", `Kept but flagged: ${a.flags.length ? "" : "none"}`);
  for (const f of a.flags) out.push(`  ${f.table}.${f.flag}: ${f.rows} rows (e.g. ${visibleText(String(f.example))}) — ${f.description}`);
  out.push("", "Unknown segment values");
  for (const u of a.unknown) {
    const share = typeof u.unknown_share === "number" ? `${(u.unknown_share * 100).toFixed(1)}%` : "–";
    out.push(`  ${String(u.dimension).padEnd(14)} ${share} (${u.unknown} of ${u.opportunities} opportunities; field ${u.field})`);
  }
  if (a.unmatched_channels.length) {
    out.push("", "Channel values no rule matched (add rules under channels:)");
    for (const c of a.unmatched_channels) out.push(`  ${visibleText(String(c.raw_channel)).padEnd(30)} ${c.touches} touches`);
  }
  out.push("", `Opportunities without a journey (pipeline attribution, Unattributed): ${a.unattributed.length ? "" : "none"}`);
  for (const u of a.unattributed)
    out.push(`  ${String(u.opportunities).padStart(7)}  ${String(u.reason).padEnd(16)} ${u.description} (pipeline ${u.pipeline})`);
  if (a.touch_fates.length) {
    out.push("", "Touches by channel: where they went (pipeline journeys)");
    out.push(...touchFatesTable(a.touch_fates, options));
  }
  return `${out.join("\n")}\n`;
}

/** The touches table as a report table (channel as its key), indented under its heading. */
function touchFatesTable(rows: readonly Row[], options: TableOptions): string[] {
  const columns: ColumnDef[] = [
    { ...column("channel", "channel", "text"), role: "dimension" },
    ...["touches", ...FATES].map((f) => column(f, f, "count")),
  ];
  const width = options.width === undefined ? {} : { width: options.width - INDENT.length };
  const table = { report: "audit", params: {}, columns, rows, totals: [], notes: [] };
  const text = renderTable(table, { ...options, ...width });
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `${INDENT}${line}`);
}

function location(q: Row): string {
  return visibleText([q.file, q.line, q.column_number].filter((x) => x !== null && x !== undefined).join(":"));
}

export function renderAuditJson(a: AuditResult): string {
  return `${JSON.stringify(a, null, 2)}\n`;
}
