// `pipeprism audit`: what the workspace holds and what it could not use — row counts per file,
// every quarantined row with its reason, rows kept but flagged, and per segment dimension the
// share of opportunities that landed in the unknown bucket.
import type { Row } from "../contract/row.js";
import { auditChecks } from "../sql/audit-sql.js";
import { compileOpportunityBase, segColumn } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { baseContext } from "./run-query.js";

export interface AuditResult {
  readonly report: "audit";
  readonly params: { readonly data_as_of: string };
  readonly files: readonly Row[];
  readonly tables: readonly Row[];
  readonly quarantine: readonly Row[];
  readonly flags: readonly Row[];
  readonly unknown: readonly Row[];
  /** Raw channel values no channel rule matched, with their touch counts (rules configured only). */
  readonly unmatched_channels: readonly Row[];
  readonly notes: readonly string[];
}

const TABLES = ["accounts", "opportunities", "stage_history", "touchpoints", "spend", "targets"];

export async function audit(ws: Workspace): Promise<AuditResult> {
  const e = ws.engine;
  const files = await e.all(`SELECT table_name, file, rows_read, rows_kept, rows_quarantined FROM ingest_files ORDER BY table_name`);
  const tables: Row[] = [];
  for (const table of TABLES) {
    const [r] = await e.all(`SELECT count(*) AS n FROM "${table}"`);
    tables.push({ table, rows: Number(r?.n ?? 0) });
  }
  const quarantine = await e.all(`SELECT table_name, file, line, column_number, column_name, reason, raw_row FROM quarantine ORDER BY file, line`);
  const flags: Row[] = [];
  for (const c of auditChecks(e.dialect, ws.config)) {
    const [r] = await e.all(c.sql);
    const n = Number(r?.n ?? 0);
    if (n > 0) flags.push({ table: c.table, flag: c.flag, rows: n, example: r?.example ?? null, description: c.description });
  }
  const unmatched = ws.config.channels.length ? await unmatchedChannels(ws) : [];
  return { report: "audit", params: { data_as_of: ws.dataAsOf }, files, tables, quarantine, flags, unknown: await unknownShares(ws), unmatched_channels: unmatched, notes: [] };
}

/** A value no rule renamed kept its raw spelling: list them so the user can complete the rules. */
async function unmatchedChannels(ws: Workspace): Promise<Row[]> {
  const rules = ws.config.channels.map((r) => r.channel);
  const placeholders = rules.map(() => "?").join(", ");
  return ws.engine.all(
    `SELECT raw_channel, count(*) AS touches FROM touchpoints WHERE raw_channel IS NOT NULL AND channel = raw_channel
     AND raw_channel NOT IN (${placeholders}) GROUP BY raw_channel ORDER BY touches DESC, raw_channel`,
    rules,
  );
}

async function unknownShares(ws: Workspace): Promise<Row[]> {
  const dims = Object.keys(ws.config.segments);
  if (dims.length === 0) return [];
  const base = compileOpportunityBase(baseContext(ws), dims);
  const label = ws.engine.dialect.literal(ws.config.unknown_label);
  const selects = dims.map((d) => `count(*) FILTER (WHERE "${segColumn(d)}" = ${label}) AS "${d}"`);
  const [r] = await ws.engine.all(`SELECT count(*) AS total, ${selects.join(", ")} FROM (${base.sql}) b`);
  const total = Number(r?.total ?? 0);
  return dims.map((d) => {
    const n = Number(r?.[d] ?? 0);
    return { dimension: d, field: ws.config.segments[d]?.field ?? null, unknown: n, opportunities: total, unknown_share: total ? n / total : null };
  });
}
