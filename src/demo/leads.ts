// The demo's lead status history: every touched contact becomes a lead on its first touch; the
// contact who first touched before a new-business deal was created passes MQL and SQL on the way to
// Opportunity on the deal's creation day; other contacts qualify as MQL and SQL at tier-dependent
// rates and stop. Drawn from a random stream of its own, so adding leads changed no other table.
import { isoDate } from "./calendar.js";
import type { DemoAccount, OpportunityPlan } from "./company.js";
import type { DemoTouch } from "./journeys.js";
import type { Random } from "./random.js";
import type { SizeTier } from "./segment-profiles.js";

type LeadStatusName = "Lead" | "MQL" | "SQL" | "Opportunity";

/** A lead that does not turn into a deal: P(MQL) and P(SQL | MQL) by tier. */
const QUALIFY: Readonly<Record<SizeTier, { readonly mql: number; readonly sql: number }>> = {
  SMB: { mql: 0.22, sql: 0.2 },
  "Mid-Market": { mql: 0.3, sql: 0.28 },
  Enterprise: { mql: 0.4, sql: 0.35 },
};

/** Days a converting lead may spend before MQL, and SQL before the deal. */
const LOOKBACK_DAYS = 180;

interface LeadStatus {
  readonly leadId: string;
  readonly accountId: string;
  readonly status: LeadStatusName;
  readonly day: number;
}

export function leadLine(entry: LeadStatus): string {
  return `${entry.leadId},${entry.accountId},${entry.status},${isoDate(entry.day)}`;
}

/** The account's leads and the statuses they entered, in lead then date order. */
export function accountLeads(
  rng: Random,
  account: DemoAccount,
  plans: readonly OpportunityPlan[],
  touches: readonly DemoTouch[],
  asOfDay: number,
): LeadStatus[] {
  const firstTouch = new Map<number, number>();
  for (const t of touches) firstTouch.set(t.contact, Math.min(firstTouch.get(t.contact) ?? Infinity, t.day));
  const contacts = [...firstTouch].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const converted = new Map<number, OpportunityPlan>();
  for (const plan of plans) {
    if (plan.type !== "new_business") continue;
    const lead = contacts.find(
      ([contact, day]) => !converted.has(contact) && day <= plan.createdDay && day >= plan.createdDay - LOOKBACK_DAYS,
    );
    if (lead) converted.set(lead[0], plan);
  }
  const out: LeadStatus[] = [];
  for (const [contact, first] of contacts) {
    const leadId = `LEAD-${account.number}-${contact}`;
    const entry = (status: LeadStatus["status"], day: number) => out.push({ leadId, accountId: account.id, status, day });
    entry("Lead", first);
    const plan = converted.get(contact);
    if (plan) {
      const mql = first + Math.floor(rng.uniform() * (plan.createdDay - first + 1));
      const sql = mql + Math.floor(rng.uniform() * (plan.createdDay - mql + 1));
      entry("MQL", mql);
      entry("SQL", sql);
      entry("Opportunity", plan.createdDay);
      continue;
    }
    const odds = QUALIFY[account.tier];
    if (!rng.chance(odds.mql)) continue;
    const mql = Math.min(asOfDay, first + rng.int(0, 45));
    entry("MQL", mql);
    if (rng.chance(odds.sql)) entry("SQL", Math.min(asOfDay, mql + rng.int(1, 30)));
  }
  return out;
}
