// A project whose every user-controlled string is hostile: SQL quotes and comments, placeholders,
// HTML and script tags, spreadsheet formulas, bidi overrides, zero-width characters, backslashes,
// CSV structure (commas, quotes, line breaks), ANSI escapes, Markdown links and a 10,000-character name. Used by
// hostile-strings.test.ts; the expected values of every field are returned beside the files.
import { stringify } from "yaml";

const LONG_NAME = `Long${"x".repeat(9_992)}End`;

/** Script payloads set `window.__pwned` and call alert(); the browser tests assert neither happens. */
export const HOSTILE: readonly string[] = [
  "O'Brien",
  "'; DROP TABLE opportunities; --",
  "/* x */ SELECT 1 -- y",
  "$1",
  "?",
  "<script>window.__pwned='script';alert(1)</script>",
  `<img src=x onerror="window.__pwned='img';alert(2)">`,
  `"><svg onload="window.__pwned='svg';alert(3)">`,
  "</script><script>window.__pwned='close'</script><!--",
  "=cmd|' /C calc'!A0",
  "+SUM(1)",
  "-2+3",
  "@x",
  "\tTab=1+1",
  "\rCR=1+1",
  "\u202Egnp.exe (RTL override)",
  "zero\u200Bwidth\u200Cjoin\u200D\uFEFFer",
  "back\\slash \\' \\\" \\n \\\\",
  'comma, "quote"\nnew line',
  "100%_off ${x} {{y}} `z`",
  LONG_NAME,
  "\u001b[31mANSI red\u001b[0m [x](javascript:alert(4)) *b* _i_ | pipe",
];

/** A short label for test names: the first characters, control characters spelled out. */
export function label(s: string): string {
  const shown = JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}…` : s);
  return s.length > 40 ? `${shown} (${s.length} chars)` : shown;
}

/** RFC 4180 CSV: every field quoted, quotes doubled. Null is an empty, unquoted field. */
export function csvFile(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((r) => r.map((v) => (v === null ? "" : `"${String(v).replaceAll('"', '""')}"`)).join(",")).join("\r\n")}\r\n`;
}

const h = (i: number): string => HOSTILE[i % HOSTILE.length] ?? "";

/** Hostile names given to config-side things. */
export const STAGES = {
  order: [h(0), h(5), h(9), h(15), h(20)],
  won: [h(1)],
  lost: [h(7)],
} as const;
export const SIZE_BANDS = [h(6), h(10), h(20)] as const;
/** `industry` map: the industry value h(i) becomes INDUSTRY_MAP[h(i)]. */
export const INDUSTRY_MAP: Readonly<Record<string, string>> = { [h(3)]: h(8), [h(11)]: h(19) };
/** Channel rules: a touch whose raw channel matches becomes the rule's hostile channel name. */
export const CHANNEL_RULES = [
  { match: { channel: "^=cmd" }, channel: `${h(6)} Paid` },
  { match: { campaign: "O'Brien" }, channel: `${h(1)} Events` },
] as const;
export const UNKNOWN_LABEL = "<b>Unknown</b> & 'none'";
/** A hostile header of an extra account column, used as a segment field. */
const HOSTILE_HEADER = "Tier'; DROP TABLE accounts; --";
export const HOSTILE_HEADER_FIELD = "tier_drop_table_accounts";
/** A segment field no table has: its name reaches a report note. */
export const MISSING_FIELD = "<script>window.__pwned='field';alert(5)</script>";
/** The accounts file's name: it reaches SQL (read_csv) and messages. */
export const ACCOUNTS_FILE = "O'Brien; --$1 accounts.csv";

interface Account {
  account_id: string;
  account_name: string;
  industry: string;
  employees: number;
  country: string;
  tier: string;
}
interface Opportunity {
  opportunity_id: string;
  account_id: string;
  opportunity_name: string;
  amount: number;
  stage: string;
  created_date: string;
  close_date: string;
  lead_source: string;
  product_line: string;
  owner: string;
  loss_reason: string | null;
}
interface Touch {
  touchpoint_id: string;
  account_id: string;
  contact_id: string;
  opportunity_id: string | null;
  occurred_at: string;
  channel: string;
  campaign: string;
}
interface Spend {
  month: string;
  channel: string;
  campaign: string;
  amount: number;
  tier: string;
}
interface Target {
  period: string;
  tier: string;
  amount: number;
}
interface StageEntry {
  opportunity_id: string;
  stage: string;
  entered_at: string;
}

export interface HostileData {
  accounts: Account[];
  opportunities: Opportunity[];
  stageHistory: StageEntry[];
  touchpoints: Touch[];
  spend: Spend[];
  targets: Target[];
}

const date = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);

/** Deterministic data: one account per hostile string, three opportunities each, touches, spend, targets. */
export function hostileData(): HostileData {
  const n = HOSTILE.length;
  const accounts: Account[] = HOSTILE.map((s, i) => ({
    account_id: s,
    account_name: h(i + 1),
    industry: h(i + 3),
    employees: [5, 50, 500, 5000][i % 4] ?? 5,
    country: h(i + 2),
    tier: h(i + 4),
  }));
  const opportunities: Opportunity[] = [];
  const stageHistory: StageEntry[] = [];
  const touchpoints: Touch[] = [];
  HOSTILE.forEach((s, i) => {
    for (let k = 0; k < 3; k++) {
      const id = k === 0 ? s : `${s}#${k}`;
      const created = 7 * i + 11 * k;
      const outcome = (i + k) % 3; // 0 won, 1 lost, 2 open
      const stage = outcome === 0 ? STAGES.won[0] : outcome === 1 ? STAGES.lost[0] : (STAGES.order[(i + k) % STAGES.order.length] ?? "");
      opportunities.push({
        opportunity_id: id,
        account_id: s,
        opportunity_name: h(i + k + 5),
        amount: 1000 * (i + 1) + 100 * k + 0.25,
        stage,
        created_date: date(created),
        close_date: date(created + 30 + 3 * i),
        lead_source: h(i + k + 6),
        product_line: h(i + k + 7),
        owner: h(i + k + 8),
        loss_reason: outcome === 1 ? h(i + k + 9) : null,
      });
      STAGES.order
        .slice(0, 1 + ((i + k) % STAGES.order.length))
        .forEach((st, j) => stageHistory.push({ opportunity_id: id, stage: st, entered_at: `${date(created + j)} 0${j}:00:00` }));
      for (let t = 0; t < 2 + ((i + k) % 2); t++) {
        touchpoints.push({
          touchpoint_id: `${h(i + t)}@${i}.${k}.${t}`,
          account_id: s,
          contact_id: h(i + k + t + 10),
          opportunity_id: id,
          occurred_at: `${date(created - 10 + 4 * t)} 1${t}:30:00`,
          channel: h(i + 2 * k + t),
          campaign: h(i + k + t + 12),
        });
      }
    }
    // An account-level touch with no opportunity (a null journey for data-driven models).
    touchpoints.push({
      touchpoint_id: `${s}@account`,
      account_id: s,
      contact_id: h(i + 13),
      opportunity_id: null,
      occurred_at: `${date(7 * i + 200)} 08:00:00`,
      channel: h(i + 14),
      campaign: h(i + 15),
    });
  });
  const spend: Spend[] = HOSTILE.map((s, i) => ({
    month: `2025-0${1 + (i % 6)}`,
    channel: s,
    campaign: h(i + 1),
    amount: 100 * (i + 1) + 0.5,
    tier: h(i + 4 + (i % 2 ? n : 0)),
  }));
  const targets: Target[] = HOSTILE.map((_, i) => ({ period: `2025-Q${1 + (i % 4)}`, tier: h(i + 4), amount: 5000 + 250 * i }));
  return { accounts, opportunities, stageHistory, touchpoints, spend, targets };
}

export const DIMENSIONS = ["size", "industry", "tier", "country", "region", "owner", "header_tier", "ghost"] as const;

/** pipeprism.yaml with hostile stage names, band names, map values, channel rule names and unknown label. */
export function hostileConfig(extra: Record<string, unknown> = {}): string {
  const config = {
    sources: {
      accounts: ACCOUNTS_FILE,
      opportunities: "opportunities.csv",
      stage_history: "stage_history.csv",
      touchpoints: "touchpoints.csv",
      spend: "spend.csv",
      targets: "targets.csv",
    },
    stages: {
      order: [...STAGES.order],
      won: [...STAGES.won],
      lost: [...STAGES.lost],
      probability: Object.fromEntries(STAGES.order.map((s, i) => [s, 10 + 20 * i])),
    },
    segments: {
      size: { field: "employees", bands: [{ name: SIZE_BANDS[0], max: 10 }, { name: SIZE_BANDS[1], max: 999 }, { name: SIZE_BANDS[2] }] },
      industry: { field: "industry", map: INDUSTRY_MAP },
      tier: { field: "tier" },
      country: { field: "country" },
      region: { field: "country", preset: "regions" },
      owner: { field: "owner" },
      header_tier: { field: HOSTILE_HEADER_FIELD },
      ghost: { field: MISSING_FIELD },
    },
    unknown_label: UNKNOWN_LABEL,
    channels: CHANNEL_RULES.map((r) => ({ match: { ...r.match }, channel: r.channel })),
    attribution: { lookback_days: 60, custom_models: { hostile_custom: { roles: { first: 0.5, last: 0.3 }, rest: 0.2 } } },
    min_sample: 2,
    ...extra,
  };
  return stringify(config, { lineWidth: 0 });
}

/** Opportunity records ingest must quarantine: a formula where the amount goes, a hostile id repeated. */
export const BAD_AMOUNT = "=1+1\r\n<script>window.__pwned='amount'</script>";
const BAD_OPPORTUNITIES: readonly (readonly string[])[] = [
  ["bad amount", HOSTILE[0] ?? "", "x", BAD_AMOUNT, STAGES.won[0], "2025-02-01", "2025-03-01", "new_business", "", "", "", ""],
  [HOSTILE[1] ?? "", HOSTILE[1] ?? "", "x", "10", STAGES.won[0], "2025-02-01", "2025-03-01", "new_business", "", "", "", ""],
];

export function hostileFiles(data: HostileData = hostileData(), config = hostileConfig()): Record<string, string> {
  return {
    "pipeprism.yaml": config,
    [ACCOUNTS_FILE]: csvFile([
      ["account_id", "account_name", "industry", "employees", "country", "tier", HOSTILE_HEADER],
      ...data.accounts.map((a) => [a.account_id, a.account_name, a.industry, a.employees, a.country, a.tier, a.tier]),
    ]),
    "opportunities.csv": csvFile([
      [
        "opportunity_id",
        "account_id",
        "opportunity_name",
        "amount",
        "stage",
        "created_date",
        "close_date",
        "type",
        "lead_source",
        "product_line",
        "owner",
        "loss_reason",
      ],
      ...data.opportunities.map((o) => [
        o.opportunity_id,
        o.account_id,
        o.opportunity_name,
        o.amount,
        o.stage,
        o.created_date,
        o.close_date,
        "new_business",
        o.lead_source,
        o.product_line,
        o.owner,
        o.loss_reason,
      ]),
      ...BAD_OPPORTUNITIES,
    ]),
    "stage_history.csv": csvFile([
      ["opportunity_id", "stage", "entered_at"],
      ...data.stageHistory.map((e) => [e.opportunity_id, e.stage, e.entered_at]),
    ]),
    "touchpoints.csv": csvFile([
      ["touchpoint_id", "account_id", "contact_id", "opportunity_id", "occurred_at", "channel", "campaign"],
      ...data.touchpoints.map((t) => [t.touchpoint_id, t.account_id, t.contact_id, t.opportunity_id, t.occurred_at, t.channel, t.campaign]),
    ]),
    "spend.csv": csvFile([
      ["month", "channel", "campaign", "amount", "tier"],
      ...data.spend.map((s) => [s.month, s.channel, s.campaign, s.amount, s.tier]),
    ]),
    "targets.csv": csvFile([["period", "tier", "amount"], ...data.targets.map((t) => [t.period, t.tier, t.amount])]),
  };
}
