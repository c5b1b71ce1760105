// Header aliases of Salesforce's objects, per logical field in preference order: Data Loader and
// Bulk API names (`StageName`), report labels (`Stage`) and warehouse syncs (`stage_name`, matched
// after normalising, see aliases.ts).
import type { FieldAliases } from "./aliases.js";

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
    status: ["Status", "Member Status"],
    first_responded: ["FirstRespondedDate", "First Responded Date"],
    created: ["CreatedDate", "Created Date", "Member First Associated Date"],
  },
  opportunity_contact_role: { opportunity_id: ["OpportunityId", "Opportunity ID"], contact_id: ["ContactId", "Contact ID"] },
};
