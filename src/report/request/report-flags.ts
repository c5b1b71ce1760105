// Which flags each report takes: the one place to look. A flag not listed for a report is a usage
// error (exit 2) on the CLI, a 400 on the HTTP API and a UserError in the library.
import type { FlagKey } from "./flags.js";

const WINDOW = ["by", "period", "from", "to", "asOf"] as const satisfies readonly FlagKey[];
/** The window plus --where. */
const SCOPE = [...WINDOW, "where"] as const satisfies readonly FlagKey[];
const MODEL = ["model", "stage", "order", "shapleyValue", "seed"] as const satisfies readonly FlagKey[];
/** Over time: repeated per period, or beside a comparison window. */
const OVER_TIME = ["trend", "rolling", "compare"] as const satisfies readonly FlagKey[];

export const REPORT_NAMES = [
  "summary",
  "pipeline",
  "winrate",
  "funnel",
  "leads",
  "velocity",
  "coverage",
  "losses",
  "attribution",
  "models",
  "cost",
  "ltv",
  "insights",
  "deals",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_FLAGS: ReadonlyMap<ReportName, readonly FlagKey[]> = new Map<ReportName, readonly FlagKey[]>([
  ["summary", SCOPE],
  ["pipeline", [...SCOPE, ...OVER_TIME, "snapshots"]],
  ["winrate", [...SCOPE, "cohort", ...OVER_TIME]],
  ["funnel", [...SCOPE, ...OVER_TIME]],
  ["leads", [...SCOPE, "trend", "rolling"]],
  ["velocity", SCOPE],
  ["coverage", [...SCOPE, ...MODEL, ...OVER_TIME]],
  ["losses", SCOPE],
  ["attribution", [...SCOPE, ...MODEL, "intervals", "level", ...OVER_TIME]],
  ["models", [...SCOPE, "stage", "order", "shapleyValue", "seed"]],
  ["cost", [...SCOPE, ...MODEL, "level"]],
  ["ltv", [...SCOPE, ...MODEL]],
  ["insights", [...SCOPE, ...MODEL]],
  ["deals", [...SCOPE, ...MODEL, "channel", "limit"]],
]);

export function isReportName(name: string): name is ReportName {
  return REPORT_FLAGS.has(name as ReportName);
}
