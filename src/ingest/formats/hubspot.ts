// HubSpot exports → canonical tables, as declarative table builds: UI exports (labels such as
// `Record ID`, `Deal Stage`, `Date entered "Closed Won (Sales Pipeline)"`) and warehouse syncs
// (`deal_id`, `property_dealstage`, separate deal-company, deal-stage and pipeline-stage tables).
// A deal's original source becomes one touch at its creation, the only channel HubSpot exports per deal.
import {
  constant,
  field,
  firstNonNull,
  NULL_VALUE,
  type Join,
  type Position,
  type TableBuild,
  type Value,
} from "../../sql/formats/table-build.js";
import { hasField, requireField } from "./export-objects.js";
import type { ExportFormat, Objects } from "./export-format.js";
import { HUBSPOT_ALIASES, HUBSPOT_SOURCE_LABELS } from "./hubspot-aliases.js";

const deal = (name: string) => field("deals", name);
const source: Value = { kind: "enum_label", value: deal("source"), labels: HUBSPOT_SOURCE_LABELS };

/** Stage labels from the pipeline-stage table, and a deal's first company from the deal-company table. */
const DEAL_JOINS: readonly Join[] = [
  { object: "stages", field: "id", equals: deal("stage") },
  { object: "deal_companies", field: "deal_id", equals: deal("id"), smallest: ["company_id"] },
];

/** Outcome flags from the deal's columns when exported, else from its pipeline stage. */
function dealStatus(objects: Objects): Value {
  const d = objects.get("deals");
  const hasStages = objects.has("stages");
  const flag = (own: string, stage: string) => (hasField(d, own) ? deal(own) : hasStages ? field("stages", stage) : null);
  const won = flag("is_won", "closed_won");
  const closed = flag("is_closed", "is_closed");
  return won && closed ? { kind: "status_from_flags", won, closed } : NULL_VALUE;
}

/** The deal-company table when exported, else the first of the deal's `;`-separated company ids. */
function dealAccount(objects: Objects): Value {
  if (objects.has("deal_companies")) return field("deal_companies", "company_id");
  return { kind: "blank_as_null", value: { kind: "first_part", value: deal("company_ids"), separator: ";" } };
}

/** Where a deal's account is cited: its company ids, or its id when the deal-company table gives the account. */
function dealAccountPosition(objects: Objects): Position {
  return objects.has("deal_companies") ? "id" : ["company_ids", "id"];
}

function opportunitiesBuild(objects: Objects): TableBuild | null {
  const d = objects.get("deals");
  if (!d) return null;
  requireField(d, "id", "the deal id");
  requireField(d, "stage", "the deal stage");
  requireField(d, "created_date", "the create date");
  return {
    table: "opportunities",
    primary: "deals",
    joins: DEAL_JOINS,
    keepExtras: true,
    columns: {
      opportunity_id: deal("id"),
      account_id: dealAccount(objects),
      opportunity_name: deal("name"),
      amount: deal("amount"),
      currency: deal("currency"),
      stage: firstNonNull(field("stages", "label"), deal("stage")),
      status: dealStatus(objects),
      probability: { kind: "percent", value: field("stages", "probability") },
      created_date: deal("created_date"),
      close_date: deal("close_date"),
      type: { kind: "deal_type", value: deal("type") },
      lead_source: source,
      owner: deal("owner"),
    },
    positions: {
      opportunity_id: "id",
      amount: "amount",
      currency: "currency",
      stage: "stage",
      // The probability is the stage's, from the pipeline-stage table.
      probability: "stage",
      created_date: "created_date",
      close_date: "close_date",
      account_id: dealAccountPosition(objects),
    },
    missingHints: {
      stage:
        "the deals' stage column (Deal Stage / dealstage / deal_pipeline_stage_id) is empty: export or sync deals with their Deal Stage property (warehouse syncs can leave it blank), or point `columns.opportunities.stage` at a column that holds it",
    },
  };
}

function accountsBuild(objects: Objects): TableBuild | null {
  const c = objects.get("companies");
  if (!c) return null;
  requireField(c, "id", "the company id");
  const f = (name: string) => field("companies", name);
  return {
    table: "accounts",
    primary: "companies",
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
    positions: { account_id: "id", employees: "employees", annual_revenue: "annual_revenue", country: "country" },
  };
}

const STAGE_COLUMN = /^Date entered ["'](.+?)(?: \((.+)\))?["']$/i;

/** Stage history from a deal-stage table, else unpivoted from the deals' `Date entered "<stage>"` columns. */
function stageHistoryBuild(objects: Objects): TableBuild | null {
  const dealStages = objects.get("deal_stages");
  if (dealStages) {
    requireField(dealStages, "deal_id", "the deal id");
    requireField(dealStages, "stage", "the stage");
    requireField(dealStages, "entered_at", "the date the stage was entered");
    const h = (name: string) => field("deal_stages", name);
    return {
      table: "stage_history",
      primary: "deal_stages",
      joins: [{ object: "stages", field: "id", equals: h("stage") }],
      columns: { opportunity_id: h("deal_id"), stage: firstNonNull(field("stages", "label"), h("stage")), entered_at: h("entered_at") },
      positions: { opportunity_id: "deal_id", stage: "stage", entered_at: "entered_at" },
    };
  }
  const entries = (objects.get("deals")?.header ?? []).flatMap((header) => {
    const m = STAGE_COLUMN.exec(header.trim());
    return m ? [{ header, name: m[1] ?? header }] : [];
  });
  if (entries.length === 0) return null;
  return {
    table: "stage_history",
    primary: "deals",
    joins: [],
    columns: { opportunity_id: deal("id") },
    unpivot: { nameAs: "stage", valueAs: "entered_at", entries },
    positions: { opportunity_id: "id" },
  };
}

function touchpointsBuild(objects: Objects): TableBuild | null {
  if (!hasField(objects.get("deals"), "source")) return null;
  return {
    table: "touchpoints",
    primary: "deals",
    joins: DEAL_JOINS,
    where: {
      condition: { kind: "present", value: deal("source") },
      records: "deals",
      skips: "have no original source, so they give no touch (attribution says Unattributed)",
      fix: "export the deal's source property (hs_analytics_source), or give touches as a canonical touchpoints file",
    },
    columns: {
      touchpoint_id: { kind: "concat", values: [constant("deal-"), deal("id")] },
      account_id: dealAccount(objects),
      opportunity_id: deal("id"),
      occurred_at: deal("created_date"),
      channel: source,
      campaign: deal("source_detail"),
      is_lead_creation: constant("true"),
    },
    positions: {
      touchpoint_id: "id",
      account_id: dealAccountPosition(objects),
      opportunity_id: "id",
      occurred_at: "created_date",
      channel: "source",
    },
  };
}

const OBJECT_TABLES: Readonly<Record<string, string>> = {
  deals: "opportunities",
  companies: "accounts",
  contacts: "contacts",
  deal_companies: "deal_companies",
  deal_stages: "stage_history",
  stages: "stages",
};

export const HUBSPOT_FORMAT: ExportFormat = {
  objects: Object.fromEntries(
    Object.entries(OBJECT_TABLES).map(([key, quarantineAs]) => [key, { aliases: HUBSPOT_ALIASES[key] ?? {}, quarantineAs }]),
  ),
  build: (objects) =>
    [accountsBuild(objects), opportunitiesBuild(objects), stageHistoryBuild(objects), touchpointsBuild(objects)].filter(
      (b): b is TableBuild => b !== null,
    ),
};
