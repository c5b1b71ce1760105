// Query string → runReport options, for the HTTP API. Only the report flags the CLI has are
// accepted, each at most once, under their snake_case names; anything else is a 400 naming the
// valid keys, so no request reaches the engine with a parameter the CLI could not express.
import { UserError } from "../model/diagnostic.js";
import type { RunReportOptions } from "../report/run-report.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (options: Mutable<RunReportOptions>, value: string) => void;

const flag = (key: string, value: string): boolean => {
  if (value === "" || value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new UserError(`${key}: "${value}" is not a boolean (valid: true, false)`, "bad_query");
};

/** Query key → how it sets the option of the same CLI flag (`as_of` is `--as-of`). */
export const QUERY_KEYS: Readonly<Record<string, Setter>> = {
  by: (o, v) => void (o.by = v),
  period: (o, v) => void (o.period = v),
  from: (o, v) => void (o.from = v),
  to: (o, v) => void (o.to = v),
  as_of: (o, v) => void (o.asOf = v),
  cohort: (o, v) => void (o.cohort = flag("cohort", v)),
  model: (o, v) => void (o.model = v),
  stage: (o, v) => void (o.stage = v),
  order: (o, v) => void (o.order = v),
  shapley_value: (o, v) => void (o.shapleyValue = v),
  seed: (o, v) => void (o.seed = v),
  trend: (o, v) => void (o.trend = v),
  rolling: (o, v) => void (o.rolling = v),
  snapshots: (o, v) => void (o.snapshots = flag("snapshots", v)),
};

/** Options exactly as `pipeprism report` builds them from the same flags. */
export function parseReportQuery(query: URLSearchParams): RunReportOptions {
  const options: Mutable<RunReportOptions> = { cohort: false, snapshots: false };
  const seen = new Set<string>();
  for (const [key, value] of query) {
    const set = QUERY_KEYS[key];
    if (!set) throw new UserError(`unknown query parameter "${key}" (valid: ${Object.keys(QUERY_KEYS).join(", ")})`, "bad_query");
    if (seen.has(key)) throw new UserError(`query parameter "${key}" is given more than once`, "bad_query");
    seen.add(key);
    if (value.length > 200) throw new UserError(`query parameter "${key}" is longer than 200 characters`, "bad_query");
    set(options, value);
  }
  return options;
}

/** A stable key for caching: the parsed options in a fixed order. */
export function queryKey(name: string, options: RunReportOptions): string {
  const entries = Object.entries(options).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([name, entries]);
}
