// HubSpot exports → canonical tables: UI exports (labels such as `Record ID`, `Deal Stage`,
// `Date entered "Closed Won (Sales Pipeline)"`) and warehouse syncs (`deal_id`,
// `property_dealstage`, separate deal-company, deal-stage and pipeline-stage tables). A deal's
// original source becomes one touch at its creation, the only channel HubSpot exports per deal.
import { quoteIdentAnsi as q, quoteLiteral as lit } from "../../sql/dialect.js";
import type { FieldAliases } from "./aliases.js";
import { fieldSql, hasField, requireField, type ExportObject } from "./export-objects.js";
import { FALSE_TEXT, TRUE_TEXT, type ExportFormat, type Objects, type TableBuild } from "./export-format.js";
import { dealTypeSql, positions } from "./salesforce.js";

const ALIASES: Readonly<Record<string, FieldAliases>> = {
  deals: {
    id: ["Record ID", "Deal ID", "hs_object_id", "deal_id", "dealId"],
    name: ["Deal Name", "dealname"],
    stage: ["Deal Stage", "dealstage", "deal_pipeline_stage_id"],
    amount: ["Amount in company currency", "amount_in_home_currency", "Amount", "amount"],
    currency: ["deal_currency_code", "Currency"],
    close_date: ["Close Date", "closedate"],
    created_date: ["Create Date", "createdate", "Created Date"],
    type: ["Deal Type", "dealtype"],
    source: ["Original Source", "Original Traffic Source", "Original Source Type", "hs_analytics_source"],
    source_detail: ["Original Source Drill-Down 1", "Original Traffic Source Drill-Down 1", "Original Source Data 1", "hs_analytics_source_data_1"],
    company_ids: ["Associated Company IDs", "Associated Company IDs (Primary)", "Associated Company ID", "associatedcompanyid"],
    owner: ["Deal owner", "hubspot_owner_id", "owner_id"],
    is_won: ["Is Closed Won", "hs_is_closed_won"],
    is_closed: ["Is Deal Closed?", "hs_is_closed", "Is closed"],
  },
  companies: {
    id: ["Record ID", "Company ID", "hs_object_id", "id"],
    name: ["Company name", "Name"],
    industry: ["Industry"],
    employees: ["Number of Employees", "numberofemployees"],
    annual_revenue: ["Annual Revenue", "annualrevenue"],
    country: ["Country/Region", "Country", "country"],
  },
  contacts: { id: ["Record ID", "Contact ID", "id"], email: ["Email"] },
  deal_companies: { deal_id: ["deal_id", "Deal ID"], company_id: ["company_id", "Company ID"] },
  deal_stages: { deal_id: ["deal_id", "Deal ID"], stage: ["value", "dealstage", "Stage"], entered_at: ["date_entered", "Date entered"] },
  stages: {
    id: ["stage_id", "Stage ID", "id"],
    label: ["label", "Label", "Stage"],
    closed_won: ["closed_won", "isClosedWon", "Closed Won"],
    is_closed: ["is_closed", "isClosed", "Closed"],
    probability: ["probability", "Probability"],
  },
};

/** HubSpot's original-source enum, named as people read it; channel rules may rename further. */
const SOURCE_LABELS: Readonly<Record<string, string>> = {
  PAID_SEARCH: "Paid Search",
  PAID_SOCIAL: "Paid Social",
  ORGANIC_SEARCH: "Organic Search",
  SOCIAL_MEDIA: "Organic Social",
  EMAIL_MARKETING: "Email",
  REFERRALS: "Referrals",
  OTHER_CAMPAIGNS: "Other Campaigns",
  DIRECT_TRAFFIC: "Direct Traffic",
  OFFLINE: "Offline Sources",
};

function sourceLabel(value: string): string {
  const whens = Object.entries(SOURCE_LABELS).map(([code, label]) => `WHEN ${lit(code)} THEN ${lit(label)}`);
  return `CASE upper(replace(${value}, ' ', '_')) ${whens.join(" ")} ELSE ${value} END`;
}

const STAGE_COLUMN = /^Date entered ["'](.+?)(?: \((.+)\))?["']$/i;

interface DealParts {
  readonly from: string;
  readonly stage: string;
  readonly status: string;
  readonly probability: string;
  readonly account: string;
}

/** Stage labels and outcomes from the pipeline-stage table when exported, else the deal's columns. */
function dealParts(d: ExportObject, objects: Objects): DealParts {
  const stages = objects.get("stages");
  const links = objects.get("deal_companies");
  const joins = [`${q(d.table)} p`];
  const rawStage = fieldSql(d, "stage", "p");
  if (stages) joins.push(`LEFT JOIN ${q(stages.table)} s ON ${fieldSql(stages, "id", "s")} = ${rawStage}`);
  if (links) {
    joins.push(`LEFT JOIN (SELECT ${fieldSql(links, "deal_id", "x")} AS deal_id, min(${fieldSql(links, "company_id", "x")}) AS company_id
      FROM ${q(links.table)} x GROUP BY 1) dc ON dc.deal_id = ${fieldSql(d, "id", "p")}`);
  }
  const wonCol = hasField(d, "is_won") ? fieldSql(d, "is_won", "p") : stages ? fieldSql(stages, "closed_won", "s") : null;
  const closedCol = hasField(d, "is_closed") ? fieldSql(d, "is_closed", "p") : stages ? fieldSql(stages, "is_closed", "s") : null;
  const status =
    wonCol && closedCol
      ? `CASE WHEN lower(${wonCol}) IN ${TRUE_TEXT} THEN 'won' WHEN lower(${closedCol}) IN ${TRUE_TEXT} THEN 'lost' WHEN lower(${closedCol}) IN ${FALSE_TEXT} THEN 'open' END`
      : "CAST(NULL AS VARCHAR)";
  const stageProbability = stages ? fieldSql(stages, "probability", "s") : "CAST(NULL AS VARCHAR)";
  return {
    from: joins.join("\n  "),
    stage: stages ? `COALESCE(${fieldSql(stages, "label", "s")}, ${rawStage})` : rawStage,
    status,
    // Pipeline-stage probabilities are fractions (0.2); canonical probability is 0–100.
    probability: `CAST(TRY_CAST(${stageProbability} AS DOUBLE) * CASE WHEN TRY_CAST(${stageProbability} AS DOUBLE) <= 1 THEN 100 ELSE 1 END AS VARCHAR)`,
    account: links ? "dc.company_id" : `NULLIF(trim(split_part(${fieldSql(d, "company_ids", "p")}, ';', 1)), '')`,
  };
}

function opportunitiesBuild(objects: Objects): TableBuild | null {
  const d = objects.get("deals");
  if (!d) return null;
  requireField(d, "id", "the deal id");
  requireField(d, "stage", "the deal stage");
  requireField(d, "created_date", "the create date");
  const parts = dealParts(d, objects);
  const ref = (field: string) => fieldSql(d, field, "p");
  return {
    table: "opportunities",
    primary: "deals",
    from: parts.from,
    keepExtras: true,
    columns: {
      opportunity_id: ref("id"),
      account_id: parts.account,
      opportunity_name: ref("name"),
      amount: ref("amount"),
      currency: ref("currency"),
      stage: parts.stage,
      status: parts.status,
      probability: parts.probability,
      created_date: ref("created_date"),
      close_date: ref("close_date"),
      type: dealTypeSql(ref("type")),
      lead_source: sourceLabel(ref("source")),
      owner: ref("owner"),
    },
    positions: positions(d, { opportunity_id: "id", amount: "amount", stage: "stage", created_date: "created_date", close_date: "close_date", account_id: "company_ids" }),
  };
}

function accountsBuild(objects: Objects): TableBuild | null {
  const c = objects.get("companies");
  if (!c) return null;
  requireField(c, "id", "the company id");
  const ref = (field: string) => fieldSql(c, field, "p");
  return {
    table: "accounts",
    primary: "companies",
    from: `${q(c.table)} p`,
    keepExtras: true,
    columns: { account_id: ref("id"), account_name: ref("name"), industry: ref("industry"), employees: ref("employees"), annual_revenue: ref("annual_revenue"), country: ref("country") },
    positions: positions(c, { account_id: "id", employees: "employees", annual_revenue: "annual_revenue", country: "country" }),
  };
}

/** Stage history from a deal-stage table, else from the `Date entered "<stage>"` columns. */
function stageHistoryBuild(objects: Objects): TableBuild | null {
  const history = objects.get("deal_stages");
  const stages = objects.get("stages");
  if (history) {
    const stage = fieldSql(history, "stage", "p");
    return {
      table: "stage_history",
      primary: "deal_stages",
      from: `${q(history.table)} p${stages ? ` LEFT JOIN ${q(stages.table)} s ON ${fieldSql(stages, "id", "s")} = ${stage}` : ""}`,
      columns: { opportunity_id: fieldSql(history, "deal_id", "p"), stage: stages ? `COALESCE(${fieldSql(stages, "label", "s")}, ${stage})` : stage, entered_at: fieldSql(history, "entered_at", "p") },
      positions: positions(history, { opportunity_id: "deal_id", stage: "stage", entered_at: "entered_at" }),
    };
  }
  const d = objects.get("deals");
  if (!d) return null;
  const columns = d.header.flatMap((h) => {
    const m = STAGE_COLUMN.exec(h.trim());
    return m ? [{ header: h, stage: m[1] ?? h }] : [];
  });
  if (columns.length === 0) return null;
  const id = fieldSql(d, "id", "p");
  const parts = columns.map(
    (c) => `SELECT p.__line, p.__raw_row, ${id} AS opportunity_id, ${lit(c.stage)} AS stage, NULLIF(trim(p.${q(c.header)}), '') AS entered_at
  FROM ${q(d.table)} p WHERE NULLIF(trim(p.${q(c.header)}), '') IS NOT NULL`,
  );
  return { table: "stage_history", primary: "deals", from: "", columns: { opportunity_id: "", stage: "", entered_at: "" }, positions: {}, select: parts.join("\nUNION ALL\n") };
}

function touchpointsBuild(objects: Objects): TableBuild | null {
  const d = objects.get("deals");
  if (!d || !hasField(d, "source")) return null;
  const parts = dealParts(d, objects);
  const ref = (field: string) => fieldSql(d, field, "p");
  return {
    table: "touchpoints",
    primary: "deals",
    from: parts.from,
    where: `${ref("source")} IS NOT NULL`,
    columns: {
      touchpoint_id: `'deal-' || ${ref("id")}`,
      account_id: parts.account,
      opportunity_id: ref("id"),
      occurred_at: ref("created_date"),
      channel: sourceLabel(ref("source")),
      campaign: ref("source_detail"),
      is_lead_creation: "'true'",
    },
    positions: positions(d, { opportunity_id: "id", occurred_at: "created_date", channel: "source" }),
  };
}

export const HUBSPOT_FORMAT: ExportFormat = {
  objects: {
    deals: { aliases: ALIASES.deals ?? {}, quarantineAs: "opportunities" },
    companies: { aliases: ALIASES.companies ?? {}, quarantineAs: "accounts" },
    contacts: { aliases: ALIASES.contacts ?? {}, quarantineAs: "contacts" },
    deal_companies: { aliases: ALIASES.deal_companies ?? {}, quarantineAs: "deal_companies" },
    deal_stages: { aliases: ALIASES.deal_stages ?? {}, quarantineAs: "stage_history" },
    stages: { aliases: ALIASES.stages ?? {}, quarantineAs: "stages" },
  },
  build: (objects) => [accountsBuild(objects), opportunitiesBuild(objects), stageHistoryBuild(objects), touchpointsBuild(objects)].filter((b): b is TableBuild => b !== null),
};
