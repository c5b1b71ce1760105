// ARPA, CAC and LTV count won opportunities of type new_business. An export without a deal type
// (the Salesforce developer org has no Type column) leaves them empty everywhere: say why.
import { compiledQuery } from "../sql/compiled-query.js";
import { COUNT_UNTYPED_WINS } from "../sql/ltv-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { runQuery } from "./run-query.js";

/** With no new-business win at all, ARPA and CAC are empty everywhere: say whether deal types are missing. */
export async function untypedWinsNote(ws: Workspace): Promise<string[]> {
  const [r] = await runQuery(ws, compiledQuery("won opportunities without a type", COUNT_UNTYPED_WINS));
  const won = Number(r?.won ?? 0);
  const untyped = Number(r?.untyped ?? 0);
  if (won === 0 || untyped === 0) return [];
  return [
    `no new-business win in the window, so ARPA, LTV and CAC are empty: they count won opportunities of type new_business, and ${untyped} of ${won} won opportunities have no type. Give opportunities a type column (new_business, expansion or renewal; Salesforce Type, HubSpot dealtype) or map yours under columns.opportunities.type.`,
  ];
}
