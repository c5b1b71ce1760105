// What config `win_rate` leaves out, said under every report that shows a win rate: how many
// closed deals each exclusion removes, so a rate that moved because of the definition says so.
import type { ReportResult } from "../contract/report-result.js";
import { compiledQuery } from "../sql/compiled-query.js";
import { compileWinRateExclusionCounts, winRateExclusions } from "../sql/win-rate-definition-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { baseContext, runQuery } from "./run-query.js";

export async function winRateDefinitionNotes(ws: Workspace, result: ReportResult): Promise<string[]> {
  const exclusions = winRateExclusions(baseContext(ws).dialect, ws.config);
  if (exclusions.length === 0 || !result.columns.some((c) => c.key === "win_rate")) return [];
  const [row] = await runQuery(ws, compiledQuery("deals config win_rate leaves out", compileWinRateExclusionCounts(baseContext(ws))));
  const parts = exclusions.map((e, i) => `${Number(row?.[`excluded_${i}`] ?? 0).toLocaleString("en-US")} ${e.reason}`);
  return [
    `win rates follow config win_rate: of ${Number(row?.closed ?? 0).toLocaleString("en-US")} closed deals, ${Number(row?.excluded ?? 0).toLocaleString("en-US")} are left out of every won/lost count (${parts.join("; ")}). They stay in pipeline and deal counts, and in \`report losses\`.`,
  ];
}
