// Marketo Measure (Bizible) touchpoint exports — Buyer Touchpoints or Buyer Attribution
// Touchpoints, with API names, report labels or data-warehouse columns — as the touchpoints,
// beside the Salesforce objects for accounts, opportunities and history.
import { field, firstNonNull, type TableBuild } from "../../sql/formats/table-build.js";
import type { FieldAliases } from "./aliases.js";
import { requireField } from "./export-objects.js";
import type { ExportFormat, Objects } from "./export-format.js";
import { SALESFORCE_FORMAT, salesforceBuilds } from "./salesforce.js";

const MARKETO_TOUCHPOINT_ALIASES: FieldAliases = {
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
  // A touch belongs to an account or an opportunity; without either column none would be kept.
  requireField(t, ["account_id", "opportunity_id"], "the touchpoint's account or opportunity");
  const f = (name: string) => field("touchpoints", name);
  return {
    table: "touchpoints",
    primary: "touchpoints",
    joins: [],
    columns: {
      touchpoint_id: f("id"),
      account_id: f("account_id"),
      contact_id: f("contact_id"),
      opportunity_id: f("opportunity_id"),
      occurred_at: f("occurred_at"),
      // The path's first part is the channel (`Paid Search.Google` → Paid Search).
      channel: firstNonNull(f("channel"), { kind: "first_part", value: f("channel_path"), separator: "." }),
      campaign: f("campaign"),
      // Positions are tokens (FT, LC, PostLC, OC, Closed); LC marks the lead-creation touch.
      is_lead_creation: { kind: "has_token", value: f("position"), token: "LC" },
    },
    positions: {
      touchpoint_id: "id",
      // The touch needs an account or an opportunity: cited at whichever column the file has.
      account_id: ["account_id", "opportunity_id"],
      opportunity_id: "opportunity_id",
      occurred_at: "occurred_at",
      channel: ["channel", "channel_path"],
    },
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
