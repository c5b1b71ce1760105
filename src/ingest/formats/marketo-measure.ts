// Marketo Measure (Bizible) touchpoint exports — Buyer Touchpoints or Buyer Attribution
// Touchpoints, with API names, report labels or data-warehouse columns — as the touchpoints,
// beside the Salesforce objects for accounts, opportunities and history.
import { quoteIdentAnsi as q } from "../../sql/dialect.js";
import type { FieldAliases } from "./aliases.js";
import { fieldSql, requireField } from "./export-objects.js";
import type { ExportFormat, Objects, TableBuild } from "./export-format.js";
import { positions, SALESFORCE_FORMAT, salesforceBuilds } from "./salesforce.js";

export const MARKETO_TOUCHPOINT_ALIASES: FieldAliases = {
  id: ["Id", "Touchpoint ID", "Attribution Touchpoint ID", "UniqueId", "Unique Id"],
  account_id: ["Account", "Account ID", "AccountId", "Account_Unique_Id", "Account Unique Id"],
  contact_id: ["Contact", "Contact ID", "Lead", "Bizible_Person", "Email"],
  opportunity_id: ["Opportunity", "Opportunity ID", "OpportunityId", "Opportunity_Unique_Id"],
  occurred_at: ["Touchpoint_Date", "Touchpoint Date"],
  channel: ["Marketing_Channel", "Marketing Channel", "Channel"],
  channel_path: ["Marketing_Channel_Path", "Marketing Channel - Path", "Marketing Channel Path"],
  campaign: ["Ad_Campaign_Name", "Ad Campaign Name", "SF_Campaign", "SF Campaign", "Campaign"],
  position: ["Touchpoint_Position", "Touchpoint Position"],
};

function touchpointsBuild(objects: Objects): TableBuild | null {
  const t = objects.get("touchpoints");
  if (!t) return null;
  requireField(t, "occurred_at", "the touchpoint date");
  const ref = (field: string) => fieldSql(t, field, "p");
  return {
    table: "touchpoints",
    primary: "touchpoints",
    from: `${q(t.table)} p`,
    columns: {
      touchpoint_id: ref("id"),
      account_id: ref("account_id"),
      contact_id: ref("contact_id"),
      opportunity_id: ref("opportunity_id"),
      occurred_at: ref("occurred_at"),
      // The path's first part is the channel (`Paid Search.Google` → Paid Search).
      channel: `COALESCE(${ref("channel")}, split_part(${ref("channel_path")}, '.', 1))`,
      campaign: ref("campaign"),
      // Positions are tokens (FT, LC, PostLC, OC, Closed); LC marks the lead-creation touch.
      is_lead_creation: `CASE WHEN ${ref("position")} IS NULL THEN NULL WHEN regexp_matches(${ref("position")}, '(^|[^A-Za-z])LC([^A-Za-z]|$)') THEN 'true' ELSE 'false' END`,
    },
    positions: positions(t, { touchpoint_id: "id", account_id: "account_id", opportunity_id: "opportunity_id", occurred_at: "occurred_at", channel: "channel" }),
  };
}

export const MARKETO_MEASURE_FORMAT: ExportFormat = {
  objects: { ...SALESFORCE_FORMAT.objects, touchpoints: { aliases: MARKETO_TOUCHPOINT_ALIASES, quarantineAs: "touchpoints" } },
  build: (objects, config) => {
    const builds = salesforceBuilds(objects, config, "none");
    const touches = touchpointsBuild(objects);
    return touches ? [...builds, touches] : builds;
  },
};
