// Salesforce campaign members → touchpoints: the account through Contact.AccountId (or the lead's
// converted account), the opportunity through OpportunityContactRole when it is exported, the
// channel from the campaign's type. Objects the export lacks leave their columns empty.
import type { Config } from "../../model/config-schema.js";
import { constant, field, firstNonNull, NULL_VALUE, type RowFilter, type TableBuild, type Value } from "../../sql/formats/table-build.js";
import { hasField, requireField } from "./export-objects.js";
import type { Objects } from "./export-format.js";

const member = (name: string) => field("campaign_member", name);
const concat = (...values: Value[]): Value => ({ kind: "concat", values });

export function campaignTouchesBuild(objects: Objects, config: Config): TableBuild | null {
  const m = objects.get("campaign_member");
  if (!m) return null;
  // Without a contact or lead no member reaches an account or opportunity, and without a date none is a touch.
  requireField(m, ["contact_id", "lead_id"], "the member's contact or lead id");
  requireField(m, ["first_responded", "created"], "the member's responded or created date");
  const opportunity = field("opportunity_contact_role", "opportunity_id");
  // Only members who responded touched the buyer; `responded_only: false` keeps every member.
  const responded: RowFilter = {
    condition: { kind: "is_true", value: firstNonNull(member("has_responded"), constant("false")) },
    records: "campaign members",
    skips: "did not respond (HasResponded is not true) and `responded_only: true` skips them",
    fix: "set `sources.responded_only: false` to count every member as a touch",
    tally: firstNonNull(concat(constant("status "), member("status")), constant("no status")),
  };
  return {
    table: "touchpoints",
    primary: "campaign_member",
    joins: [
      { object: "campaign", field: "id", equals: member("campaign_id") },
      { object: "contact", field: "id", equals: member("contact_id") },
      { object: "lead", field: "id", equals: member("lead_id") },
      {
        object: "opportunity_contact_role",
        field: "contact_id",
        equals: firstNonNull(member("contact_id"), field("lead", "converted_contact_id")),
      },
    ],
    ...(config.sources.responded_only && hasField(m, "has_responded") ? { where: responded } : {}),
    columns: {
      // A member touches each opportunity its contact has a role on: one touch per opportunity.
      touchpoint_id: concat(member("id"), firstNonNull(concat(constant("-"), opportunity), constant(""))),
      account_id: firstNonNull(field("contact", "account_id"), field("lead", "converted_account_id")),
      contact_id: firstNonNull(member("contact_id"), member("lead_id")),
      opportunity_id: opportunity,
      occurred_at: firstNonNull(member("first_responded"), member("created")),
      channel: field("campaign", "type"),
      campaign: field("campaign", "name"),
      is_lead_creation: NULL_VALUE,
    },
    // Values reached through the member's contact or lead are cited at the id the row uses.
    positions: {
      touchpoint_id: "id",
      account_id: ["contact_id", "lead_id"],
      contact_id: ["contact_id", "lead_id"],
      opportunity_id: ["contact_id", "lead_id"],
      occurred_at: ["first_responded", "created"],
    },
    missingHints: {
      account_id:
        "members who are leads never converted, or contacts without an AccountId, belong to no account: convert them in Salesforce or export Contact.csv/Lead.csv with AccountId/ConvertedAccountId",
    },
  };
}
