// Salesforce exports (Data Loader / Bulk API with API names, report exports with labels, and
// warehouse syncs in snake_case) → canonical tables. Touches are campaign members, joined to
// accounts through Contact.AccountId (or the converted lead) and to opportunities through
// OpportunityContactRole when it is exported; spend is Campaign.ActualCost.
import { quoteIdentAnsi as q } from "../../sql/dialect.js";
import type { Config } from "../../model/config-schema.js";
import type { FieldAliases } from "./aliases.js";
import { fieldPosition, fieldSql, hasField, requireField, type ExportObject } from "./export-objects.js";
import { FALSE_TEXT, TRUE_TEXT, type ExportFormat, type Objects, type TableBuild } from "./export-format.js";

export const SALESFORCE_ALIASES: Readonly<Record<string, FieldAliases>> = {
  account: {
    id: ["Id", "Account ID", "AccountId"],
    name: ["Name", "Account Name"],
    industry: ["Industry"],
    employees: ["NumberOfEmployees", "Employees", "Number of Employees"],
    annual_revenue: ["AnnualRevenue", "Annual Revenue"],
    country: ["BillingCountry", "Billing Country", "BillingCountryCode", "ShippingCountry", "Country"],
  },
  opportunity: {
    id: ["Id", "Opportunity ID", "OpportunityId"],
    account_id: ["AccountId", "Account ID"],
    name: ["Name", "Opportunity Name"],
    amount: ["Amount"],
    amount_converted: ["Amount (converted)", "AmountConverted"],
    amount_converted_currency: ["Amount (converted) Currency"],
    currency: ["CurrencyIsoCode", "Amount Currency", "Opportunity Currency", "Currency"],
    stage: ["StageName", "Stage"],
    probability: ["Probability", "Probability (%)"],
    close_date: ["CloseDate", "Close Date"],
    created_date: ["CreatedDate", "Created Date", "Create Date"],
    is_closed: ["IsClosed", "Closed"],
    is_won: ["IsWon", "Won"],
    type: ["Type", "Opportunity Type"],
    lead_source: ["LeadSource", "Lead Source"],
    owner: ["OwnerId", "Opportunity Owner", "Owner"],
  },
  opportunity_history: {
    opportunity_id: ["OpportunityId", "Opportunity ID", "Id"],
    stage: ["StageName", "Stage", "To Stage"],
    entered_at: ["_fivetran_start", "CreatedDate", "Created Date", "Last Modified"],
  },
  contact: { id: ["Id", "Contact ID"], account_id: ["AccountId", "Account ID"] },
  lead: {
    id: ["Id", "Lead ID"],
    converted_account_id: ["ConvertedAccountId"],
    converted_contact_id: ["ConvertedContactId"],
    converted_opportunity_id: ["ConvertedOpportunityId"],
  },
  campaign: {
    id: ["Id", "Campaign ID"],
    name: ["Name", "Campaign Name"],
    type: ["Type", "Campaign Type"],
    actual_cost: ["ActualCost", "Actual Cost"],
    start_date: ["StartDate", "Start Date"],
    end_date: ["EndDate", "End Date"],
  },
  campaign_member: {
    id: ["Id", "Campaign Member ID"],
    campaign_id: ["CampaignId", "Campaign ID"],
    lead_id: ["LeadId", "Lead ID"],
    contact_id: ["ContactId", "Contact ID"],
    has_responded: ["HasResponded", "Responded"],
    first_responded: ["FirstRespondedDate", "First Responded Date"],
    created: ["CreatedDate", "Created Date", "Member First Associated Date"],
  },
  opportunity_contact_role: { opportunity_id: ["OpportunityId", "Opportunity ID"], contact_id: ["ContactId", "Contact ID"] },
};

const ref = (o: ExportObject | undefined, field: string, alias: string) => fieldSql(o, field, alias);

/** Salesforce Opportunity.Type picklists → new_business / expansion / renewal. */
export function dealTypeSql(value: string): string {
  return `CASE WHEN ${value} IS NULL THEN NULL
    WHEN regexp_matches(lower(${value}), 'renew') THEN 'renewal'
    WHEN regexp_matches(lower(${value}), 'new') THEN 'new_business'
    WHEN regexp_matches(lower(${value}), 'existing|upgrade|upsell|expan|cross|replacement|downgrade|add-on') THEN 'expansion'
    ELSE ${value} END`;
}

export function accountsBuild(objects: Objects): TableBuild | null {
  const a = objects.get("account");
  if (!a) return null;
  requireField(a, "id", "the account id");
  return {
    table: "accounts",
    primary: "account",
    from: `${q(a.table)} p`,
    keepExtras: true,
    columns: {
      account_id: ref(a, "id", "p"),
      account_name: ref(a, "name", "p"),
      industry: ref(a, "industry", "p"),
      employees: ref(a, "employees", "p"),
      annual_revenue: ref(a, "annual_revenue", "p"),
      country: ref(a, "country", "p"),
    },
    positions: positions(a, { account_id: "id", account_name: "name", industry: "industry", employees: "employees", annual_revenue: "annual_revenue", country: "country" }),
  };
}

function opportunitiesBuild(objects: Objects, config: Config): TableBuild | null {
  const o = objects.get("opportunity");
  if (!o) return null;
  for (const [field, purpose] of [["id", "the opportunity id"], ["stage", "the stage"], ["created_date", "the created date"]] as const) requireField(o, field, purpose);
  const converted = hasField(o, "amount_converted");
  const isWon = ref(o, "is_won", "p");
  const isClosed = ref(o, "is_closed", "p");
  const status = hasField(o, "is_closed")
    ? `CASE WHEN lower(${isWon}) IN ${TRUE_TEXT} THEN 'won' WHEN lower(${isClosed}) IN ${TRUE_TEXT} THEN 'lost' WHEN lower(${isClosed}) IN ${FALSE_TEXT} THEN 'open' END`
    : "CAST(NULL AS VARCHAR)";
  const lossField = config.sources.loss_reason_field;
  const lossAliases = lossField ? { ...o.aliases, loss_reason: [lossField] } : o.aliases;
  const withLoss = { ...o, aliases: lossAliases };
  return {
    table: "opportunities",
    primary: "opportunity",
    from: `${q(o.table)} p`,
    keepExtras: true,
    columns: {
      opportunity_id: ref(o, "id", "p"),
      account_id: ref(o, "account_id", "p"),
      opportunity_name: ref(o, "name", "p"),
      amount: converted ? ref(o, "amount_converted", "p") : ref(o, "amount", "p"),
      currency: converted ? ref(o, "amount_converted_currency", "p") : ref(o, "currency", "p"),
      stage: ref(o, "stage", "p"),
      probability: ref(o, "probability", "p"),
      created_date: ref(o, "created_date", "p"),
      close_date: ref(o, "close_date", "p"),
      status,
      type: dealTypeSql(ref(o, "type", "p")),
      lead_source: ref(o, "lead_source", "p"),
      owner: ref(o, "owner", "p"),
      loss_reason: lossField ? ref(withLoss, "loss_reason", "p") : "CAST(NULL AS VARCHAR)",
    },
    positions: positions(o, {
      opportunity_id: "id",
      account_id: "account_id",
      amount: converted ? "amount_converted" : "amount",
      stage: "stage",
      probability: "probability",
      created_date: "created_date",
      close_date: "close_date",
      currency: converted ? "amount_converted_currency" : "currency",
    }),
  };
}

function stageHistoryBuild(objects: Objects): TableBuild | null {
  const h = objects.get("opportunity_history");
  if (!h) return null;
  requireField(h, "opportunity_id", "the opportunity id");
  return {
    table: "stage_history",
    primary: "opportunity_history",
    from: `${q(h.table)} p`,
    columns: { opportunity_id: ref(h, "opportunity_id", "p"), stage: ref(h, "stage", "p"), entered_at: ref(h, "entered_at", "p") },
    positions: positions(h, { opportunity_id: "opportunity_id", stage: "stage", entered_at: "entered_at" }),
  };
}

/** Campaign members → touches: account via contact or converted lead, opportunity via contact roles. */
export function campaignTouchesBuild(objects: Objects, config: Config): TableBuild | null {
  const m = objects.get("campaign_member");
  if (!m) return null;
  const c = objects.get("campaign");
  const ct = objects.get("contact");
  const l = objects.get("lead");
  const r = objects.get("opportunity_contact_role");
  const joins = [`${q(m.table)} p`];
  if (c) joins.push(`LEFT JOIN ${q(c.table)} c ON ${ref(c, "id", "c")} = ${ref(m, "campaign_id", "p")}`);
  if (ct) joins.push(`LEFT JOIN ${q(ct.table)} ct ON ${ref(ct, "id", "ct")} = ${ref(m, "contact_id", "p")}`);
  if (l) joins.push(`LEFT JOIN ${q(l.table)} l ON ${ref(l, "id", "l")} = ${ref(m, "lead_id", "p")}`);
  const contact = `COALESCE(${ref(m, "contact_id", "p")}, ${ref(l, "converted_contact_id", "l")})`;
  if (r) joins.push(`LEFT JOIN ${q(r.table)} r ON ${ref(r, "contact_id", "r")} = ${contact}`);
  const opportunity = r ? ref(r, "opportunity_id", "r") : "CAST(NULL AS VARCHAR)";
  const respondedOnly = config.sources.responded_only && hasField(m, "has_responded");
  return {
    table: "touchpoints",
    primary: "campaign_member",
    from: joins.join("\n  "),
    ...(respondedOnly ? { where: `lower(COALESCE(${ref(m, "has_responded", "p")}, 'false')) IN ${TRUE_TEXT}` } : {}),
    columns: {
      touchpoint_id: r ? `${ref(m, "id", "p")} || COALESCE('-' || ${opportunity}, '')` : ref(m, "id", "p"),
      account_id: `COALESCE(${ref(ct, "account_id", "ct")}, ${ref(l, "converted_account_id", "l")})`,
      contact_id: `COALESCE(${ref(m, "contact_id", "p")}, ${ref(m, "lead_id", "p")})`,
      opportunity_id: opportunity,
      occurred_at: `COALESCE(${ref(m, "first_responded", "p")}, ${ref(m, "created", "p")})`,
      channel: ref(c, "type", "c"),
      campaign: ref(c, "name", "c"),
      is_lead_creation: "CAST(NULL AS VARCHAR)",
    },
    positions: positions(m, { touchpoint_id: "id", contact_id: "contact_id", occurred_at: "first_responded" }),
  };
}

/** Campaign.ActualCost over the campaign's dates is spend; campaigns without cost are not. */
function spendBuild(objects: Objects): TableBuild | null {
  const c = objects.get("campaign");
  if (!c || !hasField(c, "actual_cost")) return null;
  return {
    table: "spend",
    primary: "campaign",
    from: `${q(c.table)} p`,
    where: `${ref(c, "actual_cost", "p")} IS NOT NULL`,
    columns: {
      period_start: `COALESCE(${ref(c, "start_date", "p")}, ${ref(c, "end_date", "p")})`,
      period_end: `COALESCE(${ref(c, "end_date", "p")}, ${ref(c, "start_date", "p")})`,
      channel: ref(c, "type", "p"),
      campaign: ref(c, "name", "p"),
      amount: ref(c, "actual_cost", "p"),
    },
    positions: positions(c, { period_start: "start_date", period_end: "end_date", channel: "type", amount: "actual_cost" }),
  };
}

export function positions(obj: ExportObject, fields: Readonly<Record<string, string>>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(fields).map(([column, field]) => [column, fieldPosition(obj, field)]));
}

export function salesforceBuilds(objects: Objects, config: Config, touches: "campaign_members" | "none"): TableBuild[] {
  const builds = [accountsBuild(objects), opportunitiesBuild(objects, config), stageHistoryBuild(objects), touches === "campaign_members" ? campaignTouchesBuild(objects, config) : null, spendBuild(objects)];
  return builds.filter((b): b is TableBuild => b !== null);
}

export const SALESFORCE_FORMAT: ExportFormat = {
  objects: {
    account: { aliases: SALESFORCE_ALIASES.account ?? {}, quarantineAs: "accounts" },
    opportunity: { aliases: SALESFORCE_ALIASES.opportunity ?? {}, quarantineAs: "opportunities" },
    opportunity_history: { aliases: SALESFORCE_ALIASES.opportunity_history ?? {}, quarantineAs: "stage_history" },
    contact: { aliases: SALESFORCE_ALIASES.contact ?? {}, quarantineAs: "contact" },
    lead: { aliases: SALESFORCE_ALIASES.lead ?? {}, quarantineAs: "lead" },
    campaign: { aliases: SALESFORCE_ALIASES.campaign ?? {}, quarantineAs: "spend" },
    campaign_member: { aliases: SALESFORCE_ALIASES.campaign_member ?? {}, quarantineAs: "touchpoints" },
    opportunity_contact_role: { aliases: SALESFORCE_ALIASES.opportunity_contact_role ?? {}, quarantineAs: "opportunity_contact_role" },
  },
  build: (objects, config) => salesforceBuilds(objects, config, "campaign_members"),
};
