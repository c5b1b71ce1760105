// The commented pipeprism.yaml that `pipeprism init` writes: every section of SPEC §3 with its
// default, so a user edits rather than writes from scratch.

export const INIT_TEMPLATE = `# pipeprism configuration. Paths are relative to this file.
# Reference: README.md "Configuration".

sources:
  format: canonical                  # canonical (more formats to come: salesforce, hubspot, marketo-measure)
  delimiter: ","                     # field separator of every CSV
  accounts: data/accounts.csv        # required: account_id, plus industry, employees, country, ...
  opportunities: data/opportunities.csv  # required: opportunity_id, account_id, amount, stage, created_date
  # stage_history: data/stage_history.csv  # opportunity_id, stage, entered_at
  # touchpoints: data/touchpoints.csv      # touchpoint_id, account_id, opportunity_id, occurred_at, channel, ...
  # spend: data/spend.csv                  # month (or period_start + period_end), channel, amount
  # targets: data/targets.csv              # period (2025, 2025-Q3, 2025-07), segment columns, amount
  # lead_history: data/lead_history.csv    # lead_id, account_id, status, entered_at (report leads)

# Rename: canonical column -> the column's name in your file.
columns:
  opportunities: {}
  # opportunities: { amount: "Amount (USD)", created_date: "Created Date" }

stages:
  order: [Prospecting, Qualification, Proposal, Negotiation]   # open stages, in funnel order
  won: [Closed Won]                  # matched case-insensitively
  lost: [Closed Lost]
  probability: { Prospecting: 10, Qualification: 20, Proposal: 50, Negotiation: 80 }

# Each key is a dimension for --by. Applied to the opportunity's field, else its account's.
segments:
  size:
    field: employees
    bands:                           # max is inclusive; the last band may be open-ended
      - { name: SMB, max: 199 }
      - { name: Mid-Market, max: 999 }
      - { name: Enterprise }
  industry:
    field: industry
    map: { "Computer Software": Software, "Information Technology": Software }
  region: { field: country, preset: regions }    # country names or ISO codes -> NA, LATAM, EMEA, APAC
  customer_type: { field: type }
  icp_tier:                          # rules: the first that matches names the value; none matches -> else
    rules:                           # a name is a segment's value (industry, region) if one has it, else a field
      - { name: Tier 1, when: { employees: { min: 1000 }, industry: [Software, Financial Services], region: NA } }
      - { name: Tier 2, when: { employees: { min: 200 } } }   # min/max inclusive; a list matches any value
    else: Tier 3

unknown_label: Unknown               # segment value for missing or unmatched input; always reported

channels:                            # ordered rules, first match wins; unmatched keep their raw value
  - { match: { channel: "(?i)google|bing|ppc|cpc" }, channel: Paid Search }

attribution:
  lookback_days: 180
  half_life_days: 7

fiscal_year_start_month: 1           # 2 = fiscal year starts in February (named by its starting year)
min_sample: 20                       # closed outcomes below which a rate is marked thin

currency: USD                        # reporting currency of every money figure (ISO code; currencies.reporting wins if set)
# sales_cost:                          # the sales team's cost (salaries, commissions, tools) for fully loaded CAC
#   - { period: 2026-Q1, amount: 250000 }                  # 2026, 2026-Q1 or 2026-03; split across segments by new-business wins
#   - { period: 2026, amount: 400000, size: Enterprise }   # any dimension narrows it to its segments

# views:                               # saved reports: pipeprism report --view enterprise-sources
#   enterprise-sources: { report: attribution, by: [region], where: { size: [Enterprise] }, model: lift }
`;
