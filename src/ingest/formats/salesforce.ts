// Salesforce exports (Data Loader / Bulk API with API names, report exports with labels, and
// warehouse syncs in snake_case) → canonical tables, as declarative table builds. Touches are
// campaign members (salesforce-touches.ts); spend is Campaign.ActualCost.
import type { Config } from "../../model/config-schema.js";
import { field, firstNonNull, NULL_VALUE, type TableBuild, type Value } from "../../sql/formats/table-build.js";
import { findColumn } from "./aliases.js";
import { hasField, requireField, type ExportObject } from "./export-objects.js";
import type { ExportFormat, Objects } from "./export-format.js";
import { SALESFORCE_ALIASES } from "./salesforce-aliases.js";
import { campaignTouchesBuild } from "./salesforce-touches.js";

function accountsBuild(objects: Objects): TableBuild | null {
  const a = objects.get("account");
  if (!a) return null;
  requireField(a, "id", "the account id");
  const f = (name: string) => field("account", name);
  return {
    table: "accounts",
    primary: "account",
    joins: [],
    keepExtras: true,
    columns: {
      account_id: f("id"),
      account_name: f("name"),
      industry: f("industry"),
      employees: f("employees"),
      annual_revenue: f("annual_revenue"),
      country: f("country"),
    },
    positions: {
      account_id: "id",
      account_name: "name",
      industry: "industry",
      employees: "employees",
      annual_revenue: "annual_revenue",
      country: "country",
    },
  };
}

function opportunitiesBuild(objects: Objects, config: Config): TableBuild | null {
  const o = objects.get("opportunity");
  if (!o) return null;
  for (const [name, purpose] of [
    ["id", "the opportunity id"],
    ["stage", "the stage"],
    ["created_date", "the created date"],
  ] as const)
    requireField(o, name, purpose);
  // Multi-currency orgs export the amount converted to the corporate currency beside the original.
  const amount = hasField(o, "amount_converted") ? "amount_converted" : "amount";
  const currency = amount === "amount_converted" ? "amount_converted_currency" : "currency";
  const f = (name: string) => field("opportunity", name);
  return {
    table: "opportunities",
    primary: "opportunity",
    joins: [],
    keepExtras: true,
    columns: {
      opportunity_id: f("id"),
      account_id: f("account_id"),
      opportunity_name: f("name"),
      amount: f(amount),
      currency: f(currency),
      stage: f("stage"),
      probability: f("probability"),
      created_date: f("created_date"),
      close_date: f("close_date"),
      status: hasField(o, "is_closed") ? { kind: "status_from_flags", won: f("is_won"), closed: f("is_closed") } : NULL_VALUE,
      type: { kind: "deal_type", value: f("type") },
      lead_source: f("lead_source"),
      owner: f("owner"),
      loss_reason: lossReason(o, config),
    },
    positions: {
      opportunity_id: "id",
      account_id: "account_id",
      amount,
      stage: "stage",
      probability: "probability",
      created_date: "created_date",
      close_date: "close_date",
      currency,
    },
  };
}

/** `sources.loss_reason_field` names the org's own loss-reason column; without it there is none. */
function lossReason(o: ExportObject, config: Config): Value {
  const configured = config.sources.loss_reason_field;
  const i = configured ? findColumn(o.header, [configured]) : -1;
  return i >= 0 ? { kind: "column", object: o.key, header: o.header[i] ?? "" } : NULL_VALUE;
}

function stageHistoryBuild(objects: Objects): TableBuild | null {
  const h = objects.get("opportunity_history");
  if (!h) return null;
  requireField(h, "opportunity_id", "the opportunity id");
  requireField(h, "stage", "the stage");
  requireField(h, "entered_at", "the date the stage was entered");
  const f = (name: string) => field("opportunity_history", name);
  return {
    table: "stage_history",
    primary: "opportunity_history",
    joins: [],
    columns: { opportunity_id: f("opportunity_id"), stage: f("stage"), entered_at: f("entered_at") },
    positions: { opportunity_id: "opportunity_id", stage: "stage", entered_at: "entered_at" },
  };
}

/** Campaign.ActualCost over the campaign's dates is spend; campaigns without cost are not. */
function spendBuild(objects: Objects): TableBuild | null {
  const c = objects.get("campaign");
  if (!c || !hasField(c, "actual_cost")) return null;
  requireField(c, "type", "the campaign type (spend's channel)");
  requireField(c, ["start_date", "end_date"], "the campaign's start or end date");
  const f = (name: string) => field("campaign", name);
  return {
    table: "spend",
    primary: "campaign",
    joins: [],
    where: {
      condition: { kind: "present", value: f("actual_cost") },
      records: "campaigns",
      skips: "have no ActualCost, so they are not spend (cost, CAC and ROI stay empty)",
      fix: "fill Campaign.ActualCost in Salesforce, or give spend as a canonical spend file",
    },
    columns: {
      period_start: firstNonNull(f("start_date"), f("end_date")),
      period_end: firstNonNull(f("end_date"), f("start_date")),
      channel: f("type"),
      campaign: f("name"),
      amount: f("actual_cost"),
    },
    positions: {
      period_start: ["start_date", "end_date"],
      period_end: ["end_date", "start_date"],
      channel: "type",
      amount: "actual_cost",
    },
  };
}

export function salesforceBuilds(objects: Objects, config: Config, touches: "campaign_members" | "none"): TableBuild[] {
  const builds = [
    accountsBuild(objects),
    opportunitiesBuild(objects, config),
    stageHistoryBuild(objects),
    touches === "campaign_members" ? campaignTouchesBuild(objects, config) : null,
    spendBuild(objects),
  ];
  return builds.filter((b): b is TableBuild => b !== null);
}

const OBJECT_TABLES: Readonly<Record<string, string>> = {
  account: "accounts",
  opportunity: "opportunities",
  opportunity_history: "stage_history",
  contact: "contact",
  lead: "lead",
  campaign: "spend",
  campaign_member: "touchpoints",
  opportunity_contact_role: "opportunity_contact_role",
};

export const SALESFORCE_FORMAT: ExportFormat = {
  objects: Object.fromEntries(
    Object.entries(OBJECT_TABLES).map(([key, quarantineAs]) => [key, { aliases: SALESFORCE_ALIASES[key] ?? {}, quarantineAs }]),
  ),
  build: (objects, config) => salesforceBuilds(objects, config, "campaign_members"),
};
