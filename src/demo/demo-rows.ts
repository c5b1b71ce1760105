// Canonical CSV columns of the demo tables and the functions that turn generated records into
// rows. Only names and campaigns can hold commas, so only they go through csvText.
import { isoDate } from "./calendar.js";
import type { DemoAccount, OpportunityPlan } from "./company.js";
import { csvText } from "./csv-writer.js";
import type { DemoTouch } from "./journeys.js";
import type { StageEntry } from "./stages.js";

export const DEMO_TABLES = ["accounts", "opportunities", "stage_history", "touchpoints", "spend", "targets", "lead_history"] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

export const DEMO_HEADERS: Readonly<Record<DemoTable, readonly string[]>> = {
  accounts: ["account_id", "account_name", "industry", "employees", "annual_revenue", "country"],
  opportunities: [
    "opportunity_id",
    "account_id",
    "opportunity_name",
    "amount",
    "stage",
    "created_date",
    "close_date",
    "type",
    "lead_source",
    "motion",
    "owner",
    "loss_reason",
    "probability",
  ],
  stage_history: ["opportunity_id", "stage", "entered_at"],
  touchpoints: ["touchpoint_id", "account_id", "contact_id", "opportunity_id", "occurred_at", "channel", "campaign", "is_lead_creation"],
  spend: ["month", "channel", "amount"],
  targets: ["period", "size", "amount"],
  lead_history: ["lead_id", "account_id", "status", "entered_at"],
};

const TYPE_LABEL = { new_business: "New Business", expansion: "Expansion", renewal: "Renewal" } as const;

export function accountRow(account: DemoAccount): (string | number)[] {
  return [account.id, csvText(account.name), csvText(account.industry), account.employees, account.annualRevenue, csvText(account.country)];
}

export function opportunityRow(plan: OpportunityPlan, stage: string): (string | number)[] {
  const leadSource = plan.type === "new_business" ? plan.primary.leadSource : "Existing Customer";
  return [
    plan.id,
    plan.account.id,
    csvText(`${plan.account.name} - ${TYPE_LABEL[plan.type]}`),
    plan.amount,
    stage,
    isoDate(plan.createdDay),
    isoDate(plan.closeDay),
    plan.type,
    leadSource,
    plan.motion,
    csvText(plan.account.owner),
    plan.lossReason,
    "",
  ];
}

// The two largest tables are built as one template string per row: no intermediate array.

export function stageLine(plan: OpportunityPlan, entry: StageEntry): string {
  return `${plan.id},${entry.stage},${isoDate(entry.day)}`;
}

export function touchLine(touchpointId: string, touch: DemoTouch): string {
  const { account } = touch;
  const contact = `CON-${account.number}-${touch.contact}`;
  return `${touchpointId},${account.id},${contact},${touch.opportunityId},${isoDate(touch.day)},${touch.channel.name},${csvText(touch.campaign)},${touch.leadCreation}`;
}
