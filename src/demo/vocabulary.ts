// The demo company's fixed vocabulary: channels, industries, countries, people and names. Kept
// apart from the behaviour tables so the numbers that plant patterns are easy to find and review.
import type { Random } from "./random.js";

export interface ChannelInfo {
  readonly name: string;
  readonly index: number;
  /** Fully loaded cost of one touch, used to derive monthly spend; 0 = no spend rows. */
  readonly costPerTouch: number;
  /** The CRM lead source an opportunity sourced by this channel would carry. */
  readonly leadSource: string;
  readonly campaignThemes: readonly string[];
}

const CHANNEL_SPECS: readonly Omit<ChannelInfo, "index">[] = [
  {
    name: "Paid Search",
    costPerTouch: 95,
    leadSource: "Paid Search",
    campaignThemes: ["Brand", "Competitor Terms", "Generic - Attribution", "Generic - RevOps"],
  },
  {
    name: "Paid Social",
    costPerTouch: 70,
    leadSource: "Social",
    campaignThemes: ["LinkedIn Lead Gen", "LinkedIn Retargeting", "Meta Prospecting"],
  },
  { name: "Organic Search", costPerTouch: 0, leadSource: "Web", campaignThemes: ["Website", "Blog"] },
  {
    name: "Content",
    costPerTouch: 45,
    leadSource: "Content Download",
    campaignThemes: ["State of RevOps Report", "Pipeline Playbook, 2nd Edition", "Benchmark Guide"],
  },
  { name: "Webinar", costPerTouch: 110, leadSource: "Webinar", campaignThemes: ["Forecasting Live", "Customer Panel", "Product Tour"] },
  {
    name: "Events",
    costPerTouch: 650,
    leadSource: "Trade Show",
    campaignThemes: ["SaaStr Annual", "Dreamforce Booth", "Executive Dinner Series", "Regional Roadshow"],
  },
  {
    name: "Outbound SDR",
    costPerTouch: 160,
    leadSource: "Outbound Prospecting",
    campaignThemes: ["Enterprise ABM Sequence", "Cold Outreach", "Signal-Based Outreach"],
  },
  {
    name: "Partner",
    costPerTouch: 380,
    leadSource: "Partner Referral",
    campaignThemes: ["SI Partner Referral", "Marketplace Listing", "Co-Sell Program"],
  },
  { name: "Email", costPerTouch: 12, leadSource: "Email", campaignThemes: ["Monthly Newsletter", "Nurture Track", "Product Updates"] },
];

export const CHANNELS: readonly ChannelInfo[] = CHANNEL_SPECS.map((spec, index) => ({ ...spec, index }));

/** Raw industry labels, as a CRM would hold them; the demo config maps the two IT spellings. */
export const INDUSTRIES: readonly (readonly [string, number])[] = [
  ["Software", 14],
  ["Computer Software", 4],
  ["Information Technology", 3],
  ["Financial Services", 14],
  ["Healthcare", 12],
  ["Manufacturing", 14],
  ["Retail", 11],
  ["Education", 7],
  ["Media", 8],
  ["Logistics", 9],
  ["", 1],
];

/** Country spellings mix names with ISO-2/ISO-3 codes to exercise the region preset. */
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ["United States", 30],
  ["US", 9],
  ["USA", 3],
  ["Canada", 6],
  ["Brazil", 3],
  ["Mexico", 2],
  ["MX", 0.5],
  ["Argentina", 1],
  ["Chile", 0.7],
  ["Colombia", 0.8],
  ["United Kingdom", 7],
  ["GB", 2],
  ["Germany", 5],
  ["DEU", 1.5],
  ["France", 4],
  ["Netherlands", 2],
  ["Sweden", 1.2],
  ["Spain", 1.5],
  ["Ireland", 1],
  ["Switzerland", 1],
  ["South Africa", 0.8],
  ["United Arab Emirates", 0.8],
  ["Australia", 4],
  ["AU", 0.5],
  ["Japan", 3],
  ["JPN", 0.5],
  ["Singapore", 2],
  ["India", 3],
  ["New Zealand", 0.6],
  ["South Korea", 0.8],
  ["", 0.8],
];

export const LOSS_REASONS = ["Price", "Competitor", "No Decision", "Timing", "Product Fit", ""] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

/** Sales teams by segment: 9 + 8 + 8 = 25 owners. */
export const OWNERS = {
  SMB: [
    "Maya Chen",
    "Luis Ortega",
    "Hannah Berg",
    "Tom Okafor",
    "Priya Nair",
    "Jake Sullivan",
    "Aisha Rahman",
    "Ben Kowalski",
    "Sofia Rossi",
  ],
  "Mid-Market": [
    "Daniel Kim",
    "Olivia Martin",
    "Kwame Mensah",
    "Emma Larsen",
    "Ravi Patel",
    "Chloe Dubois",
    "Marco Bianchi",
    "Grace O'Neill",
  ],
  Enterprise: [
    "Katherine Wu",
    "James Whitfield",
    "Isabel Navarro",
    "Henrik Johansson",
    "Fatima Al-Sayed",
    "Michael Brennan",
    "Yuki Tanaka",
    "Alexandra Petrov",
  ],
} as const;

const NAME_STEMS = [
  "Blue",
  "North",
  "Silver",
  "Iron",
  "Bright",
  "Cedar",
  "Summit",
  "Harbor",
  "Red",
  "Granite",
  "Pioneer",
  "Atlas",
  "Vertex",
  "Lumen",
  "Quantum",
  "Evergreen",
  "Falcon",
  "Nova",
  "Orchid",
  "Sterling",
  "Crescent",
  "Maple",
  "Beacon",
  "Cobalt",
  "Horizon",
  "Keystone",
  "Meridian",
  "Oak",
  "Prairie",
  "Tidal",
];
const NAME_ROOTS = [
  "field",
  "stone",
  "ridge",
  "wave",
  "point",
  "gate",
  "bridge",
  "path",
  "works",
  "line",
  "peak",
  "brook",
  "port",
  "view",
  "wind",
  "light",
  "crest",
  "shore",
  "vale",
  "forge",
];
const NAME_TAILS = [
  "Analytics",
  "Systems",
  "Health",
  "Logistics",
  "Capital",
  "Labs",
  "Retail",
  "Manufacturing",
  "Media",
  "Learning",
  "Group",
  "Technologies",
  "Partners",
  "Solutions",
  "Foods",
  "Energy",
];
// A few legal suffixes carry commas and ampersands so the CSV writer's quoting gets exercised.
const LEGAL_SUFFIXES = ["Inc.", "LLC", "Ltd", "GmbH", "", "", "", "Co.", ", Inc.", "& Co.", "S.A.", "Pty Ltd"];

/** A plausible company name such as "Cedarbrook Analytics, Inc."; duplicates are allowed, ids are unique. */
export function companyName(rng: Random): string {
  const suffix = rng.pick(LEGAL_SUFFIXES);
  const base = `${rng.pick(NAME_STEMS)}${rng.pick(NAME_ROOTS)} ${rng.pick(NAME_TAILS)}`;
  if (suffix === "") return base;
  return suffix.startsWith(",") ? base + suffix : `${base} ${suffix}`;
}
