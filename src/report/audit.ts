// `pipeprism audit`: what the workspace holds and what it could not use — row counts per file,
// every quarantined row with its reason, rows kept but flagged, and per segment dimension the
// share of opportunities that landed in the unknown bucket.
import type { AuditResult } from "../contract/audit-result.js";
import type { Row } from "../contract/row.js";
import { UNATTRIBUTED_REASONS } from "../contract/attribution.js";
import { CANONICAL_TABLES } from "../contract/tables.js";
import {
  auditChecks,
  compileIngestFiles,
  compileQuarantineRows,
  compileTableCount,
  compileUnknownShares,
  compileUnmatchedChannels,
} from "../sql/audit-sql.js";
import { compileOpportunityBase, segColumn } from "../sql/opportunity-base-sql.js";
import { compileTouchFates } from "../sql/unattributed-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { planAttribution } from "./attribution.js";
import { baseContext } from "./run-query.js";
import { unattributedBreakdown } from "./unattributed.js";

export async function audit(ws: Workspace): Promise<AuditResult> {
  const e = ws.engine;
  const files = await e.all(compileIngestFiles());
  const tables: Row[] = [];
  for (const table of CANONICAL_TABLES) {
    const [r] = await e.all(compileTableCount(e.dialect, table));
    tables.push({ table, rows: Number(r?.n ?? 0) });
  }
  const quarantine = await e.all(compileQuarantineRows(ws.columns.get("quarantine")?.has("code") ?? false));
  const flags: Row[] = [];
  for (const c of auditChecks(e.dialect, ws.config)) {
    const [r] = await e.all(c.sql);
    const n = Number(r?.n ?? 0);
    if (n > 0) flags.push({ table: c.table, flag: c.flag, rows: n, example: r?.example ?? null, description: c.description });
  }
  const unmatched = ws.config.channels.length ? await unmatchedChannels(ws) : [];
  return {
    report: "audit",
    params: { data_as_of: ws.dataAsOf },
    files,
    tables,
    quarantine,
    flags,
    unknown: await unknownShares(ws),
    unmatched_channels: unmatched,
    unattributed: await unattributedReasons(ws),
    touch_fates: await e.all(compileTouchFates(e.dialect, ws.config.attribution.lookback_days)),
    notes: [],
  };
}

/** Pipeline attribution over all the data: the opportunities with no journey, by reason. */
async function unattributedReasons(ws: Workspace): Promise<Row[]> {
  const plan = await planAttribution(ws, {});
  const breakdown = await unattributedBreakdown(ws, plan.credits, baseContext(ws));
  return breakdown.reasons.map((r) => ({ ...r, description: UNATTRIBUTED_REASONS[r.reason] }));
}

/** A value no rule renamed kept its raw spelling: list them so the user can complete the rules. */
async function unmatchedChannels(ws: Workspace): Promise<Row[]> {
  const query = compileUnmatchedChannels(ws.config.channels.map((r) => r.channel));
  return ws.engine.all(query.sql, query.params);
}

async function unknownShares(ws: Workspace): Promise<Row[]> {
  const dims = Object.keys(ws.config.segments);
  if (dims.length === 0) return [];
  const base = compileOpportunityBase(baseContext(ws), dims);
  const [r] = await ws.engine.all(compileUnknownShares(ws.engine.dialect, base.sql, dims, ws.config.unknown_label, segColumn));
  const total = Number(r?.total ?? 0);
  return dims.map((d) => {
    const n = Number(r?.[d] ?? 0);
    return {
      dimension: d,
      field: ws.config.segments[d]?.field ?? "rules",
      unknown: n,
      opportunities: total,
      unknown_share: total ? n / total : null,
    };
  });
}

export type { AuditResult };
