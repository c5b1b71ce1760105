// The pipeprism.yaml written beside the demo data. It doubles as a commented example of every
// section a new user needs, so `pipeprism demo` output is also a starting point for real data.

export const DEMO_CONFIG_YAML = `# pipeprism configuration for the generated demo company (see docs/demo-data.md).
# Paths are relative to this file.
sources:
  format: canonical
  accounts: data/accounts.csv
  opportunities: data/opportunities.csv
  stage_history: data/stage_history.csv
  touchpoints: data/touchpoints.csv
  spend: data/spend.csv
  targets: data/targets.csv
  lead_history: data/lead_history.csv   # lead_id, account_id, status, entered_at (report leads)

# Open stages in funnel order, then the closed ones. Opportunities leave probability empty,
# so these stage probabilities drive weighted pipeline.
stages:
  order: [Prospecting, Qualification, Proposal, Negotiation]
  won: [Closed Won]
  lost: [Closed Lost]
  probability: { Prospecting: 10, Qualification: 20, Proposal: 50, Negotiation: 80 }

# Lead lifecycle statuses in order (report leads: lead-stage conversion).
lead_stages: [Lead, MQL, SQL, Opportunity]

# Each key is a dimension for --by. Bands are inclusive upper bounds; the last is open-ended.
segments:
  size:
    field: employees
    bands:
      - { name: SMB, max: 199 }
      - { name: Mid-Market, max: 999 }
      - { name: Enterprise }
  industry:
    field: industry
    # The CRM spells software companies three ways; report them as one industry.
    map: { "Computer Software": Software, "Information Technology": Software }
  region:
    field: country          # names and ISO codes (US, DEU, GB ...) -> NA / LATAM / EMEA / APAC
    preset: regions
  motion: { field: motion }
  customer_type: { field: type }
  # An ICP tier: rules over several fields, the first rule that matches names the tier.
  # A name is another segment's value when a segment has it (industry and region above, so
  # "Computer Software" counts as Software), else a field (employees).
  icp_tier:
    rules:
      - { name: Tier 1, when: { employees: { min: 1000 }, industry: [Software, Financial Services], region: NA } }
      - { name: Tier 2, when: { employees: { min: 200 } } }
    else: Tier 3

# Missing or unmatched segment input is reported under this label, never dropped.
unknown_label: Unknown

attribution:
  lookback_days: 180        # touches up to 180 days before creation count towards a journey
  half_life_days: 7         # time_decay: a touch a week older earns half the credit

fiscal_year_start_month: 1  # quarters are calendar quarters
min_sample: 20              # fewer closed outcomes than this and a rate is marked "thin"
gross_margin: 0.8           # used by ltv
currency: USD               # every money figure is in this currency (shown in money headers)

# The sales team's cost per year and segment: with it, cost and ltv show fully loaded CAC
# ((marketing spend + sales cost) / new-business wins) beside program CAC. An entry without a
# segment key is split across segments by their new-business wins.
sales_cost:
  - { period: 2025, amount: 2500000, size: SMB }
  - { period: 2025, amount: 10000000, size: Mid-Market }
  - { period: 2025, amount: 12000000, size: Enterprise }
  - { period: 2026, amount: 2500000, size: SMB }
  - { period: 2026, amount: 10000000, size: Mid-Market }
  - { period: 2026, amount: 12000000, size: Enterprise }

# Saved views: a report with its flags (by their HTTP names), run with
# \`pipeprism report --view enterprise-sources\` and listed in the dashboard.
views:
  enterprise-sources:
    report: attribution
    by: [region]
    where: { size: [Enterprise] }
    model: lift
  win-rate-by-tier:
    report: winrate
    by: [icp_tier]
    period: "2026"
`;
