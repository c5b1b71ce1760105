// Raw flags (CLI options, HTTP query parameters or a library options object) → a frozen,
// typed ReportRequest. Every surface goes through `parseReportRequest`, so each accepts exactly
// the flags the report declares in report-flags.ts and gives the same error for the rest.
import { UserError } from "../../model/diagnostic.js";
import { FLAGS, FLAGS_BY_QUERY, type FlagKey, type FlagSpec, type ReportFlags } from "./flags.js";
import { isReportName, REPORT_FLAGS, REPORT_NAMES, type ReportName } from "./report-flags.js";

export interface ReportRequest {
  readonly report: ReportName;
  readonly flags: Readonly<Partial<ReportFlags>>;
}

/** A raw value as it arrived: text from the CLI or a URL, or a typed library value. */
export type RawFlags = Iterable<readonly [FlagKey, unknown]>;

function parseReportName(name: string): ReportName {
  if (isReportName(name)) return name;
  throw new UserError(`unknown report "${name}" (valid: ${REPORT_NAMES.join(", ")})`, "bad_report");
}

export function parseReportRequest(name: string, raw: RawFlags): ReportRequest {
  const report = parseReportName(name);
  const accepted = REPORT_FLAGS.get(report) ?? [];
  const flags: Partial<Record<FlagKey, unknown>> = {};
  for (const [key, value] of raw) {
    const spec = FLAGS.get(key);
    if (!spec || !accepted.includes(key)) throw unknownFlag(report, spec?.cli ?? key);
    if (Object.hasOwn(flags, key)) throw new UserError(`${spec.cli} is given more than once`, "bad_flag_value");
    flags[key] = parseValue(spec, value);
  }
  return Object.freeze({ report, flags: Object.freeze(flags as Partial<ReportFlags>) });
}

/** A flag's value is the user's typing: whatever is wrong with it is a usage error (exit 2). */
function parseValue(spec: FlagSpec, value: unknown): unknown {
  try {
    return spec.parse(value);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(error.diagnostics.map((d) => ({ ...d, code: "bad_flag_value" as const })));
    throw error;
  }
}

function unknownFlag(report: ReportName, flag: string): UserError {
  const valid = (REPORT_FLAGS.get(report) ?? []).map((k) => FLAGS.get(k)?.cli ?? k);
  return new UserError(`report ${report} does not take ${flag} (it takes ${valid.join(", ")})`, "unknown_flag");
}

/** A library options object (`{ by: ["size"], asOf: "2025-06-30" }`); undefined values are absent. */
export function flagsFromOptions(options: object): RawFlags {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k as FlagKey, v] as const);
}

/** HTTP query parameters under their snake_case names; an unknown key names the report's keys. */
export function flagsFromQuery(report: string, query: URLSearchParams): RawFlags {
  const name = parseReportName(report);
  const flags: [FlagKey, unknown][] = [];
  const lists = new Map<FlagKey, string[]>();
  for (const [key, value] of query) {
    if (value.length > 200) throw new UserError(`query parameter "${key}" is longer than 200 characters`, "bad_query");
    const spec: FlagSpec | undefined = FLAGS_BY_QUERY.get(key);
    if (!spec) throw unknownFlag(name, `query parameter "${key}"`);
    if (!spec.repeatable) flags.push([spec.key, value]);
    else if (lists.has(spec.key)) lists.get(spec.key)?.push(value);
    else {
      const list = [value];
      lists.set(spec.key, list);
      flags.push([spec.key, list]);
    }
  }
  return flags;
}

/** The query keys a report accepts, for the dashboard. */
export function queryKeysOf(report: ReportName): string[] {
  return (REPORT_FLAGS.get(report) ?? []).map((k) => FLAGS.get(k)?.query ?? k);
}
