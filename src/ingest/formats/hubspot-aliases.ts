// Header aliases of HubSpot's objects, per logical field in preference order: UI export labels
// (`Record ID`, `Deal Stage`) and warehouse-sync names (`deal_id`, `property_dealstage`, matched
// after normalising, see aliases.ts); and the original-source enum's readable names.
import type { FieldAliases } from "./aliases.js";

export const HUBSPOT_ALIASES: Readonly<Record<string, FieldAliases>> = {
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
    source_detail: [
      "Original Source Drill-Down 1",
      "Original Traffic Source Drill-Down 1",
      "Original Source Data 1",
      "hs_analytics_source_data_1",
    ],
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
export const HUBSPOT_SOURCE_LABELS: Readonly<Record<string, string>> = {
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
